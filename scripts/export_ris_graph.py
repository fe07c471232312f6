#!/usr/bin/python3
"""Writes a kuchikomi graph file (.h5) in the text input of the OPIM / SUBSIM code base
(Tang et al.'s OPIM, Guo et al.'s SUBSIM): a first line "n m", then one line "u v p" per influence
arc u -> v with its probability as stored in the graph (so both tools see the same probabilities
as kuchikomi; run their `-func=format` with `-pdist=weights`). Node ids are kuchikomi's dense ids
0..n-1; a second file gives the label of each id, one per line, so the seeds those tools print can
be judged with `kuchikomi simulate --seeds-file`.

    scripts/export_ris_graph.py GRAPH.h5 OUT_EDGES OUT_LABELS

Reads only what it needs; refuses a file that is not a kuchikomi graph or whose arrays disagree.
Outputs are written to a temporary name and renamed when complete."""
import os
import sys

import h5py
import numpy as np


def fail(message):
    print(f"export_ris_graph: {message}", file=sys.stderr)
    sys.exit(1)


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    source, edges_out, labels_out = argv[1:]
    try:
        graph = h5py.File(source, "r")
    except OSError as error:
        fail(f"{source}: cannot read as HDF5 ({error})")
    with graph:
        if graph.attrs.get("format") not in (b"kuchikomi-graph", "kuchikomi-graph"):
            fail(f"{source}: not a kuchikomi graph file")
        try:
            # The reverse arrays are always there (RIS reads them); arc u -> v is stored under v.
            offsets = graph["reverse/offsets"][:].astype(np.int64)
            sources = graph["reverse/sources"][:]
            prob = graph["reverse/probability"][:]
        except KeyError as error:
            fail(f"{source}: missing dataset {error}")
        n = len(offsets) - 1
        m = len(sources)
        # Generated graphs store no labels: a user's label is then its id (as `select` prints it).
        labelled = "nodes/label_offsets" in graph and "nodes/label_utf8" in graph
        if labelled:
            label_offsets = graph["nodes/label_offsets"][:].astype(np.int64)
            label_bytes = graph["nodes/label_utf8"][:].tobytes()
        if (n < 0 or offsets[0] != 0 or offsets[-1] != m or np.any(np.diff(offsets) < 0) or len(prob) != m
                or (m and int(sources.max()) >= n)
                or (labelled and (len(label_offsets) != n + 1 or label_offsets[-1] != len(label_bytes)
                                  or np.any(np.diff(label_offsets) < 0)))):
            fail(f"{source}: inconsistent reverse or label arrays")
        if m and (not np.all(np.isfinite(prob)) or prob.min() < 0 or prob.max() > 1):
            fail(f"{source}: probabilities outside [0, 1]")
        targets = np.repeat(np.arange(n, dtype=np.uint32), np.diff(offsets))
        order = np.lexsort((targets, sources))  # by source, then target: the tools' natural order
        tmp = edges_out + ".tmp"
        with open(tmp, "w") as out:
            out.write(f"{n} {m}\n")
            np.savetxt(out, np.column_stack([sources[order], targets[order], prob[order]]), fmt=["%d", "%d", "%.9g"])
        os.replace(tmp, edges_out)
        tmp = labels_out + ".tmp"
        with open(tmp, "w", encoding="utf-8") as out:
            for i in range(n):
                if not labelled:
                    out.write(f"{i}\n")
                    continue
                label = label_bytes[label_offsets[i]:label_offsets[i + 1]].decode("utf-8", "replace")
                out.write(label.replace("\n", " ") + "\n")
        os.replace(tmp, labels_out)


if __name__ == "__main__":
    main(sys.argv)
