"""Shared fixtures of the Python package's tests: the CLI of the same build (numbers are compared
against it), the bundled community log, and exact spread by enumerating live-edge worlds."""
import itertools
import json
import os
import subprocess

import pytest

SOURCE_DIR = os.environ.get("KUCHIKOMI_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("KUCHIKOMI_CLI", os.path.join(SOURCE_DIR, "build", "kuchikomi"))
COMMUNITY_LOG = os.path.join(SOURCE_DIR, "graphs", "quantum_community.csv")


@pytest.fixture
def cli():
    """Runs `kuchikomi ARGS... --json [--quiet]` and returns the parsed JSON."""
    def run(*args, quiet=True):
        done = subprocess.run([CLI, *map(str, args), "--json"] + (["--quiet"] if quiet else []),
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)
    return run


def reachable(n, live_edges, seeds):
    reached, frontier = set(seeds), list(seeds)
    while frontier:
        u = frontier.pop()
        for a, b in live_edges:
            if a == u and b not in reached:
                reached.add(b)
                frontier.append(b)
    return reached


def exact_ic(n, edges, seeds):
    """(expected spread, per-node activation probability) under independent cascade, by summing
    over every live-edge world (each edge live with its probability)."""
    spread, per_node = 0.0, [0.0] * n
    for live in itertools.product((False, True), repeat=len(edges)):
        weight = 1.0
        for (u, v, p), on in zip(edges, live):
            weight *= p if on else 1.0 - p
        reached = reachable(n, [(u, v) for (u, v, _), on in zip(edges, live) if on], seeds)
        spread += weight * len(reached)
        for v in reached:
            per_node[v] += weight
    return spread, per_node


def exact_lt(n, edges, seeds):
    """The same under linear threshold: each node keeps at most one in-edge, edge (u, v) with
    probability p(u, v), none with 1 - the sum (Kempe et al.'s live-edge equivalence)."""
    choices = []
    for v in range(n):
        incoming = [(u, p) for u, w, p in edges if w == v]
        choices.append([(None, 1.0 - sum(p for _, p in incoming))] + incoming)
    spread, per_node = 0.0, [0.0] * n
    for pick in itertools.product(*choices):
        weight = 1.0
        for _, p in pick:
            weight *= p
        live = [(u, v) for v, (u, _) in enumerate(pick) if u is not None]
        reached = reachable(n, live, seeds)
        spread += weight * len(reached)
        for v in reached:
            per_node[v] += weight
    return spread, per_node


def write_lines(path, lines):
    path.write_text("".join(line + "\n" for line in lines))
    return path


def results_file_strings(group, name):
    """A string list of kuchikomi's results files: <name>_utf8 bytes cut at <name>_offsets."""
    data, offsets = group[name + "_utf8"][()].tobytes(), group[name + "_offsets"][()].tolist()
    return [data[a:b].decode() for a, b in zip(offsets, offsets[1:])]


def unknown_users_of_results_file(path, names={"--seeds-file": "seeds"}):
    """/unknown_users of a select or simulate results file: [(argument, label), ...] in order, each
    option spelled as the Python argument (--target -> target)."""
    import h5py
    with h5py.File(path) as f:
        if "unknown_users" not in f:
            return []
        group = f["unknown_users"]
        options, labels = results_file_strings(group, "option"), results_file_strings(group, "label")
        assert len(labels) == group.attrs["count"]
        return [(names.get(o, o.removeprefix("--")), label) for o, label in zip(options, labels)]
