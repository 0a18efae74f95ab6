# casebook messages (English): content
# Keys are shared with ../zh-CN/content.ftl; each message uses the same $arguments there.

