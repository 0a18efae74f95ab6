#!/usr/bin/env python3
"""Checks that Cargo.toml's `rust-version` is at least what every locked
dependency declares.

    python3 scripts/check-msrv.py [MANIFEST]

Reads `rust_version` of every package in `cargo metadata` (all platforms,
dev-dependencies included, as locked: `--locked` fails on a stale
Cargo.lock instead of resolving anew) and compares it with the crate's
own. Prints the dependencies that need a newer Rust and exits 1 when
there is one; 0 and a one-line summary otherwise. What our own code needs
is clippy's business (`incompatible_msrv` flags std APIs stabilised after
`rust-version`).
"""
import json
import subprocess
import sys
import tomllib


def version(s):
    """"1.88" and "1.88.0" alike: (1, 88, 0)."""
    v = [int(x) for x in s.split(".")]
    return tuple(v + [0] * (3 - len(v)))


def show(v):
    return ".".join(map(str, v[:2] if v[2] == 0 else v))


def main():
    manifest = sys.argv[1] if len(sys.argv) > 1 else "Cargo.toml"
    with open(manifest, "rb") as f:
        declared = tomllib.load(f)["package"].get("rust-version")
    if not declared:
        sys.exit(f"{manifest}: no rust-version")
    ours = version(declared)
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked", "--manifest-path", manifest],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    # Our own packages have no source; every other package is a dependency.
    needs = sorted(
        ((version(p["rust_version"]), p["name"], p["version"])
         for p in meta["packages"]
         if p["source"] and p.get("rust_version")),
        reverse=True,
    )
    over = [n for n in needs if n[0] > ours]
    for v, name, ver in over:
        print(f"{name} {ver} needs Rust {show(v)}, above rust-version = \"{declared}\"")
    if over:
        sys.exit(1)
    top = needs[0] if needs else None
    print(f"rust-version = \"{declared}\": enough for all {len(meta['packages'])} packages"
          + (f" (the most demanding: {top[1]} {top[2]}, Rust {show(top[0])})" if top else ""))


if __name__ == "__main__":
    main()
