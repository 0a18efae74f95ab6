# casebook 的提示文字（简体中文）：import
# 键与 ../en/import.ftl 相同，每条消息的 $参数 也相同。

