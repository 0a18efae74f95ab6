#!/usr/bin/env python3
"""Write a casebook site whose cases are the CommonMark and GFM spec examples
(and our own examples of pasted HTML, tests/spec-corpus/pasted.json).

    python3 scripts/spec-site.py OUT_DIR [--xss] [--all] [--only ID ...]
    python3 scripts/spec-site.py OUT_DIR --check CASEBOOK_BIN [--xss] [--write-expected]

Each example of tests/spec-corpus/*.json becomes the body of one case,
content/cases/<set>-<number>.md, with TOML front matter (title "CommonMark
示例 123", a fixed date). The body is the example's Markdown byte for byte:
the front matter always comes first, so an example that itself starts with
"---" or "+++" stays body text. GFM examples whose Markdown is the same as a
CommonMark example are left out (they would only repeat pages); the
extension ones and those that differ are kept.

Examples listed in tests/spec-corpus/expected-errors.txt (they point at images
or pages that do not exist, so `casebook check` must refuse them) are left out
unless --all is given; `--all` writes every example, for the harness that
checks `casebook check` reports exactly those.

--check BIN writes every example, runs `BIN check --root OUT_DIR`, compares
the diagnostics' path:line:col with expected-errors.txt (exit status 1 on any
difference, each listed), then removes the cases check refused, so that the
rest can be built and checked whatever the outcome. With --xss, refused cases
are listed and removed but not compared (the payloads move the lines).
--write-expected rewrites expected-errors.txt from what check reported.

--xss wraps every example in payloads from tests/spec-corpus/xss-payloads.txt,
spread over three contexts so each payload lands in each of them across the
corpus: a block before the example, glued to the example's last line (so it
continues the example's own context: list item, quote, table, code,
paragraph, HTML block), and inline in a paragraph after it.

OUT_DIR is emptied first (only if it holds a casebook.toml or is empty).
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "tests", "spec-corpus")
SETS = [
    ("commonmark", "CommonMark"),
    ("gfm", "GFM"),
    ("gfm-extensions", "GFM 扩展"),
    ("pasted", "粘贴内容"),  # ours: what editors paste from Word, WPS and web pages
]


def load_set(name):
    with open(os.path.join(CORPUS, f"{name}.json"), encoding="utf-8") as f:
        return json.load(f)["examples"]


def read_list(name):
    """Non-empty lines of a corpus text file, without # comments."""
    out = []
    with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(line)
    return out


def expected_errors():
    """[(case id, line:col)] from expected-errors.txt ("ID LINE:COL  # message")."""
    out = []
    for line in read_list("expected-errors.txt"):
        parts = line.split("#", 1)[0].split()
        out.append((parts[0], parts[1]))
    return out


LOC = re.compile(r"^\s*--> content/cases/([^/\s]+)\.md:(\d+):(\d+)\s*$")


def run_check(binary, root):
    """[(case id, line:col, message)] of what `casebook check` reports."""
    # English report lines (`error: …`), whatever the site's language.
    r = subprocess.run([binary, "--lang", "en", "check", "--root", root], capture_output=True, text=True)
    out = []
    message = ""
    for line in (r.stdout + r.stderr).splitlines():
        if line.startswith(("error", "warning")):
            message = line
        m = LOC.match(line)
        if m:
            out.append((m.group(1), f"{m.group(2)}:{m.group(3)}", message))
        elif line.lstrip().startswith("-->"):
            out.append(("(not a case)", line.strip(), message))
    if r.returncode != 0 and not out:
        sys.exit(f"casebook check failed without a located diagnostic:\n{r.stdout}{r.stderr}")
    return out


