# casebook messages (English): serve
# Keys are shared with ../zh-CN/serve.ftl; each message uses the same $arguments there.


## Terminal
serve-serving = Serving { $root } at { $url } (Ctrl-C to stop)
serve-serving-behind = Serving { $root } at { $url } (listening on { $local } - Ctrl-C to stop)
serve-port-busy-using = port { $port } is busy; using { $used } instead
serve-listening-everywhere = listening on every address, but answering only to localhost: to open the preview from another machine, add --allow-host with the name or address it uses for this one
serve-stopped = stopped

## Errors that stop the server
serve-cannot-listen-port = cannot listen on port { $port } ({ $cause }): another program, perhaps another `casebook serve`, uses it; stop that one, give another --port, or leave --port out to take the next free port
serve-cannot-listen-any = cannot listen on { $address } or the next ports: { $cause }
serve-cannot-start = cannot start the server: { $cause }
serve-cannot-create-folder = cannot create the preview folder { $path }: { $cause }
serve-cannot-watch-files = cannot watch files: { $cause }
serve-cannot-watch = cannot watch { $path }: { $cause }
serve-theme-not-loaded = theme not loaded
serve-allow-host-invalid = { $value } is not a host name or address; give one like dev.example, 192.168.1.5, [fd00::5] or dev.example:1111 (no http:// and no path)
serve-base-url-invalid = { $value } is not a base URL for the preview; give one like http://192.168.1.5:1111/ or https://preview.example/ (no path), or a host name alone, like 192.168.1.5

## Answers to the browser
serve-host-refused-loopback = 421 Misdirected Request: this casebook preview answers only requests for localhost:{ $port } or 127.0.0.1:{ $port } and the names given with --allow-host; to open it under another name, restart `casebook serve` with --allow-host NAME
serve-host-refused = 421 Misdirected Request: this casebook preview answers only requests for { $host } and the names given with --allow-host; to open it under another name, restart `casebook serve` with --allow-host NAME
serve-http-forbidden = forbidden
serve-http-cannot-read = cannot read the file
serve-http-not-found = not found

## The error overlay in the browser
serve-overlay-title = { $errors ->
    [one] casebook: 1 error, the page shows the last good build
   *[other] casebook: { $errors } errors, the page shows the last good build
}
serve-overlay-error = error
serve-overlay-warning = warning
serve-overlay-line = { $severity }: { $message }
serve-overlay-help = help: { $hint }
serve-overlay-footer = Fix the file and save: this page reloads by itself.

## After a rebuild (terminal)
serve-rebuilt-in = rebuilt in { $millis } ms ({ $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }, { $files ->
        [one] { $files } file
       *[other] { $files } files
    })
serve-fixed-builds-again = fixed: the site builds again ({ $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }); the browser reloads
