# casebook messages (English): commands
# Keys are shared with ../zh-CN/commands.ftl; each message uses the same $arguments there.