def verify(binary, out, xss, write):
    """Compares check's report with the expected list; removes refused cases."""
    got = run_check(binary, out)
    # Only errors keep a case out of the build; a warning (a script link
    # removed, an image without a description) is what the checks are for.
    refused = sorted({c for c, _, msg in got if c != "(not a case)" and msg.startswith("error")})
    status = 0
    if write:
        path = os.path.join(CORPUS, "expected-errors.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(EXPECTED_HEADER)
            for c, loc, msg in sorted(got, key=lambda g: (g[0].rsplit("-", 1)[0], int(g[0].rsplit("-", 1)[1]), g[1])):
                f.write(f"{c} {loc}  # {msg.removeprefix('error: ')}\n")
        print(f"{path}: {len(got)} diagnostics written")
    elif xss:
        for c, loc, msg in got:
            if c in refused:
                print(f"refused by casebook check: {c}.md:{loc}: {msg}")
    else:
        want = collections.Counter(expected_errors())
        have = collections.Counter((c, loc) for c, loc, _ in got)
        msgs = {(c, loc): msg for c, loc, msg in got}
        for key in sorted(have - want):
            print(f"UNEXPECTED: content/cases/{key[0]}.md:{key[1]}: {msgs[key]}")
            status = 1
        for key in sorted(want - have):
            print(f"MISSING (expected-errors.txt lists it, check did not report it): content/cases/{key[0]}.md:{key[1]}")
            status = 1
        print(f"casebook check: {len(got)} diagnostics in {len(refused)} cases; "
              f"{'exactly the expected ones' if status == 0 else 'differs from tests/spec-corpus/expected-errors.txt'}")
    for c in refused:
        os.remove(os.path.join(out, "content", "cases", f"{c}.md"))
    return status


EXPECTED_HEADER = """\
# What `casebook check` must report on the spec corpus site written by
# `scripts/spec-site.py OUT --all` (case id, line:col in the case file, the
# message for readers). These examples link to pages or images the site does
# not have, or to an undefined footnote or a missing heading id: editors must
# be told. .ci/spec-checks fails if check reports anything else or misses one.
# Regenerate (after reviewing every change!) with
#   python3 scripts/spec-site.py OUT --check target/release/casebook --write-expected
"""


def corpus():
    """[(case id, title, example)], GFM duplicates of CommonMark left out."""
    seen = set()
    out = []
    for name, label in SETS:
        for ex in load_set(name):
            if name == "gfm" and not ex["extensions"] and ex["markdown"] in seen:
                continue
            if name == "commonmark":
                seen.add(ex["markdown"])
            out.append((f"{name}-{ex['number']}", f"{label} 示例 {ex['number']}", ex))
    return out


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def xss_body(md, k, payloads):
    n = len(payloads)
    before = payloads[k % n]
    glued = payloads[(k * 7 + 3) % n]
    inline = payloads[(k * 13 + 5) % n]
    body = before + "\n\n" + md
    if not body.endswith("\n"):
        body += "\n"
    return body + glued + "\n\n行内 " + inline + " 结束\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--xss", action="store_true", help="wrap every example in XSS payloads")
    ap.add_argument("--all", action="store_true", help="include the examples of expected-errors.txt")
    ap.add_argument("--check", metavar="CASEBOOK_BIN", help="compare `check` with expected-errors.txt, drop refused cases")
    ap.add_argument("--write-expected", action="store_true", help="with --check: rewrite expected-errors.txt")
    ap.add_argument("--only", nargs="*", metavar="ID", help="only these cases (e.g. commonmark-12)")
    a = ap.parse_args()

    out = os.path.abspath(a.out)
    if os.path.isdir(out) and os.listdir(out):
        if not os.path.exists(os.path.join(out, "casebook.toml")):
            sys.exit(f"{out} is not empty and holds no casebook.toml; refusing to empty it")
        shutil.rmtree(out)
    cases = os.path.join(out, "content", "cases")
    os.makedirs(cases)
    title = "Markdown 规范示例（XSS 载荷）" if a.xss else "Markdown 规范示例"
    with open(os.path.join(out, "casebook.toml"), "w", encoding="utf-8") as f:
        f.write(
            f"title = {toml_str(title)}\n"
            'description = "CommonMark 与 GFM 规范示例逐条作为案例正文，检查输出是否为合法、可访问、安全的 HTML"\n'
            'base_url = "https://spec.example.gov.cn/"\n'
            'language = "zh-CN"\n'
            "paginate = 50\n"
        )
    with open(os.path.join(out, "content", "_index.md"), "w", encoding="utf-8") as f:
        f.write(f"+++\ntitle = {toml_str(title)}\n+++\n\n测试站点：每个案例的正文是一条规范示例。\n")

    if a.write_expected and (not a.check or a.xss):
        ap.error("--write-expected needs --check and no --xss")
    skip = set() if (a.all or (a.check and not a.xss)) else {c for c, _ in expected_errors()}
    only = set(a.only or [])
    payloads = read_list("xss-payloads.txt") if a.xss else []
    written = 0
    for k, (cid, ctitle, ex) in enumerate(corpus()):
        if cid in skip or (only and cid not in only):
            continue
        body = xss_body(ex["markdown"], k, payloads) if a.xss else ex["markdown"]
        with open(os.path.join(cases, f"{cid}.md"), "w", encoding="utf-8", newline="\n") as f:
            f.write(f"+++\ntitle = {toml_str(ctitle)}\ndate = 2024-01-01\n+++\n{body}")
        written += 1
    print(f"{out}: {written} cases written ({'with XSS payloads, ' if a.xss else ''}{len(skip)} expected errors left out)")
    if a.check:
        status = verify(a.check, out, a.xss, a.write_expected)
        left = len(os.listdir(cases))
        print(f"{out}: {left} cases left to build")
        return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
