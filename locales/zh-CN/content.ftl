# casebook 的提示文字（简体中文）：content
# 键与 ../en/content.ftl 相同，每条消息的 $参数 也相同。


## 类型名称，嵌入其他消息中（“这里写的是文本”）

load-type-null = 空值（null）
load-type-bool = 真假值（true 或 false）
load-type-integer = 整数
load-type-float = 数字
load-type-string = 文本
load-type-date = 日期
load-type-list = 列表
load-type-table = 表

## 键应取的类型（“应为整数”）

load-expect-text = 文本
load-expect-bool = 真假值（true 或 false）
load-expect-integer = 整数
load-expect-number = 数字
load-expect-date = 日期（格式为 YYYY-MM-DD）
load-expect-text-list = 文本列表
load-expect-table = 表
load-expect-table-list = 由表组成的列表

## 读取头部字段和 casebook.toml 中的值

load-missing-key = 缺少必填的键 `{ $key }`
load-add-line = 请加上这样一行：{ $example }
load-for-example = 例如：{ $example }
# $example 有多行。
load-for-example-lines =
    例如：
    { $example }
load-wrong-type = `{ $key }` 应为{ $expected }，这里写的是{ $found }
load-empty-value = `{ $key }` 是空的
load-date-todo = `{ $key }` 还没有填写：casebook import 没有在 Word 文件中找到它
load-date-todo-hint = 请填写案例上报的日期，例如 { $example }
# $why：load-date-shape 或 load-date-not-in-calendar。
load-date-invalid = `{ $key }` 不是有效的日期：{ $why }
load-date-hint = 日期请写成 YYYY-MM-DD 的形式，例如 2023-05-12
load-date-shape = "{ $value }" 不是 YYYY-MM-DD 的形式
load-date-not-in-calendar = 日历上没有 { $date } 这一天
load-list-empty-entry = `{ $key }` 中有一项是空的
load-list-empty-entry-hint = 请从列表中删去这个空项
load-list-twice = `{ $key }` 中 "{ $value }" 写了两次
load-list-twice-hint = 请删去重复的一项
# $what 指出是哪个表：casebook.toml 文件、[markdown] 表、案例、批示……
# 表里有放自定义值的 `extra` 键时，$extra 为 "yes"。
load-unknown-key-near = { $what }中的键 `{ $key }` 无法识别，与 `{ $near }` 相近
load-unknown-key-near-hint = 您是否要写 `{ $near }`？按现在的写法，这个值不会被用到{ $extra ->
    [yes] ；自定义的值请放在 `extra` 下
   *[no] {""}
}
load-unknown-key = { $what }中的键 `{ $key }` 无法识别
load-unknown-key-hint = { $what }可用的键：{ $list }{ $extra ->
    [yes] ；自定义的值请放在 `extra` 下
   *[no] {""}
}

## 头部字段的写法

load-front-matter-unclosed = 这里开始的 { $format } 头部字段没有结束
load-front-matter-unclosed-hint = 请在头部字段最后一行的后面加上一行，只写 `{ $delimiter }`
load-front-matter-not-table = 头部字段应为一组“键: 值”，这里写的是{ $found }
load-front-matter-not-table-hint = 每行写一个 `key: value`（YAML）或 `key = value`（TOML）
load-toml-too-deep = TOML 中列表或表的嵌套超过了 64 层
load-toml-too-deep-hint = 头部字段用不到这么深的嵌套；请检查是否多写了 `[` 或 `{"{"}`
# $detail 是 TOML 解析器自己的说明（英文）。
load-invalid-toml = TOML 格式有误：{ $detail }
load-toml-hint-yaml = 这看起来是 YAML：YAML 头部字段的上下两行要写 `---`；如果用 TOML，请写成 `key = value`
load-toml-hint-date = 日期直接写成 YYYY-MM-DD（不加引号），而且必须是日历上有的日子，例如 date = 2023-05-01
load-toml-hint-quotes = TOML 中的文字要加英文引号：title = "…"；日期不加引号：date = 2023-05-01
load-toml-hint-line = 请检查这一行是否少了引号、括号或 `=`
# $detail 是 YAML 解析器自己的说明（英文）。
load-invalid-yaml = YAML 格式有误：{ $detail }
load-yaml-hint = YAML 要写成 `key: value`，冒号后面要有一个空格，缩进要一致；值中含有 `: ` 或以特殊符号开头时，请给值加上引号
load-yaml-too-large = 头部字段太大，或展开的引用（alias）太多
load-yaml-two-documents = 头部字段中有不止一个 YAML 文档
load-yaml-unbalanced-list = YAML 列表的开头和结尾对不上
load-yaml-unbalanced-mapping = YAML 键值组的开头和结尾对不上
load-yaml-too-deep = 头部字段的嵌套超过了 64 层
load-yaml-too-many-aliases = 头部字段展开的引用（alias）太多
load-yaml-unknown-anchor = YAML 引用（alias）指向了不存在的锚点（anchor）
load-yaml-key-not-word = YAML 的键必须是一个普通的词，不能是列表或键值组
load-key-twice = 键 `{ $key }` 写了两次
load-key-twice-hint = 请删去其中一个

