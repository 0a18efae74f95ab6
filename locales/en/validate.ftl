# casebook messages (English): validate
# Keys are shared with ../zh-CN/validate.ftl; each message uses the same $arguments there.

