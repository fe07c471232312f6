"""Reads a kuchikomi experiment results folder (results.h5 written by `kuchikomi experiment run`).

Shared by scripts/plot.py and scripts/analyze.py. Needs Debian's python3-h5py (and numpy).
"""
import collections
import os

import h5py


def _text(value):
    if hasattr(value, "tobytes") and not isinstance(value, bytes):  # numpy.bytes_ is bytes; arrays are not
        value = value.tobytes()
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def strings(group, name):
    """A list of strings: NAME_utf8 + NAME_offsets (format 2), or a variable-length dataset (format 1)."""
    if name + "_offsets" in group:
        data = group[name + "_utf8"][:].tobytes()
        offsets = group[name + "_offsets"][:]
        return [data[offsets[i]:offsets[i + 1]].decode("utf-8", "replace") for i in range(len(offsets) - 1)]
    return [_text(s) for s in group[name][:]]


def read_cells(folder):
    """One dict per cell: the group's attributes, seeds, spread_curve and a list of evaluations."""
    path = os.path.join(folder, "results.h5") if os.path.isdir(folder) else folder
    cells = []
    with h5py.File(path, "r") as f:
        for cid in strings(f, "cell_ids"):
            g = f["cells"][cid]
            cell = {key: (_text(v) if isinstance(v, (bytes, str)) else v.item() if hasattr(v, "item") else v)
                    for key, v in g.attrs.items()}
            cell["id"] = cid
            cell["seeds"] = strings(g, "seeds")
            cell["spread_curve"] = g["spread_curve"][:]
            cell["evaluations"] = []  # the attribute holds their count; the list replaces it
            for j in range(int(g.attrs["evaluations"])):
                e = g["eval%d" % j]
                ev = {key: (_text(v) if isinstance(v, (bytes, str)) else v.item()) for key, v in e.attrs.items()}
                for name in ("new_per_step", "cumulative_per_step", "histogram_edges", "histogram_counts"):
                    ev[name] = e[name][:]
                cell["evaluations"].append(ev)
            cells.append(cell)
    return cells


def own_evaluation(cell):
    """The evaluation under the model the seeds were chosen for (else the first one)."""
    for e in cell["evaluations"]:
        if e["model"] == cell["model"]:
            return e
    return cell["evaluations"][0]


def evaluation(cell, model):
    for e in cell["evaluations"]:
        if e["model"] == model:
            return e
    return None


# Algorithms in the order tables and legends list them (others after, by name).
ORDER = ["imm", "opim-c", "celf", "celf++", "greedy", "degree-discount", "pagerank", "degree", "random"]


def algorithm_key(name):
    return (ORDER.index(name) if name in ORDER else len(ORDER), name)


def group(cells, *keys):
    """Cells by the values of `keys`, in first-seen order."""
    out = collections.OrderedDict()
    for c in cells:
        out.setdefault(tuple(c[k] for k in keys), []).append(c)
    return out
