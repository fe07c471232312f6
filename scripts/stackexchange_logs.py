#!/usr/bin/env python3
"""Turns a raw Stack Exchange dump into an interaction log and an adoption log (stdlib only).

A community log gives both at once. From Posts.xml(.xz) and Comments.xml(.xz) of one site:
  interactions.csv  `actor,target,action,timestamp` for `graph build`: an answer is `answer` from the
                    answerer to the question's owner, a comment is `comment` from the commenter to
                    the post's owner (so influence flows from the author to whoever reacted);
  adoptions.csv     `user,item,time` for `graph learn` / `validate`: item = a tag; every question a
                    user asked and every answer they wrote under it is a row at the post's creation
                    time (ISO 8601, UTC as in the dump). kuchikomi keeps each user's first post under
                    a tag (the adoption of the topic) and counts the rest as repeats;
  split.json        {"until": T}: tags first used before T train, the others test (T = the 80th
                    percentile of the tags' first-use times).
Users are labelled "DisplayName (id)" as in graphs/quantum_community.csv (Users.xml); posts by
deleted accounts (no OwnerUserId) are skipped.

Usage: python3 scripts/stackexchange_logs.py DUMP_DIR OUT_DIR
  e.g. python3 scripts/stackexchange_logs.py ../shared/datasets/stackexchange-cardano /tmp/cardano
"""
import argparse
import calendar
import csv
import datetime
import json
import lzma
import os
import re
import sys
import xml.etree.ElementTree as ET

TAG = re.compile(r"<([^>]+)>|\|([^|]+)")  # "<a><b>" (older dumps) or "|a|b|" (newer)


def open_dump(folder, name):
    path = os.path.join(folder, name)
    if os.path.exists(path + ".xz"):
        return lzma.open(path + ".xz", "rb")
    return open(path, "rb")


def rows(folder, name):
    with open_dump(folder, name) as f:
        for _, element in ET.iterparse(f):
            if element.tag == "row":
                yield dict(element.attrib)
            element.clear()


def unix(iso):
    return calendar.timegm(datetime.datetime.fromisoformat(iso).timetuple())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", help="folder with Posts.xml[.xz], Comments.xml[.xz], Users.xml[.xz]")
    parser.add_argument("out", help="output folder")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    names = {r["Id"]: (r.get("DisplayName") or "").strip() for r in rows(args.dump, "Users.xml")}

    def label(user_id):
        return f"{names.get(user_id) or 'user'} ({user_id})"

    posts = {}  # id -> (owner, tags of the question it belongs to)
    answers = []
    tag_start = {}
    with open(os.path.join(args.out, "adoptions.csv"), "w", newline="", encoding="utf-8") as f:
        adoptions = csv.writer(f, lineterminator="\n")
        adoptions.writerow(["user", "item", "time"])
        written = 0

        def adopt(owner, tags, created):
            nonlocal written
            for tag in tags:
                adoptions.writerow([label(owner), tag, created])
                written += 1
                tag_start[tag] = min(tag_start.get(tag, created), created)

        for r in rows(args.dump, "Posts.xml"):
            owner, kind = r.get("OwnerUserId"), r.get("PostTypeId")
            if kind == "1":
                tags = [a or b for a, b in TAG.findall(r.get("Tags", ""))]
                posts[r["Id"]] = (owner, tags)
                if owner:
                    adopt(owner, tags, r["CreationDate"])
            elif kind == "2":
                answers.append(r)
        for r in answers:  # answers after all questions: a dump need not list a question first
            question = posts.get(r.get("ParentId"))
            posts[r["Id"]] = (r.get("OwnerUserId"), question[1] if question else [])
            if r.get("OwnerUserId") and question:
                adopt(r["OwnerUserId"], question[1], r["CreationDate"])

    interactions = 0
    with open(os.path.join(args.out, "interactions.csv"), "w", newline="", encoding="utf-8") as f:
        log = csv.writer(f, lineterminator="\n")
        log.writerow(["actor", "target", "action", "timestamp"])
        for r in answers:
            question = posts.get(r.get("ParentId"))
            if r.get("OwnerUserId") and question and question[0]:
                log.writerow([label(r["OwnerUserId"]), label(question[0]), "answer", unix(r["CreationDate"])])
                interactions += 1
        for r in rows(args.dump, "Comments.xml"):
            post = posts.get(r.get("PostId"))
            if r.get("UserId") and post and post[0]:
                log.writerow([label(r["UserId"]), label(post[0]), "comment", unix(r["CreationDate"])])
                interactions += 1

    starts = sorted(tag_start.values())
    split = {"until": starts[int(0.8 * len(starts))]}
    with open(os.path.join(args.out, "split.json"), "w") as f:
        json.dump(split, f)
    print(f"{args.out}: {interactions} interactions, {written} adoption rows, {len(tag_start)} tags, split {split}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
