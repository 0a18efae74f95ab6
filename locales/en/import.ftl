# casebook messages (English): import
# Keys are shared with ../zh-CN/import.ftl; each message uses the same $arguments there.

