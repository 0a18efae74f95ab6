#!/usr/bin/env python3
"""Checks a typeset volume with poppler's pdftotext: every entry of the
contents page(s) is printed on the page whose folio ("— N —") is the number
the contents give, and nowhere earlier after the contents.

    python3 .ci/pdf-contents.py FILE.pdf

Exit 1 with the entries that disagree, or when there are no entries.
"""
import re
import subprocess
import sys


def tight(s):
    return "".join(s.split()).replace("\u2060", "")


def main(path):
    text = subprocess.run(
        ["pdftotext", "-layout", path, "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    contents = [i for i, p in enumerate(pages) if "目" in p and "录" in p and re.search(r"目\s*录", p)]
    if not contents:
        print("no contents page")
        return 1
    first = contents[0]
    # Contents run until the first page with a folio.
    folio = {}
    for i, p in enumerate(pages):
        m = re.findall(r"—\s*(\d+)\s*—", p)
        if m:
            folio[i] = int(m[-1])
    toc_pages = [i for i in range(first, len(pages)) if i not in folio]
    toc_pages = toc_pages[: next((k for k, i in enumerate(toc_pages) if i != first + k), len(toc_pages))]
    entries, pending = [], ""
    for i in toc_pages:
        for line in pages[i].splitlines():
            line = line.replace("\u2060", "").rstrip()
            if not line.strip() or re.fullmatch(r"\s*目\s*录\s*", line):
                continue
            m = re.match(r"^(.*?)[\s.…·]*?(\d+)$", line)
            if m and m.group(1).strip():
                entries.append((tight(pending + m.group(1)).rstrip(".…·"), int(m.group(2))))
                pending = ""
            else:
                pending += line
    if len(entries) < 2:
        print(f"only {len(entries)} contents entries found")
        return 1
    body = {i: tight(p) for i, p in enumerate(pages) if i in folio}
    bad = 0
    for title, n in entries:
        where = [folio[i] for i in sorted(body) if title in body[i]]
        if not where or where[0] != n:
            print(f"contents say {title!r} is on page {n}; printed on pages {where}")
            bad += 1
    print(f"{len(entries)} contents entries, {len(entries) - bad} on the page the contents give")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
