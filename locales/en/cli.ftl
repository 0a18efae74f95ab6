# casebook messages (English): cli
# Keys are shared with ../zh-CN/cli.ftl; each message uses the same $arguments there.

