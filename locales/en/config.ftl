# casebook messages (English): config
# Keys are shared with ../zh-CN/config.ftl; each message uses the same $arguments there.

