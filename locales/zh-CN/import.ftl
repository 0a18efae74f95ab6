# casebook 的提示文字（简体中文）：import
# 键与 ../en/import.ftl 相同，每条消息的 $参数 也相同。


## 不能导入的文件是什么（接在“无法导入：”之后）
import-encrypted = 这是加密（设有密码）的 Word 文档；请在 Word 或 WPS 中打开，取消密码（文件 → 信息 → 保护文档），保存后再导入
import-legacy-doc = 这是 Word 97–2003 文档（.doc），不是 .docx；请在 Word 或 WPS 中打开，另存为 Word 文档（.docx）
import-rtf = 这是 RTF 文件，不是 .docx；请在 Word 或 WPS 中打开，另存为 Word 文档（.docx）
import-pdf = 这是 PDF 文件，不是 Word 文档；请向报送单位索取生成它的 .docx 文件
import-damaged-zip = 这是损坏或不完整的 .docx（压缩包无法读取：复制或下载时是否中断了？）
import-empty-file = 这是一个空文件
import-not-word = 这不是 Word 文档（.docx）
import-too-large = 文件太大，无法导入（{ $size } MiB；上限为 { $limit } MiB）
import-xlsx = 这是 Excel 工作簿（.xlsx），不是 Word 文档
import-pptx = 这是 PowerPoint 演示文稿（.pptx），不是 Word 文档
import-odt = 这是 OpenDocument 文件（.odt），不是 .docx；请另存为 Word 文档（.docx）
import-plain-zip = 这是普通的 zip 压缩包，不是 Word 文档（其中没有 word/document.xml）
import-no-document-xml = 这是损坏的 .docx（其中没有 word/document.xml）
import-broken-xml = 这是损坏的 .docx：word/document.xml 格式有误（第 { $byte } 字节处：{ $reason }）
import-part-unreadable = 这是损坏的 .docx：其中的 { $part } 无法读取（{ $cause }）
import-refused-part-size = 已拒绝：其中的 { $part } 有 { $size } MiB，上限为 { $limit } MiB（可能是“压缩炸弹”或内容过大）
import-refused-part-ratio = 已拒绝：其中的 { $part } 解压后膨胀 { $ratio } 倍，上限为 { $limit } 倍（可能是“压缩炸弹”或内容过大）
import-refused-part-larger = 已拒绝：其中的 { $part } 超过 { $limit } MiB（可能是“压缩炸弹”或内容过大）
import-refused-parts-total = 已拒绝：各部分合计超过 { $limit } MiB（可能是“压缩炸弹”或内容过大）

## 指明无法导入的文件的错误
import-cannot-read-file = 无法读取该文件：{ $cause }
import-file-too-large = 无法导入：文件太大（{ $size } MiB；上限为 { $limit } MiB）
import-cannot-import = 无法导入：{ $reason }
import-clash = 无法导入：{ $path } 已存在；casebook import 从不覆盖已有文件（请把原文件改名或移走，或用 --into 导入到其他文件夹）
import-folder-has-no-docx = { $path } 中没有可导入的 .docx 文件
import-nothing-named = 请指定要导入的 .docx 文件，或存放这些文件的文件夹

## 每个文件的导入报告
import-imported-file = 已导入 { $file } → { $path }
import-would-write-file = 将写入 { $file } → { $path }
import-mapped = 识别：{ $list }
# “识别：”一行中各部分之间的分隔符。
import-mapped-separator = ；
import-title-from-style = 标题取自“标题”样式
import-title-from-heading = 标题取自第一个标题段落
import-title-from-line = 标题取自第一行
import-title-from-nowhere = 没有找到标题（文档中没有文字）
# $fields：头部字段（unit、region、date）的列表。
import-from-opening-lines = { $fields } 取自开头的信息行
import-kept-as-comments = 另有 { $count } 行开头信息作为注释保留在头部字段中
import-body = 正文：{ $list }
import-headings = { $count } 个标题
import-numbered-headings = 其中 { $count } 个由编号行（一、/（一）…）识别
import-tables = { $count } 个表格
import-merged-tables = { $count } 个表格中的合并单元格已拆开
import-lists = { $count } 个列表
import-footnotes = { $count } 个脚注
import-pictures = { $count } 张图片
import-links = { $count } 个链接
import-dropped = 已舍弃：{ $list }
import-page-breaks = { $count } 个分页符
import-headers-footers = { $count } 个页眉页脚
import-comments = { $count } 条批注
import-tracked-changes = { $count } 处修订（保留接受修订后的文字）
import-text-boxes = { $count } 个文本框
import-contents-lines = { $count } 行目录
# $fields：暂填 TODO 的必填字段（title、date）。
import-to-fill = 待填写：{ $fields }（暂填 TODO；填好之前 casebook check 会一直提示）
import-warning-line = 警告：{ $message }

## 报告中的发现（接在“警告：”之后）
import-spelled-as-site = { $field } "{ $value }" 已按站点中其他案例的写法改为 "{ $site }"
import-region-new = region "{ $value }" 是本站点从未用过的县市区（已有案例用的是 { $known }）：请核对写法
import-picture-missing = 图片 { $target } 在文档中缺失
import-picture-metafile = 第 { $number } 张图片是 Windows 图元文件（.{ $ext }），浏览器无法显示：请在 Word 中另存为 PNG，并替换该文件

## 全部文件之后
import-check-no-errors = casebook check：没有错误
import-check-problems = casebook check：还有 { $count } 个问题要改，改好后站点才能生成（见下文）
import-imported-count = 已导入 { $done } 个，共 { $total } 个文件
import-would-import-count = 将导入 { $done } 个，共 { $total } 个文件
