# casebook 的提示文字（简体中文）：outputs
# 键与 ../en/outputs.ftl 相同，每条消息的 $参数 也相同。


## 网站（src/html）

# 链接指向另一个文件的 `#锚点`，但该文件没有这个标题。
html-missing-fragment = 链接指向 { $target } 中的 #{ $fragment }，但那里没有这个 id 的标题
# 主题模板中的错误；$cause 是模板引擎给出的原因。
html-template-error = 模板错误：{ $cause }
html-template-vars-hint = 各类页面可用的变量见主题指南（docs/theme.md）
html-template-filters-hint = 可用的过滤器、函数和变量见主题指南（docs/theme.md）
# 主题文件是一个链接，指向了它所在文件夹之外。
html-theme-file-outside = 指向了允许的文件夹之外（指向 { $target }）
html-theme-file-unreadable = 无法读取：{ $cause }
html-translation-not-text = 翻译 `{ $key }` 的值必须是文字
html-translation-not-text-hint = 翻译文件中每行的写法如：cases = "典型案例"
html-theme-no-templates = 主题 "{ $theme }" 中没有模板
html-theme-no-templates-hint = 主题的模板应放在 themes/<name>/templates/ 文件夹中
# 某个页面无法写入输出文件夹。
html-page-cannot-write = 无法写入：{ $cause }

## 排版的 PDF（src/pdf）

pdf-no-cjk-font =
    没有找到能排印中文的字体
    {"  "}提示：请安装中文字体：Debian 或 Ubuntu 上运行 `apt install fonts-noto-cjk`，Fedora 上运行 `dnf install google-noto-serif-cjk-fonts google-noto-sans-cjk-fonts`；Windows 系统自带仿宋、黑体和楷体；也可以把 .otf/.ttf 字体文件放进站点中的一个文件夹，并在 `[pdf] font_dirs` 中写上这个文件夹
# $role 是 [pdf.fonts] 中的键（body、heading 等）。
pdf-font-substituted = PDF 的 { $role } 字体："{ $wanted }" 没有安装，已改用 "{ $used }"
pdf-font-substituted-hint = 请安装 "{ $wanted }"，或在 [pdf.fonts] 的 { $role } = [...] 中写上一种已安装的字体
# 排版程序（Typst）给出的警告，原文照录。
pdf-typesetting-warning = 排版：{ $message }
pdf-cannot-typeset = 无法排版这本汇编：{ $message }
# 排版错误的提示：排版程序自己的提示（$hint）、生成的排版源文件中的行号，或两者都有。
pdf-typst-hint = { $hint }
pdf-typeset-hint-line = 出错位置在生成的排版源文件第 { $line } 行；如果提到了某张图片，请检查它能否正常打开
pdf-typst-hint-at-line = { $hint }；出错位置在生成的排版源文件第 { $line } 行；如果提到了某张图片，请检查它能否正常打开
# $code 是这个字符的十六进制编号（U+20000 中的 20000）。
pdf-missing-glyph = 已安装的字体中都没有字符 "{ $char }"（U+{ $code }）
pdf-missing-glyph-hint = 请安装含有这个字符的字体并在 [pdf.fonts] 中写上它，或者换一种写法；否则 PDF 中这个字会显示为空白方框

## Word 文档（src/docx）

docx-picture-unsupported = Word 无法显示图片 "{ $picture }"，已改为写出它的说明文字和地址
docx-picture-unsupported-hint = Word 能显示 JPEG、PNG、GIF 和 BMP 格式的图片；请把它另存为其中一种格式

## 输出文件夹和离线包（src/output）

out-unsafe-path = 不安全的输出路径 { $path }
out-cannot-lock = 无法锁定 { $path }：{ $cause }
out-cannot-create = 无法创建 { $path }：{ $cause }
out-cannot-read = 无法读取 { $path }：{ $cause }
out-cannot-write = 无法写入 { $path }：{ $cause }
out-cannot-move-into-place = 无法把 { $path } 移到目标位置：{ $cause }
out-no-working-folder = 无法确定当前所在的文件夹：{ $cause }
out-no-parent = 输出文件夹没有上一级文件夹
out-cannot-write-marker = 无法写入输出文件夹的标记文件：{ $cause }
out-cannot-move-old = 无法把旧的输出文件夹移开：{ $cause }
out-cannot-move-new = 无法把新的输出文件夹移到目标位置：{ $cause }
out-refuse-holds-site = 不能把站点生成到 { $path }：这个文件夹里有站点自己的文件
# $folder 是 content、static、templates、themes 或 i18n。
out-refuse-inside-source = 不能把站点生成到 { $path }：它在站点的 { $folder }/ 文件夹里面
out-is-a-file = { $path } 是一个文件，不是文件夹
out-refuse-not-ours = 不能替换 { $path }：它不是空文件夹，也不是 casebook 生成的（里面没有 { $marker } 文件）；请换一个 --output，或先把它清空
# 名称无法安全放进压缩包的站点文件：$list 每行一个 out-zip-entry，行首缩进。
out-zip-unsafe-names =
    这些文件无法安全地放进压缩包；请给它们的源文件改名，然后重新打包：
    { $list }
out-zip-entry = { $name }：{ $why }
out-zip-backslash = 含有反斜杠，会被当作文件夹分隔符
out-zip-absolute = 是绝对路径
out-zip-colon = 含有冒号（在 Windows 上表示盘符）
out-zip-dot-segment = 路径中有空的、`.` 或 `..` 段
out-zip-windows-char = 含有 Windows 文件名中不能使用的字符

## 图片（图片处理）
img-heic = { $file } 是 HEIC 格式的照片（苹果手机默认格式），浏览器无法显示
img-heic-hint = 请把它导出为 JPEG 后改用 .jpg 文件：在手机上分享该照片并选择存为 JPEG，或在拍照前把“设置 › 相机 › 格式”改为“兼容性最佳”
img-unsupported = { $file } 是 { $format } 格式的图片，casebook 不发布这种格式
img-unsupported-hint = 请另存为 JPEG（照片）或 PNG（示意图、截图）后改用该文件
img-corrupt = { $file } 无法作为图片读取：文件已损坏或并非图片{ $detail ->
    [none] {""}
   *[other] （{ $detail }）
}
img-truncated = { $file } 不完整：图片数据没有到结尾文件就结束了
img-copy-again-hint = 请用看图软件打开它；若显示不全，请从原处重新复制一份
img-too-large = { $file } 为 { $width } × { $height } 像素（约 { $megapixels } 百万像素），超过了 images.max_pixels = { $max }
img-too-large-hint = 请先把图片缩小再放入（页面上 4000 像素宽已足够），如确需这么大的图片，可在 casebook.toml 的 [images] 中调大 max_pixels
img-unreadable = 无法读取 { $file }：{ $cause }
