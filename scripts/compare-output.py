#!/usr/bin/env python3
"""Compares two built sites file by file, to check that a change to the
engine (an optimisation) did not change the output.

    python3 scripts/compare-output.py OLD_DIR NEW_DIR

Prints how many files are byte-identical, how many become identical once
the deliberate output changes made during the performance work are masked
(TOML code blocks, highlighted before with YAML's grammar; the `hl-code`
class on highlighted blocks; windowed pagination bars; the search index's
folding keys `fx` and `n`), and lists the rest. `search-index.bin` (the
compressed search index, new with the search work) may exist in NEW only.
Exit status 1 when any file differs beyond those, or exists on one side only.
"""
import os
import re
import sys

TOML_BLOCK = re.compile(rb'<pre class="code highlight[^"]*" tabindex="0" data-lang="toml">.*?</pre>', re.S)
PAGINATION = re.compile(rb'<nav class="pagination".*?</nav>', re.S)
ADDED = {"search-index.bin"}
FOLD_KEYS = re.compile(rb',"fx":"(?:[^"\\]|\\.)*"|,"n":1(?=[,}])')


def masked(b, name):
    if os.path.basename(name) == "search-index.js":
        return FOLD_KEYS.sub(b"", b)
    b = b.replace(b"code highlight hl-code", b"code highlight")
    return PAGINATION.sub(b"", TOML_BLOCK.sub(b"", b))


def files(root):
    return {os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    old, new = sys.argv[1:]
    a, b = files(old), files(new)
    same = close = 0
    differ = []
    for f in sorted(a & b):
        x = open(os.path.join(old, f), "rb").read()
        y = open(os.path.join(new, f), "rb").read()
        if x == y:
            same += 1
        elif masked(x, f) == masked(y, f):
            close += 1
        else:
            differ.append(f)
    print(f"{len(a & b)} files in both: {same} byte-identical, {close} identical once the "
          f"deliberate changes are masked, {len(differ)} different")
    for f in differ[:20]:
        print("  differs:", f)
    for f in sorted(a - b)[:20]:
        print("  only in", old + ":", f)
    added = sorted(f for f in b - a if f in ADDED)
    for f in added:
        print("  deliberately added:", f)
    for f in sorted(b - a - set(added))[:20]:
        print("  only in", new + ":", f)
    sys.exit(1 if differ or a - b or b - a - set(added) else 0)


if __name__ == "__main__":
    main()
