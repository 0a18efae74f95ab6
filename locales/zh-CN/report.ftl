# casebook 的提示文字（简体中文）：report
# 键与 ../en/report.ftl 相同，每条消息的 $参数 也相同。

## 诊断信息的显示

severity-error = 错误
severity-warning = 警告
severity-help = 提示
# 报告末尾的统计行。
summary-errors = 发现 { $errors } 个错误
summary-warnings = { $warnings } 个警告
summary-errors-warnings = 发现 { $errors } 个错误、{ $warnings } 个警告
# 与站点中具体位置无关的单行错误。
error-line = 错误：{ $message }
# 日志和测试中的单行格式：`路径:行:列: 错误：原因（提示：……）`。
one-line-error = { $location }: 错误：{ $message }
one-line-warning = { $location }: 警告：{ $message }
one-line-hint = { $line }（提示：{ $hint }）
# 列出允许取值的提示。
allowed-values = 允许的取值：{ $list }
did-you-mean-allowed = 您是否要写 { $suggestion }？允许的取值：{ $list }
list-separator = 、
# 无法读写的文件或文件夹。
io-error = { $doing } { $path }：{ $cause }

## 文件或文件夹出错时正在做的事（io-error 的 $doing）
io-cannot-read = 无法读取
io-cannot-write = 无法写入
io-cannot-create = 无法创建
io-cannot-read-theme-file = 无法读取主题文件

## 文件或文件夹出错的原因（io-error 的 $cause），按出错的类型
io-not-found = 找不到该文件或文件夹
io-permission-denied = 没有权限
io-already-exists = 已经存在
io-invalid-data = 内容无效（文本文件须为 UTF-8 编码）
io-storage-full = 磁盘空间已满
io-read-only = 磁盘是只读的
io-is-a-folder = 这是一个文件夹，不是文件
io-not-a-folder = 路径中有一部分是文件，不是文件夹
io-folder-not-empty = 文件夹不是空的
io-file-too-large = 文件太大
io-invalid-filename = 文件名无效（太长，或含有系统不允许的字符）
io-busy = 另一个程序正在使用它，请关闭该程序后重试
io-timed-out = 磁盘或网络没有及时响应
io-unexpected-eof = 文件不完整（可能复制或下载时中断了）
io-out-of-memory = 内存不足
io-unsupported = 系统不支持此操作
# 其他原因：照录系统给出的说明。
io-other = { $text }

## 整个站点的错误（退出状态 2）
err-root-unusable = --root { $path }：{ $cause }
err-root-not-a-site = { $path } 中没有 { $file }；要新建站点，请运行 `casebook init`
err-no-working-folder = 无法读取当前文件夹：{ $cause }
err-no-site-here = 当前文件夹及其上级文件夹中都没有 { $file }；请运行 `casebook init` 新建站点，或用 --root 指定站点文件夹
err-theme-not-found = 在 themes/ 中找不到主题 "{ $theme }"
err-theme-not-found-hint = 请新建 themes/<主题名>/templates/，或删去 `theme` 一行以使用内置的默认主题
