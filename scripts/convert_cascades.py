#!/usr/bin/env python3
"""Converts the four real cascade sets in ../shared/datasets/cascades to kuchikomi inputs (stdlib only).

For each set, OUT/<name>/ gets, in one user id space:
  edges.txt      influence edge list `u v` (import with `graph import --direction forward`: every
                 line is an edge u -> v; undirected graphs are listed in both directions)
  adoptions.csv  adoption log `user,item,time` (all rows; kuchikomi keeps each user's first
                 adoption of an item and counts the repeats)
  split.json     the train/test split the experiment uses: {"until": T} (time split: items first
                 adopted before T train, the rest test; T = the 80th percentile of item start times),
                 or {"train_items": "train_items.txt", "test_items": "test_items.txt"}
and README.txt saying where it came from. Sets (see each folder's PROVENANCE.md):
  douban         Douban follow links (symmetric) + book-reading cascades (unix seconds)
  android, christianity  Stack Exchange interaction graphs (undirected) + Inf-VAE cascades (seconds
                 relative to each cascade's seed, so only its own split is meaningful: train+val
                 train, test tests)
  lastfm         Last.fm friendships + first tagging of an artist (item = artist; monthly dates)
  ciaodvd        Ciao trust (trustee -> trustor: the trustor follows the trustee's reviews) + dated
                 movie ratings

Usage: python3 scripts/convert_cascades.py OUT [--datasets DIR] [--only NAME ...]
"""
import argparse
import csv
import gzip
import json
import os
import sys

SETS = ("douban", "android", "christianity", "lastfm", "ciaodvd")


def lines(path, skip_header=False):
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        if skip_header:
            next(f, None)
        for line in f:
            line = line.strip()
            if line:
                yield line


class Output:
    def __init__(self, folder, source):
        os.makedirs(folder, exist_ok=True)
        self.folder = folder
        self.edges = open(os.path.join(folder, "edges.txt"), "w", encoding="utf-8")
        self.adoptions = open(os.path.join(folder, "adoptions.csv"), "w", newline="", encoding="utf-8")
        self.writer = csv.writer(self.adoptions, lineterminator="\n")
        self.writer.writerow(["user", "item", "time"])
        self.source = source
        self.counts = {"edges": 0, "adoption_rows": 0}
        self.item_start = {}

    def edge(self, u, v):
        if u != v:
            self.edges.write(f"{u} {v}\n")
            self.counts["edges"] += 1

    def adoption(self, user, item, time, sort_key):
        self.writer.writerow([user, item, time])
        self.counts["adoption_rows"] += 1
        if item not in self.item_start or sort_key < self.item_start[item]:
            self.item_start[item] = sort_key

    def finish(self, split):
        self.edges.close()
        self.adoptions.close()
        if split is None:  # time split at the 80th percentile of item start times
            starts = sorted(self.item_start.values())
            split = {"until": starts[int(0.8 * len(starts))]}
        with open(os.path.join(self.folder, "split.json"), "w") as f:
            json.dump(split, f)
        with open(os.path.join(self.folder, "README.txt"), "w") as f:
            f.write(f"Made by scripts/convert_cascades.py from {self.source}\n{json.dumps(self.counts)}\n")
        print(f"{self.folder}: {self.counts['edges']} edges, {self.counts['adoption_rows']} adoption rows, "
              f"{len(self.item_start)} items, split {split}", file=sys.stderr)


def douban(src, out):
    o = Output(out, src)
    for line in lines(os.path.join(src, "douban_social_origids.tsv.gz")):
        u, v = line.split()
        o.edge(u, v)  # every arc is listed in both directions already
    for line in lines(os.path.join(src, "douban_actions.tsv.gz")):
        user, item, t = line.split()
        o.adoption(user, "book" + item, t, int(t))
    o.finish(None)


def infvae(src, name, out):
    o = Output(out, os.path.join(src, name))
    graph = lines(os.path.join(src, name, "graph.txt.gz"))
    next(graph)  # "n m"
    for line in graph:
        u, v = line.split()
        o.edge(u, v)
        o.edge(v, u)  # undirected as Inf-VAE loads it (duplicates merge on import)
    train, test = [], []
    for part in ("train", "val", "test"):
        for index, line in enumerate(lines(os.path.join(src, name, part + ".txt.gz"))):
            fields = line.split()
            item = f"{part}{index}"
            o.adoption(fields[0], item, 0, 0)  # the seed, at time 0
            for user, t in zip(fields[1::2], fields[2::2]):
                o.adoption(user, item, t, float(t))
            (test if part == "test" else train).append(item)
    for file_name, items in (("train_items.txt", train), ("test_items.txt", test)):
        with open(os.path.join(out, file_name), "w") as f:
            f.write("\n".join(items) + "\n")
    o.finish({"train_items": "train_items.txt", "test_items": "test_items.txt"})


def lastfm(src, out):
    o = Output(out, src)
    for line in lines(os.path.join(src, "user_friends.dat.gz"), skip_header=True):
        u, v = line.split()
        o.edge(u, v)  # both directions are listed
    for line in lines(os.path.join(src, "user_taggedartists.dat.gz"), skip_header=True):
        user, artist, _tag, day, month, year = line.split()
        date = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
        o.adoption(user, "artist" + artist, date, date)
    o.finish(None)


def ciaodvd(src, out):
    o = Output(out, src)
    for line in lines(os.path.join(src, "trusts.txt.gz")):
        truster, trustee, _value = line.split(",")
        o.edge(trustee, truster)  # the truster follows the trustee
    for line in lines(os.path.join(src, "movie-ratings.txt.gz")):
        user, movie, _genre, _review, _rating, date = line.split(",")
        o.adoption(user, "movie" + movie, date, date)
    o.finish(None)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="output folder (one subfolder per set)")
    parser.add_argument("--datasets", default=os.path.join(here, "..", "..", "shared", "datasets"))
    parser.add_argument("--only", nargs="*", choices=SETS, default=list(SETS))
    args = parser.parse_args()
    cascades = os.path.join(args.datasets, "cascades")
    for name in args.only:
        out = os.path.join(args.out, name)
        if name == "douban":
            douban(os.path.join(cascades, "douban"), out)
        elif name in ("android", "christianity"):
            infvae(os.path.join(cascades, "stackexchange-android-christianity"), name, out)
        elif name == "lastfm":
            lastfm(os.path.join(cascades, "lastfm-hetrec2011"), out)
        else:
            ciaodvd(os.path.join(cascades, "ciaodvd"), out)


if __name__ == "__main__":
    main()
