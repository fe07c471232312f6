#!/usr/bin/env python3
"""Makes graphs/quantum_community.csv, the bundled real interaction log (python3 stdlib only).

Source: the Stack Exchange quantumcomputing dump (2018-03..09) in ../shared/datasets/
stackexchange-quantumcomputing: interactions_typed.txt.gz holds `src dst unix_ts type` lines where
src acted on dst's post (a2q: answered dst's question; c2q/c2a: commented on dst's question/answer),
and Users.xml.xz gives display names. Output: an interaction log `actor,target,action,timestamp`
with users labelled "DisplayName (id)" -- names community managers recognise, made unique by the
Stack Exchange id. Self-interactions are kept: `kuchikomi graph build` drops and counts them.

Usage: python3 scripts/make_bundled_data.py [--datasets DIR] [--out FILE]
"""
import argparse
import csv
import gzip
import lzma
import os
import sys
import xml.etree.ElementTree as ET

ACTIONS = {"a2q": "answer", "c2q": "comment", "c2a": "comment"}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=os.path.join(root, "..", "shared", "datasets"))
    parser.add_argument("--out", default=os.path.join(root, "graphs", "quantum_community.csv"))
    args = parser.parse_args()
    source = os.path.join(args.datasets, "stackexchange-quantumcomputing")

    names = {}
    with lzma.open(os.path.join(source, "Users.xml.xz"), "rb") as f:
        for _, element in ET.iterparse(f):
            if element.tag == "row":
                names[element.get("Id")] = (element.get("DisplayName") or "").strip()
            element.clear()

    def label(user_id):
        name = names.get(user_id) or "user"  # ids missing from Users.xml: deleted accounts
        return f"{name} ({user_id})"

    rows = 0
    with gzip.open(os.path.join(source, "interactions_typed.txt.gz"), "rt", encoding="utf-8") as f, \
            open(args.out, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")  # RFC 4180 quoting for names with commas/quotes
        writer.writerow(["actor", "target", "action", "timestamp"])
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            src, dst, ts, kind = line.split()
            writer.writerow([label(src), label(dst), ACTIONS[kind], ts])
            rows += 1
    print(f"wrote {args.out}: {rows} interactions, {os.path.getsize(args.out)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