## 中文输入法在头部字段和 casebook.toml 中造成的错误

load-ime-switch = 请把输入法切换到英文标点（按“中/英”键或 Shift 键）后重新输入
load-ime-wide-bracket = 表头中用了全角的方括号 `［`
load-ime-wide-bracket-hint = 请用英文的方括号 [ ]，写成 [[honours]] 或 [extra]；{ load-ime-switch }
load-ime-wide-separator = `{ $key }` 和它的值之间用了全角的 `{ $separator }`
load-ime-wide-separator-hint = 请写成 `{ $example }`，用英文的 `{ $ascii }`；{ load-ime-switch }
load-ime-date = 日期写成了 { $value }
# $format 为 "toml" 或 "yaml"。
load-ime-date-hint = 请写成 { $example }：日期的格式是 YYYY-MM-DD，用英文数字和 - 连接，月和日都写两位{ $format ->
    [toml] ，不加引号
   *[yaml] {""}
}
load-ime-chinese-quotes = `{ $key }` 的值用了中文引号“…”，TOML 不把它当作引号
load-ime-chinese-quotes-hint = 请写成 { $example }，值的两边用英文引号 "；{ load-ime-switch }
load-ime-wide-in-value = `{ $key }` 的值中用了全角的 `{ $character }`
load-ime-wide-in-value-hint = 列表要写成 ["甲", "乙"]，用英文的引号和逗号；{ load-ime-switch }
load-ime-wide-digits = 用了全角数字 `{ $digits }`
load-ime-wide-digits-hint = 请用英文数字写成 { $ascii }；{ load-ime-switch }

## 查找和读取站点中的文件

# 栏目名称，嵌入其他消息中（“这个案例文件是空的”）。
load-section-home = 首页
load-section-case = 案例
load-section-summary = 成效总结
load-section-brand = 品牌
load-section-compilation = 汇编
load-section-page = 页面
load-cannot-read = 无法读取：{ $error }
load-unreadable-hint = 请检查文件夹的访问权限（或网络盘是否已连接）；站点有任何部分读取不了时，什么都不会发布
# $inside：load-inside-site 或 load-inside-theme。
load-inside-site = 站点文件夹
load-inside-theme = 主题文件夹
load-link-hint = 请把文件复制到站点中，不要用链接指向它；或者删除这个链接
load-link-to-nothing = 符号链接指向的文件不存在，已跳过
load-link-outside = 符号链接指向{ $inside }之外（{ $target }），其中的内容不会发布
load-link-unreadable = 无法打开符号链接：{ $error }
load-link-loop = 符号链接形成了循环，已跳过这个文件夹
load-vanished-during-walk = 读取站点时这个文件不见了，已跳过
load-vanished-during-read = 读取这个文件时它不见了，已跳过
load-no-content = 站点中没有 content/ 文件夹
load-no-content-hint = 请新建 content/cases/ 文件夹，把案例文件放进去；或者运行 `casebook init`
load-no-section = 直接放在 content/ 下的文档不属于任何栏目
load-no-section-hint = 文档应放在 content/cases/、summaries/、brands/、compilations/ 或 pages/ 中
load-unknown-section = 未知的内容栏目 `{ $folder }`
load-section-index = casebook 不使用栏目的索引文件，已忽略
load-section-index-hint = 列表页会自动生成；全站通用的文字请写在 content/_index.md 中
load-cannot-read-file = 无法读取这个文件：{ $error }
# $noun：load-section-* 中的一个。
load-empty-file = 这个{ $noun }文件是空的
load-empty-file-hint =
    请以头部字段开头，例如：
    +++
    title = "…"
    +++
load-no-front-matter = 这个{ $noun }没有头部字段
load-no-front-matter-hint = 文件第一行请写 `+++`（TOML）或 `---`（YAML），接着写 `title = "…"`，再写一行同样的分隔线
load-resave-utf8 = 请把文件另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8；VS Code：通过编码保存 → UTF-8）
load-utf16 = 这个文件是 UTF-16 编码，不是 UTF-8
load-binary = 这个文件是二进制数据，不是 Markdown 文本
load-binary-hint = 只有 Markdown（.md）文本文件才是文档；图片和 PDF 请放在文档文件夹里 index.md 的旁边
load-gbk = 这个文件不是 UTF-8 编码：看起来是 GBK/GB18030（中文 Windows 常用的编码）
load-not-utf8 = 这个文件不是有效的 UTF-8 文本
load-changed-after-check = { $path } 现在指向 { $now }；它在检查之后被改动过，因此不读取
