# casebook 的提示文字（简体中文）：validate
# 键与 ../en/validate.ftl 相同，每条消息的 $参数 也相同。


## 文档的头部字段（src/validate）

# 示例，写在说明文字的下一行。
validate-for-example-block =
    例如：
    { $example }
validate-for-example = 例如：{ $example }
validate-extra-not-table = `extra` 必须是一个表
validate-slug-invalid = 网址名 (slug) "{ $slug }" 不符合要求
validate-slug-rule = 网址名 (slug) 只能用小写英文字母、数字和单个 `-`
validate-slug-rule-example = 网址名 (slug) 只能用小写英文字母、数字和单个 `-`，例如 slug = "{ $suggestion }"
validate-slug-from-file = 无法从文件名 "{ $stem }" 生成网址名 (slug)
validate-slug-from-file-hint = 请加一个 `slug` 键，例如 slug = "my-case"，或者给文件改名
# $vocab 是 casebook.toml 中词表的名称（[vocab.levels] 等）；
# $field 是写错的键，例如 approvals[1].level。
validate-unknown-vocab = `{ $field }` 中的{ $vocab ->
        [levels] 级别
        [honour_kinds] 荣誉类型
        [reform_kinds] 改革类型
        [pilot_status] 试点状态
       *[other] 取值
    } "{ $value }" 无法识别
validate-pilot-needs-accepted-on = 试点已通过评估验收，需要填写 `pilot.accepted_on`
validate-pilot-needs-accepted-on-hint = 请填写评估验收的日期，例如 accepted_on = 2023-06-30
validate-metric-target-not-positive = `target` 必须大于 0
validate-metric-target-hint = 没有目标值时，请不要写 `target`
validate-color-invalid = color "{ $color }" 不是 #rrggbb 格式的颜色
validate-unknown-media-kind = 媒体类型 "{ $kind }" 无法识别
# 头部字段中的一个表是什么，用于“案例中的未知键 `x`”之类的提示。
validate-what = { $what ->
        [home] 首页
        [cases] 案例
        [summaries] 成效总结
        [brands] 品牌
        [compilations] 汇编
        [approval] 批示
        [honour] 荣誉
        [pilot] 试点
        [metric] 指标
        [milestone] 大事记
        [media] 媒体报道
        [photo] 图册照片
        [chapter] 章节
       *[pages] 页面
    }

## 网址名 (slug) 与文档之间的引用

validate-slug-taken = 网址名 (slug) "{ $slug }" 已被 { $other } 使用
validate-slug-taken-hint = 两个{ $section ->
        [cases] 案例
        [summaries] 成效总结
        [brands] 品牌
        [compilations] 汇编
       *[pages] 页面
    }不能共用一个网址：请给其中一个换一个 `slug`
validate-slug-reserved = 页面网址名 (slug) "{ $slug }" 已留给自动生成的页面使用
validate-slug-reserved-hint = 请给这个页面换一个 `slug`
# $key 是头部字段中的键（brands、compilations、chapters.cases）。
validate-unknown-ref = `{ $key }` 中写的{ $kind ->
        [brand] 品牌
        [compilation] 汇编
       *[case] 案例
    } "{ $slug }" 不存在
validate-did-you-mean = 您是否要写 "{ $suggestion }"？
validate-ref-none-yet = 站点中还没有任何{ $kind ->
        [brand] 品牌
        [compilation] 汇编
       *[case] 案例
    }
validate-ref-known = 已有的{ $kind ->
        [brand] 品牌
        [compilation] 汇编
       *[case] 案例
    }：{ $list }
validate-ref-check-slug = 请核对该{ $kind ->
        [brand] 品牌
        [compilation] 汇编
       *[case] 案例
    }的网址名（它的 `slug`，或它的文件名）
validate-chapter-case-did-you-mean = 您是否要写 "{ $suggestion }"？章节按网址名 (slug) 引用案例
validate-chapter-case-hint = 章节按网址名 (slug) 引用案例：即 `slug` 键、英文文件名，或中文文件名的拼音
validate-logo-missing = 找不到标志图片文件 "{ $logo }"
validate-logo-missing-hint = 请把图片放在品牌的 index.md 旁边（brands/<名称>/index.md）或 static/ 文件夹中，并写明它的路径
validate-logo-outside = 标志图片文件 "{ $logo }" 实际指向 { $target }，在站点文件夹之外
validate-logo-outside-hint = 站点文件夹之外的文件永远不会发布；请把图片复制到品牌的文件夹或 static/ 中
validate-logo-unreadable = 无法读取标志图片文件 "{ $logo }"：{ $error }
validate-check-permissions = 请检查文件的访问权限

## 站点的整体关系（src/model）

# $kind：brand、compilation 或 case。
model-draft-left-out = { $kind ->
        [brand] 品牌
        [compilation] 汇编
       *[case] 案例
    } "{ $slug }" 是草稿，本次未包含在内
