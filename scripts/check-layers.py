#!/usr/bin/env python3
"""Checks that the top-level modules of src/ read downwards only.

    python3 scripts/check-layers.py [SRC_DIR]

Each top-level module (src/NAME.rs or src/NAME/) belongs to one layer in
LAYERS below, listed from the bottom up. A module may use modules of its
own layer or of layers below it, never of a layer above, and the modules
never import each other in a circle. References are read from the source
text (`crate::NAME`, `use crate::{NAME, ...}`, `super::` is local); unit
test modules (`#[cfg(test)] mod tests { ... }` at the end of a file) are
left out, as tests may reach anywhere.

Prints every upward read and every cycle with the files that make it, and
exits 1 when there is one; 0 and a one-line summary otherwise. A module
that is in no layer is an error too, so a new module has to be placed.
"""
import collections
import os
import re
import sys

# Bottom first. lib.rs and main.rs sit above everything.
LAYERS = [
    ("foundations", ["i18n", "diag", "confine", "slug", "text", "profile"]),
    ("content", ["load", "config", "doc", "validate", "import", "images"]),
    ("model", ["model", "urls"]),
    ("shared", ["markdown", "present"]),
    ("outputs", ["output", "html", "ledger", "pdf", "docx"]),
    ("commands", ["commands", "cli"]),
    ("dev server", ["serve"]),
]

TEST_TAIL = re.compile(r"(?s)#\[cfg\(test\)\]\s*mod tests\s*\{.*")
PATH_USE = re.compile(r"\bcrate::(\w+)")
GROUP_USE = re.compile(r"\buse crate::\{([^}]*)\}")


def modules(src):
    found = set()
    for name in os.listdir(src):
        path = os.path.join(src, name)
        if name.endswith(".rs") and name not in ("lib.rs", "main.rs"):
            found.add(name[:-3])
        elif os.path.isdir(path):
            found.add(name)
    return found


def edges(src, mods):
    """{from: {to: set(files)}} between top-level modules."""
    out = collections.defaultdict(lambda: collections.defaultdict(set))
    for dirpath, _, files in os.walk(src):
        for f in sorted(files):
            if not f.endswith(".rs"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, src).replace(os.sep, "/")
            top = rel.split("/")[0]
            top = top[:-3] if top.endswith(".rs") else top
            if top not in mods:
                continue
            with open(path, encoding="utf-8") as fh:
                text = TEST_TAIL.sub("", fh.read())
            names = set(PATH_USE.findall(text))
            for group in GROUP_USE.findall(text):
                names.update(re.findall(r"(?:^|,)\s*(\w+)", group))
            for name in names:
                if name in mods and name != top:
                    out[top][name].add("src/" + rel)
    return out


def cycles(graph, mods):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, comps = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, {})):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    for v in sorted(mods):
        if v not in index:
            visit(v)
    return comps


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "src")
    mods = modules(src)
    layer_of = {}
    for i, (_, names) in enumerate(LAYERS):
        for n in names:
            layer_of[n] = i
    graph = edges(src, mods)
    problems = []
    for m in sorted(mods - set(layer_of)):
        problems.append(f"src/{m}: in no layer; add it to LAYERS in {sys.argv[0]}")
    for a in sorted(graph):
        for b in sorted(graph[a]):
            if a in layer_of and b in layer_of and layer_of[b] > layer_of[a]:
                problems.append(
                    f"{a} ({LAYERS[layer_of[a]][0]}) reads {b} ({LAYERS[layer_of[b]][0]}), "
                    f"a layer above it, in: {', '.join(sorted(graph[a][b]))}")
    for comp in cycles(graph, mods):
        ties = [f"    {a} -> {b}: {', '.join(sorted(graph[a][b]))}"
                for a in comp for b in comp if b in graph.get(a, {})]
        problems.append("import cycle: " + " <-> ".join(comp) + "\n" + "\n".join(ties))
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} layering problem(s)")
        return 1
    n = sum(len(v) for v in graph.values())
    print(f"layers: {len(mods)} top-level modules, {n} reads, all downwards, no cycles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
