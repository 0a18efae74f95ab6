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
raw = { $text }
