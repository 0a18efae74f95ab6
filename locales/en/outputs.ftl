# casebook messages (English): outputs
# Keys are shared with ../zh-CN/outputs.ftl; each message uses the same $arguments there.

