#!/usr/bin/env python3
"""Writes the seed corpus and dictionaries for the libFuzzer targets in tests/fuzz (stdlib only).

Usage: python3 scripts/make_fuzz_corpus.py [OUT] [--kuchikomi EXE]   (default OUT: build-fuzz/corpus)

For each target it writes OUT/<target>/ with a few dozen small seeds (excerpts of graphs/*.csv and
of the SNAP files in ../shared/datasets when they are there, hand-made inputs of every layout the
parser knows, gzip variants, files like experiments/*.ini) and OUT/<target>.dict, a libFuzzer
dictionary of the format's keywords. The seeds follow each target's input convention (see the
header comment of tests/fuzz/fuzz_<target>.cpp): the edge-list target reads two option bytes first,
the user-list target one. Seeds are made here rather than committed, so the tree holds no binary
test data; running the script again replaces them.

A new target gets a function below and an entry in TARGETS. HDF5 files (graph_file, results_file)
cannot be written with the standard library: their seeds are made by running the kuchikomi
executable given with --kuchikomi (scripts/fuzz.sh passes the one of the fuzz build); without it
those folders stay empty.
"""
import gzip
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASETS = os.path.join(os.path.dirname(ROOT), "shared", "datasets")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def head_lines(data, n):
    return b"".join(data.splitlines(keepends=True)[:n])


def gz(data):
    # mtime=0: the same seed bytes on every run.
    return gzip.compress(data, compresslevel=9, mtime=0)


def dataset_excerpt(relative, lines):
    """The first lines of a (gzip) file in ../shared/datasets, or None when it is not there."""
    path = os.path.join(DATASETS, relative)
    if not os.path.exists(path):
        return None
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        return b"".join(f.readline() for _ in range(lines))


# --- interaction logs: the whole input with default options, then [option byte] + log -------------

def interaction_log_seeds():
    tiny = read(os.path.join(ROOT, "graphs", "tiny_community.csv"))
    quantum = head_lines(read(os.path.join(ROOT, "graphs", "quantum_community.csv")), 40)
    seeds = {
        "tiny.csv": tiny,
        "quantum_head.csv": quantum,
        "tabs.csv": tiny.replace(b",", b"\t").replace(b'"Kim\t Lee"', b"Kim, Lee"),
        "crlf_bom.csv": b"\xef\xbb\xbf" + tiny.replace(b"\n", b"\r\n"),
        "columns_any_order.csv": b"target,weight,action,actor,probability,timestamp\n"
                                 b"alice,2,like,bob,0.5,1700000100\n"
                                 b"bob,0.5,comment,carol,1,1700000200\n"
                                 b"carol,,answer,dave,0,\n",
        "aliases.csv": b"Actor,Target,Action,ts,prob\nbob,alice,Answer,1700000100,0.25\ncarol,bob,REPLY,1,0.75\n",
        "quoted.csv": b'actor,target,action\n"Kim, Lee",bob,like\n"say ""hi""",bob,comment\n'
                      b'"multi\nline",bob,answer\n  spaced  , bob ,like\n',
        "bad_lines.csv": b"actor,target,action,timestamp,weight\nbob,alice,poke,1,1\nbob,alice,like,x,1\n"
                         b"bob,alice,like,1,-1\nbob,alice,like,1\n,alice,like,1,1\nbob,\"open,like,1,1\n",
        "weights.csv": b"actor,target,action,weight\nbob,alice,like,1e300\nbob,alice,like,1e300\n"
                       b"carol,alice,comment,0\ndave,erin,like,3.4e38\n",
        "header_only.csv": b"actor,target,action,timestamp\n",
        "no_header.csv": b"bob,alice,like,1\n",
        "empty.csv": b"",
        "tiny.csv.gz": gz(tiny),
        "two_members.csv.gz": gz(tiny[:60]) + gz(tiny[60:]),
        "truncated.csv.gz": gz(tiny)[:-9],
    }
    # The option byte in front: skip bad lines, time window, each --prob, min-weight, big weights.
    for choice in (0x01, 0x06, 0x08, 0x10, 0x18, 0x20, 0x41, 0x80):
        seeds["opt%02x_tiny.csv" % choice] = bytes([choice]) + tiny
    seeds["opt80_weights.csv"] = b"\x80actor,target,action,weight\nbob,alice,huge,2\ncarol,alice,zero,1\n"
    seeds["opt20_probability.csv"] = b"\x20actor,target,action,probability\nbob,alice,like,0.5\nbob,alice,like,1\n"
    return seeds


