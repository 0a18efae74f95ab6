# casebook messages (English): serve
# Keys are shared with ../zh-CN/serve.ftl; each message uses the same $arguments there.

