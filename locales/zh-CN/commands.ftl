# casebook 的提示文字（简体中文）：commands
# 键与 ../en/commands.ftl 相同，每条消息的 $参数 也相同。


## 参数与文件
cmd-not-a-file-name = { $path } 不是一个文件名
cmd-base-url-not-absolute = --base-url "{ $url }" 不是以 http:// 或 https:// 开头的完整网址

## 进度条
cmd-building = 正在生成
cmd-zipping = 正在打包
cmd-typesetting = 正在排版

## build、check、bundle、pdf、docx：结束时的一行
cmd-built = 已生成 { $cases } 个案例、{ $summaries } 篇成效总结、{ $brands } 个品牌、{ $compilations } 本汇编，输出到 { $dest }，用时 { $seconds } 秒
cmd-checked = 已检查 { $cases } 个案例、{ $summaries } 篇成效总结、{ $brands } 个品牌、{ $compilations } 本汇编、{ $pages } 个页面：没有错误
cmd-bundled = 已打包 { $cases } 个案例（共 { $files } 个文件），输出到 { $path }，用时 { $seconds } 秒
cmd-typeset = 已排版 { $cases } 个案例（共 { $pages } 页），输出到 { $path }，用时 { $seconds } 秒
cmd-docx-wrote = 已写入 { $cases } 个案例（{ $pictures } 张图片、{ $footnotes } 个脚注），输出到 { $path }，用时 { $seconds } 秒
# 输出文件夹不能写入时，与内容错误一同显示的提示。
cmd-build-writes-nothing = 这个问题也解决之前，生成时不会写入任何文件

## pdf 和 docx：选择汇编
cmd-no-such-compilation-none-yet = 没有名为 "{ $slug }" 的汇编：站点中还没有汇编（可用 casebook new compilation 标题 新建）
cmd-no-such-compilation = 没有名为 "{ $slug }" 的汇编；现有的汇编是：{ $list }
cmd-no-compilation-yet = 站点中还没有汇编（可用 casebook new compilation 标题 新建）
cmd-which-compilation = 站点中有 { $count } 本汇编，请指定其中一本（casebook { $command } 网址名）：{ $list }
cmd-no-pdf-support = 这个 casebook 在编译时没有加入 PDF 功能（cargo 功能 "pdf"）；请安装带有该功能的版本

## init
cmd-init-not-a-folder = { $path } 已存在，但不是文件夹
cmd-init-not-empty = { $path } 不是空文件夹；请换一个空文件夹，或加上 --force 把示例文件写入其中（同名文件会被覆盖）

## new
cmd-new-empty-title = 标题是空的
cmd-new-no-file-name = 无法从 "{ $title }" 得出文件名；标题中须有字母、数字或汉字
cmd-new-no-archetype = 主题中没有 { $kind } 的文档模板（archetype）
cmd-new-exists = { $path } 已存在；casebook new 从不覆盖已有文件

## stats：统计表的标签（按站点的语言）
cmd-stats-cases = 典型案例
cmd-stats-summaries = 工作成效
cmd-stats-brands = 品牌
cmd-stats-compilations = 案例汇编
cmd-stats-approvals = 批示
cmd-stats-cases-with-approvals = 获批示的案例
cmd-stats-honours = 表彰推广
cmd-stats-cases-with-honours = 获表彰推广的案例
cmd-stats-by-level = 按层级
cmd-stats-by-kind = 按类型
cmd-stats-pilots = 改革试点
cmd-stats-accepted-by-level = 通过验收，按层级
cmd-stats-by-year = 按年度（案例 / 批示 / 表彰）
cmd-stats-by-region = 按县市区
cmd-stats-by-field = 按改革领域
cmd-stats-by-reform-kind = 按改革类型