INTERACTION_LOG_DICT = [
    "actor", "target", "action", "timestamp", "time", "ts", "weight", "probability", "prob",
    "like", "vote", "comment", "reply", "answer", "a2q", "c2q", "\"", "\"\"", ",", "\t", "\r\n", "\n",
    "\xef\xbb\xbf", "1e300", "3.5e38", "-0", "nan", "inf", "+1", "0.5", "1700000000", "1.5e9",
]


# --- edge lists: [option byte][layout byte] + text -------------------------------------------------

# Index of each --columns choice in fuzz_edge_list.cpp's kColumns.
COLUMNS = {"auto": 0, "u,v": 1, "v,u": 2, "u,v,w": 3, "u,v,t": 4, "u,v,w,t": 5, "u,v,p": 6, "u,v,-,t": 7,
           "-,u,v": 8, "u,v,p,w,t": 9, "t,w,v,u": 10}
REVERSE, FORWARD, BOTH = 0, 1, 2


def edge_seed(text, columns="auto", direction=REVERSE, skip_lines=0, skip_bad=False, window=False, model=0,
              min_weight=False):
    choice = direction | (skip_lines << 2) | (16 if skip_bad else 0) | (32 if window else 0) | (model << 6)
    layout = COLUMNS[columns] | (128 if min_weight else 0)
    return bytes([choice, layout]) + text


def edge_list_seeds():
    two = b"# directed\n% comment\n1 2\n2 3\n3 1\n1 2\n4 4\n"
    seeds = {
        "uv.txt": edge_seed(two),
        "uv_forward.txt": edge_seed(two, direction=FORWARD),
        "uv_both_netphy.txt": edge_seed(b"4 5\n1 2\n2 3\n1 3\n3 4\n", direction=BOTH, skip_lines=1),
        "uvt_snap.txt": edge_seed(b"1 2 1082040961\n1 3 1082155839\n2 1 1082414391\n3 2 1084585996.0\n"),
        "uvw.txt": edge_seed(b"0 1 0.024\n1 2 0.5\n2 0 1.5\n"),
        "uvw_explicit.txt": edge_seed(b"0 1 3\n1 2 1\n", columns="u,v,w"),
        "uvwt_konect.txt": edge_seed(b"% sym unweighted\n% 4 3 3\n1 2 1 1000000000\n2 3 2 1000000100\n",
                                     window=True),
        "uvp.txt": edge_seed(b"1 2 0.1\n2 3 1\n3 1 0\n", columns="u,v,p", model=2),
        "ignored_column.txt": edge_seed(b"1 2 x 1500000000\n2 3 y 1600000000\n", columns="u,v,-,t"),
        "reordered.txt": edge_seed(b"1500000000 2 b a\n1600000000 1 c b\n", columns="t,w,v,u"),
        "five_columns.txt": edge_seed(b"a b 0.5 2 1700000000\n", columns="u,v,p,w,t", model=2),
        "header.txt": edge_seed(b"Srcid dstid t\n1 2 1500000000\n2 3 1500000001\n"),
        "names.txt": edge_seed(b"alice bob\nbob carol\ncarol alice\n"),
        "commas_tabs_crlf.txt": edge_seed(b"1,2\r\n2\t3\r\n 3 , 1 \r\n"),
        "big_numbers.txt": edge_seed(b"18446744073709551615 0\n18446744073709551616 007\n8388608 8388607\n"),
        "bad_lines.txt": edge_seed(b"1 2\n1\n1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n1 2 -1\n", skip_bad=True),
        "weights_overflow.txt": edge_seed(b"1 2 1e300\n1 2 1e300\n2 3 3.5e38\n", columns="u,v,w"),
        "min_weight.txt": edge_seed(b"1 2 1\n1 2 1\n2 3 1\n", columns="u,v,w", min_weight=True),
        "empty.txt": edge_seed(b""),
        "uv.txt.gz": edge_seed(gz(two)),
        "uvt.txt.gz": edge_seed(gz(b"1 2 1082040961\n1 3 1082155839\n")),
        "truncated.txt.gz": edge_seed(gz(two)[:-5]),
    }
    for name, relative, options in [
        ("collegemsg.txt", "CollegeMsg/CollegeMsg.txt.gz", {}),
        ("nethept.txt", "nethept/nethept_imm_graph.txt.gz", {"direction": FORWARD}),
        ("netphy.txt", "netphy/phy.txt.gz", {"direction": BOTH, "skip_lines": 1}),
        ("fb_forum.txt", "fb-forum/fb-forum.txt.gz", {}),
        ("bitcoin_konect.txt", "soc-sign-bitcoin/out.soc-sign-bitcoinalpha.gz", {"skip_bad": True}),
        ("dnc.txt", "dnc-temporalGraph/dnc-temporalGraph.txt.gz", {}),
    ]:
        excerpt = dataset_excerpt(relative, 30)
        if excerpt is not None:
            seeds[name] = edge_seed(excerpt, **options)
    return seeds


