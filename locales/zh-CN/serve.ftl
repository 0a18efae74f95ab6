# casebook 的提示文字（简体中文）：serve
# 键与 ../en/serve.ftl 相同，每条消息的 $参数 也相同。


## 终端
serve-serving = 正在预览 { $root }，网址 { $url } （按 Ctrl-C 停止）
serve-serving-behind = 正在预览 { $root }，网址 { $url } （实际监听 { $local }，按 Ctrl-C 停止）
serve-port-busy-using = 端口 { $port } 已被占用，改用端口 { $used }
serve-listening-everywhere = 正在监听本机的所有地址，但只回应 localhost 的访问；要从另一台电脑打开预览，请加上 --allow-host，后面写那台电脑访问本机时用的名称或地址
serve-stopped = 已停止

## 让预览停下的错误
serve-cannot-listen-port = 无法使用端口 { $port }（{ $cause }）：另一个程序（也许是另一个 `casebook serve`）正在用它；请先停掉那个程序，或用 --port 换一个端口，或者不写 --port，让 casebook 自动用下一个空闲端口
serve-cannot-listen-any = 无法使用 { $address } 及其后的端口：{ $cause }
serve-cannot-start = 无法启动预览：{ $cause }
serve-cannot-create-folder = 无法创建预览用的文件夹 { $path }：{ $cause }
serve-cannot-watch-files = 无法监视文件的改动：{ $cause }
serve-cannot-watch = 无法监视 { $path } 的改动：{ $cause }
serve-theme-not-loaded = 主题没有载入
serve-allow-host-invalid = { $value } 不是主机名或地址；请写成 dev.example、192.168.1.5、[fd00::5] 或 dev.example:1111 这样的形式（不要带 http://，也不要带路径）
serve-base-url-invalid = { $value } 不能用作预览的网址；请写成 http://192.168.1.5:1111/ 或 https://preview.example/ 这样的形式（不带路径），或者只写主机名，比如 192.168.1.5

## 给浏览器的回答
serve-host-refused-loopback = 421 Misdirected Request：这个 casebook 预览只回应发往 localhost:{ $port } 或 127.0.0.1:{ $port } 以及 --allow-host 所给名称的请求；要用别的名称打开，请加上 --allow-host 名称，重新运行 `casebook serve`
serve-host-refused = 421 Misdirected Request：这个 casebook 预览只回应发往 { $host } 以及 --allow-host 所给名称的请求；要用别的名称打开，请加上 --allow-host 名称，重新运行 `casebook serve`
serve-http-forbidden = 禁止访问
serve-http-cannot-read = 无法读取该文件
serve-http-not-found = 找不到该页面

## 浏览器中的错误提示层
serve-overlay-title = casebook：有 { $errors } 个错误，页面显示的是上一次成功生成的网站
serve-overlay-error = 错误
serve-overlay-warning = 警告
serve-overlay-line = { $severity }：{ $message }
serve-overlay-help = 提示：{ $hint }
serve-overlay-footer = 改好文件并保存后，本页会自动刷新。

## 重新生成之后（终端）
serve-rebuilt-in = 已重新生成，用时 { $millis } 毫秒（{ $pages } 个页面，{ $files } 个文件）
serve-fixed-builds-again = 已修正：站点又能正常生成了（{ $pages } 个页面），浏览器会自动刷新
