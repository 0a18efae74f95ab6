# casebook 的提示文字（简体中文）：config
# 键与 ../en/config.ftl 相同，每条消息的 $参数 也相同。


## casebook.toml

cfg-cannot-read = 无法读取 { $file }：{ $error }
cfg-unsupported-language = 不支持的语言 "{ $value }"
cfg-theme-not-folder = 主题 "{ $value }" 不是一个文件夹名
cfg-theme-not-folder-hint = 请写 themes/ 下某个文件夹的名字，例如：theme = "default"
cfg-paginate-range = paginate 应在 1 到 10000 之间，这里写的是 { $value }
cfg-accent-color-invalid = accent_color "{ $value }" 不是 #rrggbb 形式的颜色
cfg-base-url-invalid = base_url "{ $value }" 不是以 http:// 或 https:// 开头的完整网址
cfg-unknown-highlight-theme = 未知的代码高亮配色 "{ $value }"
cfg-extra-not-table = `extra` 应为表
# casebook.toml 中各个表的名称，用在“……中的键 `x` 无法识别”和
# “……可用的键”中（load-unknown-key）。
cfg-in-config = casebook.toml 文件
cfg-in-table = { $table } 表

## [pdf]

cfg-unknown-pdf-layout = 未知的 PDF 版式 "{ $value }"
cfg-unknown-paper = 未知的纸张大小 "{ $value }"
cfg-paper-gbt9704 = GB/T 9704 版式固定用 A4 纸：`paper` 只在 layout = "book" 时起作用
cfg-paper-gbt9704-hint = 请删去 `paper`，或者设置 layout = "book"

## [vocab.*]

cfg-unknown-vocab = 未知的词表 `vocab.{ $name }`
cfg-vocab-not-table = `vocab.{ $name }` 应为由 id = "标签" 组成的表
cfg-vocab-bad-id = 词表的 id `{ $id }` 只能由小写英文字母、数字、`_` 或 `-` 组成
cfg-vocab-bad-id-hint = id 在头部字段中使用；标签可以是任意文字：ministerial = "部级"
# $found：load-type-* 中的一个类型名称。
cfg-vocab-label-not-text = `{ $id }` 的标签应为文本，这里写的是{ $found }
# $table：[vocab.levels] 等。
cfg-vocab-label-is-id = 在 { $table } 中，`{ $id }` 的标签 "{ $label }" 是 `{ $other }` 的 id
cfg-vocab-label-twice = 在 { $table } 中，标签 "{ $label }" 同时指 `{ $other }` 和 `{ $id }`
cfg-vocab-label-clash-hint = 头部字段中可以用标签代替 id，所以一个标签只能对应一个取值：请给 `{ $id }` 换一个标签
cfg-images-widths = images.widths 应是由 16 到 { $max } 之间整数组成的列表，这里写的是 { $found }
cfg-images-quality-range = images.quality 应在 1 到 100 之间，这里写的是 { $value }
cfg-images-max-pixels-range = images.max_pixels 至少为 1000000（一百万像素），这里写的是 { $value }