EDGE_LIST_DICT = ["#", "%", " ", "\t", ",", "\r\n", "\n", "18446744073709551615", "18446744073709551616",
                  "8388608", "1e8", "1084585996.0", "0.024", "-1", "nan", "inf", "1e300", "Srcid dstid t"]


# --- GraphML and GEXF: [option byte] + XML --------------------------------------------------------

def xml_seed(text, direction=REVERSE, skip_bad=False, window=False, model=0):
    return bytes([direction | (4 if skip_bad else 0) | (8 if window else 0) | (model << 4)]) + text


GRAPHML_NX = b"""<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d1" for="edge" attr.name="probability" attr.type="double" />
  <key id="d0" for="edge" attr.name="weight" attr.type="long"><default>1</default></key>
  <key id="d2" for="node" attr.name="label" attr.type="string" />
  <key id="d3" for="edge" attr.name="time" attr.type="long" />
  <graph edgedefault="directed">
    <node id="a"><data key="d2">Kim &amp; Lee</data></node>
    <node id="b" />
    <node id="c" />
    <edge source="a" target="b"><data key="d0">3</data><data key="d1">0.5</data><data key="d3">100</data></edge>
    <edge source="a" target="c" directed="false"><data key="d1">0.25</data><data key="d3">20</data></edge>
    <edge source="b" target="c"><data key="d0">5</data><data key="d1">1</data><data key="d3">30</data></edge>
  </graph>
</graphml>
"""

GEXF_NX = b"""<?xml version='1.0' encoding='utf-8'?>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
  <graph defaultedgetype="directed" mode="static" name="">
    <attributes mode="static" class="edge">
      <attribute id="0" title="probability" type="double"><default>0.1</default></attribute>
      <attribute id="1" title="timestamp" type="long" />
    </attributes>
    <nodes><node id="1" label="one" /><node id="2" label="two" /><node id="3" label="3" /></nodes>
    <edges>
      <edge source="1" target="2" id="0" weight="3"><attvalues><attvalue for="0" value="0.5" /><attvalue for="1" value="50" /></attvalues></edge>
      <edge source="2" target="3" id="1" weight="2" type="undirected" />
      <edge source="3" target="3" id="2" />
    </edges>
  </graph>
</gexf>
"""


