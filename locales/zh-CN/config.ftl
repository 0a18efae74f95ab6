# casebook 的提示文字（简体中文）：config
# 键与 ../en/config.ftl 相同，每条消息的 $参数 也相同。

