#!/usr/bin/env python3
"""Measure dedup's near-duplicate decisions against exact Jaccard similarity.

usage: measure.py CORPUS.ndjson DROPPED.ndjson

CORPUS is what dedup read, DROPPED its --dropped file. Shingles are word
3-grams of the NFKC case-folded text (close to, not the same as, dedup's
tokens). Prints: for the records dropped as near duplicates, how many have
a true Jaccard similarity (with the record they duplicate) of at least 0.9,
0.8, 0.7; and, for the pairs of records with Jaccard >= 0.9 (and >= 0.8)
found by sampling shingles, in how many one of the two was dropped.
Records whose id ends in "#2" (the second copy in the benchmark corpus)
are left out of the pair search.
"""
import collections
import json
import re
import sys
import unicodedata
import zlib


def shingles(text):
    w = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold())
    return {" ".join(w[i:i + 3]) for i in range(max(1, len(w) - 2))}


def jaccard(a, b):
    return len(a & b) / len(a | b) if a or b else 1.0


def main(corpus, dropped_path):
    text = {}
    ids, sets = [], []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text[r["id"]] = r["text"]
            if not r["id"].endswith("#2"):
                ids.append(r["id"])
                sets.append(shingles(r["text"]))
    dropped = {}
    with open(dropped_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            dropped[r["id"]] = r
    bands = collections.Counter()
    near = 0
    for r in dropped.values():
        if r["dedup"]["by"] != "near":
            continue
        near += 1
        j = jaccard(shingles(r["text"]), shingles(text[r["duplicate_of"]]))
        bands[">=0.9" if j >= 0.9 else ">=0.8" if j >= 0.8
              else ">=0.7" if j >= 0.7 else "<0.7"] += 1
    print("near drops %d: Jaccard %s" % (near, dict(sorted(bands.items()))))
    # candidate pairs: share a sampled shingle that is not too common
    inv = collections.defaultdict(list)
    for i, s in enumerate(sets):
        for x in s:
            if zlib.crc32(x.encode()) % 8 == 0:
                inv[x].append(i)
    pairs = set()
    for lst in inv.values():
        if len(lst) <= 60:
            for a in range(len(lst)):
                for b in range(a + 1, len(lst)):
                    pairs.add((lst[a], lst[b]))
    for thr in (0.9, 0.8):
        hit = miss = 0
        for a, b in pairs:
            if jaccard(sets[a], sets[b]) < thr:
                continue
            if ids[a] in dropped or ids[b] in dropped:
                hit += 1
            else:
                miss += 1
        print("pairs with Jaccard >= %.1f: %d, one of the two dropped in %d"
              " (%.1f%%)" % (thr, hit + miss, hit,
                             100.0 * hit / max(1, hit + miss)))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