def graph_xml_seeds():
    return {
        "nx.graphml": xml_seed(GRAPHML_NX),
        "nx_forward_p.graphml": xml_seed(GRAPHML_NX, direction=FORWARD, model=2),
        "nx_window.graphml": xml_seed(GRAPHML_NX, window=True, skip_bad=True),
        "nx.gexf": xml_seed(GEXF_NX),
        "nx_both_p.gexf": xml_seed(GEXF_NX, direction=BOTH, model=2, window=True),
        "undirected.graphml": xml_seed(b'<graphml><graph edgedefault="undirected"><node id="1"/><node id="2"/>'
                                       b'<edge source="1" target="2"/></graph></graphml>'),
        "doctype.graphml": xml_seed(b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY x "y">]><graphml/>'),
        "bad_weight.graphml": xml_seed(GRAPHML_NX.replace(b">3<", b">-3<"), skip_bad=True),
    }


GRAPH_XML_DICT = ["<graphml>", "</graphml>", "<graph>", "</graph>", "<node id=\"", "<edge source=\"", "target=\"",
                  "<data key=\"", "</data>", "<key id=\"", "for=\"edge\"", "attr.name=\"weight\"",
                  "attr.name=\"probability\"", "attr.name=\"label\"", "<default>", "edgedefault=\"undirected\"",
                  "directed=\"false\"", "<gexf>", "<nodes>", "<edges>", "<attributes class=\"edge\">",
                  "<attribute id=\"", "title=\"", "<attvalue for=\"", "value=\"", "label=\"", "weight=\"",
                  "type=\"undirected\"", "defaultedgetype=\"directed\"", "<!DOCTYPE", "<!ENTITY", "&amp;",
                  "&#10;", "<![CDATA[", "/>", "<hyperedge>"]


# --- user lists and cost files: [reader byte] + [labels \0] list ------------------------------------

USER_LIST, COSTS, SEEDS_TEXT, ALL_READERS, NUMERIC = 0, 1, 2, 3, 4


def user_list_seeds():
    return {
        "list.txt": bytes([USER_LIST]) + b"# ambassadors\nBlue (26)\n  Kim, Lee  \r\n\n\"say \"\"hi\"\"\"\nBlue (26)\n",
        "seeds_csv.csv": bytes([USER_LIST]) + b"rank,user,marginal_gain,cost,cumulative_spread\n"
                                              b"1,\"Kim, Lee\",2.5,1,2.5\n2,u3,1,1,3.5\n",
        "label_column_tabs.tsv": bytes([USER_LIST]) + b"rank\tlabel\n1\tu3\n2\tBlue (26)\n",
        "header_is_a_label.txt": bytes([USER_LIST]) + b"user\nrank\n",
        "unknown.txt": bytes([USER_LIST]) + b"u3\n\nBlue\n",
        "costs.csv": bytes([COSTS]) + b"user,cost\nBlue (26),3\n\"Kim, Lee\",2.5\nu3\t4\nrank 0.5\n",
        "bad_costs.csv": bytes([COSTS]) + b"u3,0\nBlue (26),cheap\nu3\n\"open,1\n",
        "seeds_text.txt": bytes([SEEDS_TEXT]) + b"\"Kim, Lee\", u3,,Blue (26)",
        "seeds_whole_label.txt": bytes([SEEDS_TEXT]) + b"Kim, Lee",
        "own_labels.txt": bytes([ALL_READERS]) + b"alice\nbob\n\"quoted\"\nx,1\n\0alice\n\"\"\"quoted\"\"\"\nx,1\n",
        "numeric.txt": bytes([NUMERIC | ALL_READERS]) + b"0\n7\n999\n007\n",
        "numeric_costs.csv": bytes([NUMERIC | COSTS]) + b"7,2\n0 1.5\n3\t1e308\n",
    }


USER_LIST_DICT = ["user", "label", "cost", "rank", "#", "\"", "\"\"", ",", "\t", "\r\n", "\n", "\x00",
                  "Blue (26)", "Kim, Lee", "1e308", "nan", "-1"]


# --- graph build --config files ------------------------------------------------------------------

