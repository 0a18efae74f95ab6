#!/usr/bin/env python3
"""Refresh the Markdown test corpus in tests/spec-corpus/ from upstream.

    python3 scripts/fetch-spec-corpus.py                  # download (pinned commits)
    python3 scripts/fetch-spec-corpus.py --from commonmark/commonmark-spec=DIR \\
        --from github/cmark-gfm=DIR --from OWASP/CheatSheetSeries=DIR

Downloads, at the commits pinned in SOURCES, the CommonMark spec, the GFM spec
and cmark-gfm's extension tests, extracts their examples (the
"```````````````````````````````` example" blocks: Markdown, ".", expected
HTML; "→" stands for a tab) and writes one JSON file per set:

    {"source": {...}, "examples": [{"number", "section", "extensions", "markdown"}]}

Numbers and sections follow the upstream spec_tests.py (every example block
counts, "disabled" ones included; the section is the last heading before it).
The licence files named in SOURCES are copied beside the JSON.

--from OWNER/NAME=DIR reads that repository's files from DIR instead of the
network: a git directory or clone (the pinned commit is read with `git show`,
so the result is the same as a download) or a plain folder holding the files.
To move to newer upstream versions, change the commits below and run again.
"""
import argparse
import json
import os
import subprocess
import sys
import urllib.request

FENCE = "`" * 32
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "spec-corpus")

# repository -> pinned commit
COMMITS = {
    "commonmark/commonmark-spec": "31c0ca2d294ea60ab4438004da410e2e590a46f2",
    "github/cmark-gfm": "85d895289c5ab67f988ca659493a64abb5fec7b4",
    "OWASP/CheatSheetSeries": "6b8819da79e0537d072e04296ffa3adfc94ba881",
}

# (set name, repository, path of the spec file, licence of the text)
SETS = [
    ("commonmark", "commonmark/commonmark-spec", "spec.txt", "CC-BY-SA-4.0"),
    ("gfm", "github/cmark-gfm", "test/spec.txt", "CC-BY-SA-4.0"),
    ("gfm-extensions", "github/cmark-gfm", "test/extensions.txt", "CC-BY-SA-4.0"),
]

# (repository, path upstream, file name here)
LICENCES = [
    ("commonmark/commonmark-spec", "LICENSE", "LICENSE-commonmark-spec.txt"),
    ("github/cmark-gfm", "COPYING", "COPYING-cmark-gfm.txt"),
    # the full CC-BY-SA 4.0 text; also the licence of xss-payloads.txt
    ("OWASP/CheatSheetSeries", "LICENSE.md", "LICENSE-OWASP-CheatSheetSeries.md"),
]


def raw_url(repo, path):
    return f"https://raw.githubusercontent.com/{repo}/{COMMITS[repo]}/{path}"


def read(repo, path, local):
    """The text of `path` in `repo` at its pinned commit."""
    d = local.get(repo)
    if d is None:
        with urllib.request.urlopen(raw_url(repo, path), timeout=60) as r:
            return r.read().decode("utf-8")
    git = subprocess.run(["git", "-C", d, "rev-parse", "--git-dir"], capture_output=True)
    if git.returncode == 0:
        return subprocess.run(
            ["git", "-C", d, "show", f"{COMMITS[repo]}:{path}"], check=True, capture_output=True
        ).stdout.decode("utf-8")
    with open(os.path.join(d, path), encoding="utf-8", newline="\n") as f:
        return f.read()


def examples(text):
    """The examples of a spec file, as the upstream spec_tests.py reads them."""
    out = []
    number = 0
    state = 0  # 0 prose, 1 Markdown, 2 expected HTML
    section = ""
    md = []
    exts = []
    start = 0
    for lineno, line in enumerate(text.splitlines(keepends=True), 1):
        s = line.strip()
        if state == 0 and s.startswith(FENCE + " example"):
            state = 1
            exts = s[len(FENCE + " example"):].split()
            start = lineno
        elif state != 0 and s == FENCE:
            number += 1
            out.append({
                "number": number,
                "section": section,
                "extensions": exts,
                "line": start,
                "markdown": "".join(md).replace("\u2192", "\t"),
            })
            state, md = 0, []
        elif state == 1 and s == ".":
            state = 2
        elif state == 1:
            md.append(line)
        elif state == 0 and line.startswith("#"):
            head = line.split(" ", 1)
            if len(head) == 2 and set(head[0]) == {"#"}:
                section = head[1].strip()
    if state != 0:
        raise SystemExit("unterminated example block")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--from", dest="local", action="append", default=[], metavar="OWNER/NAME=DIR",
                    help="read this repository from a local git directory or folder instead of downloading")
    ap.add_argument("--out", default=OUT, help="output folder (default: tests/spec-corpus)")
    a = ap.parse_args()
    local = {}
    for item in a.local:
        repo, sep, d = item.partition("=")
        if not sep or repo not in COMMITS:
            ap.error(f"--from {item}: expected one of {', '.join(COMMITS)} followed by =DIR")
        local[repo] = d
    os.makedirs(a.out, exist_ok=True)
    for name, repo, path, licence in SETS:
        ex = examples(read(repo, path, local))
        doc = {
            "source": {
                "repository": f"https://github.com/{repo}",
                "commit": COMMITS[repo],
                "path": path,
                "url": raw_url(repo, path),
                "licence": licence,
            },
            "examples": ex,
        }
        dest = os.path.join(a.out, f"{name}.json")
        with open(dest, "w", encoding="utf-8", newline="\n") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(f"{dest}: {len(ex)} examples from {repo}@{COMMITS[repo][:12]}:{path}")
    for repo, path, here in LICENCES:
        dest = os.path.join(a.out, here)
        with open(dest, "w", encoding="utf-8", newline="\n") as f:
            f.write(read(repo, path, local))
        print(f"{dest}: {repo}@{COMMITS[repo][:12]}:{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