model-draft-left-out-hint = 要发布它，请删去 `draft = true`，或在生成时加上 --drafts
model-term-slug-clash = { $taxonomy ->
        [regions] 地区
        [fields] 领域
        [tags] 标签
       *[years] 年份
    } "{ $name }" 和 "{ $other }" 会得到同一个网址名 (slug) "{ $slug }"
model-term-slug-clash-hint = 请统一两处的写法，或改掉其中一个

## 正文中的链接、图片和标题（src/markdown）

# $what：link、image、video、audio 或 file（来自 HTML）。
md-bad-host = { $what ->
        [image] 图片
        [video] 视频
        [audio] 音频
        [file] 文件
       *[link] 链接
    } "{ $dest }" 的地址没有有效的主机名，已略去
md-bad-host-hint = 请写出完整的地址，例如 https://www.gov.cn/
md-no-route = { $what ->
        [image] 图片
        [video] 视频
        [audio] 音频
        [file] 文件
       *[link] 链接
    } "{ $dest }" 指向的页面或文件在站点中不存在
md-no-route-hint = 以 / 开头的链接应指向站点的某个页面（如 /about/）或 static/ 文件夹中的文件
md-draft-link = { $what ->
        [image] 图片
        [video] 视频
        [audio] 音频
        [file] 文件
       *[link] 链接
    } "{ $dest }" 指向尚未发布的草稿
md-draft-link-hint = 草稿发布之前，链接文字照常显示，但不带链接
md-missing = { $what ->
        [image] 图片
        [video] 视频
        [audio] 音频
        [file] 文件
       *[link] 链接
    } "{ $dest }" 指向的文件不存在
md-not-a-document = 这个文件不是 casebook 文档（文档应放在 content/<栏目>/ 中）
md-relative-path-hint = 请检查路径：路径从本文件所在的文件夹算起
md-missing-file-hint = 请检查路径：路径从本文件所在的文件夹算起；图片请放在文档文件夹中 index.md 的旁边
md-outside = { $what ->
        [image] 图片
        [video] 视频
        [audio] 音频
        [file] 文件
       *[link] 链接
    } "{ $dest }" 实际指向 { $target }，在站点文件夹之外
md-outside-hint = 站点文件夹之外的文件永远不会发布；请把文件复制到站点中
md-unreadable = { $what ->
        [image] 图片
        [video] 视频
        [audio] 音频
        [file] 文件
       *[link] 链接
    } "{ $dest }"：无法读取该文件：{ $error }
md-script-url = { $what ->
        [image] 图片
        [video] 视频
        [audio] 音频
        [file] 文件
       *[link] 链接
    }指向脚本地址，已删除
md-script-url-hint = javascript:、vbscript: 和 data:text/html 地址永远不会发布；请改为链接到页面或文件
md-img-no-alt = 图片没有文字说明（alt）
md-img-no-alt-hint = 请加上 alt="…" 说明图片内容，方便看不到图片的读者；如果图片只是装饰，请写 alt=""
md-id-taken = id "{ $id }" 在本页已被使用，已略去
md-id-taken-hint = 某个标题、正文中的其他 HTML 或页面本身已经用了这个 id；请换一个
md-link-empty = 链接既没有文字也没有地址，已略去
md-link-no-text-shown = 链接 "{ $dest }" 没有文字，将直接显示其地址
md-link-no-text-dropped = 链接 "{ $dest }" 没有文字，已略去
md-link-no-text-hint = 请在 [ 和 ] 之间写明链接指向什么，或为其中的图片写上说明
md-heading-skip-title = { $level } 级标题紧跟在页面标题（1 级）之后，跳过了一级
md-heading-skip = { $level } 级标题紧跟在 { $before } 级标题之后，跳过了一级
# $hashes 是该级标题的 Markdown 写法，例如 ###。
md-heading-skip-hint = 它将显示为 { $shown } 级标题；请写成 { $hashes }（比上面的标题多一个 #）
md-footnote-undefined = 脚注 [{ $label }] 被引用了，但没有定义
md-footnote-undefined-hint = 请在正文下方加一行 `[{ $label }]: …`
md-fragment-missing = 链接指向 #{ $fragment }，但本文档中没有这个 id 的标题
md-no-headings = 本文档没有标题
md-heading-ids = 标题的 id 例如：{ $list }

## 图册
validate-photo-missing = 在本文档所在文件夹中找不到图册照片 "{ $src }"
validate-photo-missing-hint = 请把照片放在文档自己的文件夹里（案例：cases/<名称>/index.md 与照片放在一起），并写上照片的文件名
validate-photo-outside = 图册照片 "{ $src }" 实际指向 { $target }，在站点文件夹之外
validate-photo-outside-hint = 站点文件夹之外的文件一律不会发布；请把照片复制到文档所在的文件夹
validate-photo-unreadable = 无法读取图册照片 "{ $src }"：{ $error }
validate-photo-not-raster = 图册照片 "{ $src }" 不是照片
validate-photo-not-raster-hint = 图册只收 JPEG、PNG、GIF 或 WebP 图片；示意图（SVG）请放在正文中