def build_config_seeds():
    return {
        "weights.cfg": b"# action weights for this community\naction-weight = like=0.5\n"
                       b"action-weight = answer=10\nprob = uniform:0.05\n",
        "everything.cfg": b"prob = exp:2\nsince = 1520000000\nuntil = 1530000000\nmin-weight = 1\n"
                          b"skip-bad-lines = true\nrng-seed = 7\naction-weight = Share = 2.5\n",
        "trivalency.cfg": b"prob = trivalency\nrng-seed = 18446744073709551615\n",
        "const.cfg": b"prob = const-from-file\r\n",
        "section.cfg": b"[graph]\nprob = wc\n",
        "twice.cfg": b"prob = wc\nprob = trivalency\n",
        "bad_values.cfg": b"since = yesterday\nmin-weight = -1\naction-weight = like\n",
        "unknown.cfg": b"prob = wc\n# fine so far\nno-such-option = 1\n",
    }


BUILD_CONFIG_DICT = ["prob", "since", "until", "min-weight", "action-weight", "skip-bad-lines", "rng-seed",
                     " = ", "=", "#", "[", "]", "\n", "wc", "uniform:", "trivalency", "exp:", "const-from-file",
                     "like=", "true", "false", "nan", "inf", "1e308", "-1"]


# --- experiment .ini files -----------------------------------------------------------------------

def experiment_ini_seeds():
    seeds = {}
    experiments = os.path.join(ROOT, "experiments")
    for name in sorted(os.listdir(experiments)):
        if name.endswith(".ini"):
            seeds[name] = read(os.path.join(experiments, name))
    seeds["small.ini"] = b"""name = small
output = results/small
[grid]
graphs = tiny, edges, rmat, power
models = ic, lt, ic:3
algorithms = imm, opim-c, degree, celf
k = 1, 2
repetitions = 2
rng-seed = 1
threads = 0, 1
epsilon = 0.5
ell = 1
delta = 0.01
mc-runs = 100
[evaluation]
runs = 1000
rng-seed = 1000003
models = ic, lt:2
[graph.tiny]
path = ../graphs/tiny_community.csv
format = log
prob = exp:2
action-weight = answer=1
action-weight = like=0.5
[graph.edges]
path = ../graphs/quantum_community.csv
format = edge-list
direction = both
columns = u,v,-,t
[graph.rmat]
format = rmat
nodes = 1024
edges = 4096
seed = 3
[graph.power]
format = powerlaw
nodes = 100
edges = 300
gamma = 2.1
prob = trivalency
[algorithm.celf]
mc-runs = 50
graphs = tiny
max-k = 1
[algorithm.imm]
epsilon = 0.3
"""
    seeds["errors.ini"] = b"[grid\n[graph.]\n[graph.a]\npath = missing.csv\n[grid]\nk = 0, 1, 1\nalgorithms = nope\n"
    return seeds


EXPERIMENT_INI_DICT = ["[grid]", "[evaluation]", "[graph.", "[algorithm.", "]", " = ", "#", ",", "\n",
                       "name", "output", "graphs", "models", "algorithms", "k", "repetitions", "rng-seed",
                       "threads", "epsilon", "ell", "delta", "mc-runs", "runs", "path", "format", "prob",
                       "direction", "columns", "action-weight", "nodes", "edges", "gamma", "seed", "max-k",
                       "auto", "h5", "edge-list", "log", "rmat", "powerlaw", "ic", "lt", "ic:3", "imm",
                       "opim-c", "celf", "celf++", "greedy", "degree", "degree-discount", "pagerank", "random",
                       "../graphs/tiny_community.csv", "../graphs/quantum_community.csv", "reverse", "forward",
                       "both", "u,v,w,t", "wc", "uniform:0.1", "trivalency", "exp:2", "const-from-file",
                       "18446744073709551615", "4294967295", "nan", "1e308"]


# --- HDF5 files, made by the kuchikomi executable: the file's bytes are the input ---------------

