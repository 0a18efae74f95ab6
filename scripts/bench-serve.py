#!/usr/bin/env python3
"""Save-to-reload latency of `casebook serve`: edits one case of a site and
times, from the moment the write returns to the moment the server-sent
`reload` event arrives, over several saves (median and worst).

    python3 scripts/bench-serve.py path/to/casebook path/to/site [saves]
"""
import os
import signal
import socket
import statistics
import subprocess
import sys
import time


def main():
    binary, site = sys.argv[1], sys.argv[2]
    saves = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    cases = sorted(
        os.path.join(d, f)
        for d, _, fs in os.walk(os.path.join(site, "content", "cases"))
        for f in fs
        if f.endswith(".md")
    )
    target = cases[len(cases) // 2]
    original = open(target, encoding="utf-8").read()
    t_start = time.perf_counter()
    proc = subprocess.Popen(
        [binary, "serve", "--port", "0", "--root", site],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        line = proc.stdout.readline()
        first_build = time.perf_counter() - t_start
        url = next(w for w in line.split() if w.startswith("http://"))
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        sock = socket.create_connection(("127.0.0.1", port))
        # The server answers only its own host, port included.
        sock.sendall(f"GET /__casebook/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
        stream = sock.makefile("rb")

        def next_event():
            kind = None
            for raw in stream:
                l = raw.decode("utf-8", "replace").rstrip("\r\n")
                if l.startswith("event: "):
                    kind = l[7:]
                elif l == "" and kind:
                    return kind
            raise RuntimeError("event stream closed")

        while next_event() != "hello":
            pass
        lat = []
        for i in range(saves):
            time.sleep(0.3)  # let the watcher settle between saves
            body = original + f"\n\n第{i}次修改：基准测试追加的一段文字。\n"
            with open(target, "w", encoding="utf-8") as f:
                f.write(body)
            t0 = time.perf_counter()
            while True:
                ev = next_event()
                if ev == "reload":
                    break
                if ev == "errors":
                    raise RuntimeError("the edit produced errors")
            lat.append((time.perf_counter() - t0) * 1000)
        cases_n = len(cases)
        print(
            f"  {cases_n} cases: first build {first_build:.2f} s; save to reload "
            f"median {statistics.median(lat):.0f} ms, worst {max(lat):.0f} ms over {saves} saves"
        )
    finally:
        with open(target, "w", encoding="utf-8") as f:
            f.write(original)
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
