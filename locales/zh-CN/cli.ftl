# casebook 的提示文字（简体中文）：cli
# 键与 ../en/cli.ftl 相同，每条消息的 $参数 也相同。

## 命令行：各命令的 --help 与用法错误

cli-about = 改革典型案例汇编的静态网站生成器
cli-usage-heading = 用法：
cli-usage-options = [选项]
cli-value-command = 命令
cli-heading-commands = 命令
cli-heading-arguments = 参数
cli-heading-options = 选项
cli-help = 显示帮助
cli-version = 显示版本号
cli-help-about = 显示 casebook 或其某个命令的帮助
cli-help-usage = casebook help [命令]
cli-more-help = 更多说明请运行 '--help'。
cli-unknown-lang = casebook 不支持语言 "{ $value }"：请写 zh-CN 或 en

cli-arg-root = 站点文件夹（默认：从当前文件夹向上找到的第一个含 casebook.toml 的文件夹）
cli-arg-quiet = 只显示错误
cli-arg-verbose = 显示更多细节
cli-arg-lang = 提示和帮助的语言：zh-CN 或 en（默认：站点的语言，没有站点时用系统语言；也可设环境变量 CASEBOOK_LANG）

cli-build-about = 生成网站，写入 public/（或 --output 指定的文件夹）
cli-build-arg-output = 网站写入的文件夹（默认：public/），整个替换；也可写作 --output-dir
cli-build-arg-drafts = 包括标记为 draft = true 的草稿
cli-build-arg-base_url = 代替 casebook.toml 中的 base_url
cli-build-arg-offline = 链接写成指向 index.html 的相对地址，以便用 file:// 直接打开

cli-serve-about = 生成网站并在本机预览，监视文件，每次保存后自动刷新浏览器（也可写作 casebook server）
cli-serve-arg-port = 端口 [默认：1111，被占用时自动换用下一个空闲端口]；在这里指定的端口必须空闲；0 表示任意空闲端口
cli-serve-arg-bind = 监听的地址（默认：127.0.0.1；让其他电脑访问时还需 --allow-host）
cli-serve-arg-drafts = 包括标记为 draft = true 的草稿
cli-serve-arg-open = 用默认浏览器打开网站
cli-serve-arg-allow_host = 同时应答发给此主机名或地址的请求（NAME 或 NAME:PORT，可重复），例如配合 --bind 0.0.0.0 从其他电脑访问预览
cli-serve-arg-base_url = 预览页面使用的网站地址（默认：http://127.0.0.1:端口/），例如 http://192.168.1.5:1111/ 以便从其他电脑打开；此地址的主机也会被应答

cli-bundle-about = 生成可离线浏览（file://）的网站并打成 zip 包，附 SHA-256 校验清单
cli-bundle-arg-output = 要写入的 zip 文件（默认：dist/<站点网址名>.zip）

cli-pdf-about = 将汇编排版为可付印的 PDF（编印；默认按 GB/T 9704 版式）
cli-pdf-arg-slug = 汇编的网址名（slug；站点只有一部汇编时可省略）
cli-pdf-arg-output = 要写入的 PDF 文件（默认：dist/<网址名>.pdf），整个替换
cli-pdf-arg-drafts = 包括标记为 draft = true 的草稿案例

cli-docx-about = 将汇编导出为可编辑的 Word 文档（.docx），使用公文样式
cli-docx-arg-slug = 汇编的网址名（slug；站点只有一部汇编时可省略）
cli-docx-arg-output = 要写入的 Word 文件（默认：dist/<网址名>.docx），整个替换
cli-docx-arg-drafts = 包括标记为 draft = true 的草稿案例

cli-import-about = 将报送的 Word 材料（.docx）导入为新的案例或成效总结，并逐份报告
cli-import-arg-inputs = .docx 文件，或文件夹（导入其中所有 .docx 文件）
cli-import-arg-kind = 每份文件导入为：case（案例，放在 content/cases/<年份>/；默认）或 summary（成效总结，放在 content/summaries/<年份>/）
cli-import-arg-into = 写入的文件夹（默认：content/cases/<年份>/ 或 content/summaries/<年份>/）
cli-import-arg-dry_run = 只显示将写入的内容，不写任何文件

cli-check-about = 检查内容、链接和模板，不写任何文件
cli-check-arg-drafts = 同时检查标记为 draft = true 的草稿

cli-stats-about = 显示 data/stats.json 中的统计数字
cli-stats-arg-json = 输出 data/stats.json 的 JSON 原文

cli-export-about = 将台账导出为 Excel 可打开的 CSV
cli-export-arg-output = 要写入的文件（默认：输出到屏幕）

cli-init-about = 新建站点，每种文档各带一个示例
cli-init-arg-dir = 新站点所在的文件夹（默认：当前文件夹；不存在时自动创建）
cli-init-arg-force = 文件夹不为空时也加入示例文件

cli-new-about = 按主题的模板新建一篇文档
cli-new-arg-kind = 文档种类：case（案例，content/cases/<年份>/）、summary（成效总结，content/summaries/）、brand（品牌，content/brands/）、compilation（汇编，content/compilations/）或 page（普通页面，content/pages/）
cli-new-arg-title = 文档标题（文件名由它生成）

cli-completions-about = 输出某个命令行外壳（shell）的自动补全脚本（例如 `casebook completions bash > /etc/bash_completion.d/casebook`）
cli-completions-arg-shell = 要补全的外壳：bash、zsh、fish、powershell 或 elvish

cli-man-about = 输出 man 手册页（roff 格式），例如 `casebook man > casebook.1`

## 用法错误

cli-err-unknown-argument = 无法识别的参数 '{ $arg }'
cli-err-unknown-command = 没有名为 '{ $name }' 的命令
cli-err-invalid-value = '{ $arg }' 的值 '{ $value }' 无效
cli-err-value-validation = '{ $arg }' 的值 '{ $value }' 无效：{ $cause }
cli-err-missing = 缺少必需的参数：{ $args }
cli-err-missing-command = 需要指定一个命令
cli-err-conflict = 参数 '{ $arg }' 不能与 '{ $other }' 同时使用
cli-err-no-equals = 给 '{ $arg }' 赋值时需要写等号（=）
cli-err-too-many = '{ $arg }' 多出了值 '{ $value }'，它不接受更多的值
cli-err-other = { $text }
cli-tip-did-you-mean = 提示：您是否要写 { $suggestion }？
cli-tip-possible-values = 可用的取值：{ $values }

## 命令输出的信息

cli-export-wrote = 已将 { $cases } 个案例写入 { $path }
cli-init-created = 已在 { $dir } 新建 casebook 站点（{ $files } 个文件）；下一步：进入该文件夹，运行 `casebook build`；编辑指南在站点的 docs/content.md
cli-new-created = 已新建 { $path }