def run_kuchikomi(kuchikomi, folder, commands):
    """Runs each `kuchikomi ARGS` in `folder` (names without a slash are files there); returns the
    bytes of every .h5 file written there, by name."""
    for args in commands:
        subprocess.run([kuchikomi] + args, cwd=folder, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=dict(os.environ, ASAN_OPTIONS="detect_leaks=0"))
    return {name: read(os.path.join(folder, name)) for name in sorted(os.listdir(folder)) if name.endswith(".h5")}


def without(seeds, name):
    seeds.pop(name, None)
    return seeds


def graph_file_seeds(kuchikomi):
    if kuchikomi is None:
        return {}
    tiny = os.path.join(ROOT, "graphs", "tiny_community.csv")
    with tempfile.TemporaryDirectory() as folder:
        return run_kuchikomi(kuchikomi, folder, [
            ["graph", "build", "--log", tiny, "--out", "tiny_wc.h5"],
            ["graph", "build", "--log", tiny, "--prob", "trivalency", "--out", "tiny_trivalency.h5"],
            ["graph", "generate", "--kind", "rmat", "--nodes", "64", "--edges", "256", "--rng-seed", "1",
             "--out", "rmat.h5"],
        ])


def results_file_seeds(kuchikomi):
    if kuchikomi is None:
        return {}
    tiny = os.path.join(ROOT, "graphs", "tiny_community.csv")
    with tempfile.TemporaryDirectory() as folder:
        return without(run_kuchikomi(kuchikomi, folder, [
            ["graph", "build", "--log", tiny, "--out", "graph.h5"],
            ["select", "--graph", "graph.h5", "--algo", "imm", "-k", "2", "--evaluate-runs", "100",
             "--out", "select_imm.h5"],
            ["select", "--graph", "graph.h5", "--algo", "degree", "-k", "2", "--evaluate-runs", "100",
             "--out", "select_degree.h5"],
            ["simulate", "--graph", "graph.h5", "--model", "lt", "--seeds", "alice", "--runs", "100",
             "--out", "simulate.h5"],
        ]), "graph.h5")


TARGETS = {
    "interaction_log": (interaction_log_seeds, INTERACTION_LOG_DICT),
    "edge_list": (edge_list_seeds, EDGE_LIST_DICT),
    "graph_xml": (graph_xml_seeds, GRAPH_XML_DICT),
    "user_list": (user_list_seeds, USER_LIST_DICT),
    "build_config": (build_config_seeds, BUILD_CONFIG_DICT),
    "experiment_ini": (experiment_ini_seeds, EXPERIMENT_INI_DICT),
    # For targets still to come (tests/fuzz/fuzz_graph_file.cpp, fuzz_results_file.cpp).
    "graph_file": (graph_file_seeds, []),
    "results_file": (results_file_seeds, []),
}
NEEDS_KUCHIKOMI = {"graph_file", "results_file"}


def dict_entry(text):
    escaped = ""
    for byte in text.encode("latin-1"):
        c = chr(byte)
        if c in '\\"':
            escaped += "\\" + c
        elif 32 <= byte < 127:
            escaped += c
        else:
            escaped += "\\x%02x" % byte
    return '"%s"' % escaped


def main():
    args = sys.argv[1:]
    kuchikomi = None
    if "--kuchikomi" in args:
        at = args.index("--kuchikomi")
        kuchikomi = os.path.abspath(args[at + 1])
        del args[at:at + 2]
    out = args[0] if args else os.path.join(ROOT, "build-fuzz", "corpus")
    for target, (make_seeds, words) in TARGETS.items():
        folder = os.path.join(out, target)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        seeds = make_seeds(kuchikomi) if target in NEEDS_KUCHIKOMI else make_seeds()
        for name, data in seeds.items():
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
        if words:
            with open(os.path.join(out, target + ".dict"), "w") as f:
                f.write("# libFuzzer dictionary for fuzz_%s, made by scripts/make_fuzz_corpus.py\n" % target)
                for i, word in enumerate(words):
                    f.write("kw%d=%s\n" % (i, dict_entry(word)))
        print("%-16s %3d seeds, %2d dictionary words" % (target, len(seeds), len(words)))


if __name__ == "__main__":
    main()
