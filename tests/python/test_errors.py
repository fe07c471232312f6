"""Bad input raises Python exceptions carrying the messages the CLI prints."""
import pytest

import kuchikomi
from conftest import COMMUNITY_LOG


@pytest.fixture(scope="module")
def tiny():
    return kuchikomi.Graph.from_edges([0, 1], [1, 2], probabilities=[0.5, 0.9], labels=["a", "b", "c"])


def test_missing_file_is_file_not_found(tmp_path):
    missing = tmp_path / "nope.h5"
    with pytest.raises(FileNotFoundError) as e:
        kuchikomi.Graph.load(missing)
    assert str(missing) in str(e.value) and e.value.filename == str(missing)
    with pytest.raises(FileNotFoundError):
        kuchikomi.build_graph(tmp_path / "nope.csv")


def test_malformed_log_names_file_and_line(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("actor,target,action\nbob,alice,like\ncarol,alice,teleport\n")
    with pytest.raises(kuchikomi.InputError, match=r"log\.csv:3: .*teleport"):
        kuchikomi.build_graph(log)
    assert issubclass(kuchikomi.InputError, ValueError)


def test_unknown_seed_and_bad_settings(tiny):
    with pytest.raises(ValueError, match="unknown user 'zed'"):
        kuchikomi.simulate(tiny, ["zed"])
    with pytest.raises(ValueError, match="user id 7 is not in the graph"):
        kuchikomi.simulate(tiny, [7])
    with pytest.raises(kuchikomi.UsageError, match="runs"):
        kuchikomi.simulate(tiny, ["a"], runs=0)
    with pytest.raises(kuchikomi.UsageError, match="unknown .*model|model"):
        kuchikomi.simulate(tiny, ["a"], model="sir")
    with pytest.raises(kuchikomi.UsageError, match="^epsilon"):
        kuchikomi.select(tiny, 1, algo="imm", epsilon=2.0)
    with pytest.raises(kuchikomi.UsageError, match="imm"):
        kuchikomi.select(tiny, 1, algo="magic")
    with pytest.raises(kuchikomi.InputError):
        kuchikomi.select(tiny, 5, algo="degree")  # k above the users
    with pytest.raises(kuchikomi.UsageError, match="costs needs budget"):
        kuchikomi.select(tiny, 1, costs={"a": 2.0})
    with pytest.raises(TypeError):
        kuchikomi.simulate(tiny, ["a"], runs=-1)


def test_linear_threshold_refuses_a_graph_whose_in_probabilities_exceed_one():
    g = kuchikomi.Graph.from_edges([0, 1], [2, 2], probabilities=[0.7, 0.6])
    with pytest.raises(kuchikomi.InputError, match="sum"):
        kuchikomi.simulate(g, [0], model="lt")


def test_bad_arrays(tmp_path):
    with pytest.raises(kuchikomi.InputError, match="outside \\[0, 1\\]"):
        kuchikomi.Graph.from_edges([0], [1], probabilities=[1.5])
    with pytest.raises(kuchikomi.InputError, match="names node -1"):
        kuchikomi.Graph.from_edges([0], [-1])
    with pytest.raises(kuchikomi.UsageError, match="integer"):
        kuchikomi.Graph.from_edges([0.5], [1.0])
    with pytest.raises(kuchikomi.UsageError, match="same length"):
        kuchikomi.Graph.from_edges([0, 1], [1])
    with pytest.raises(kuchikomi.UsageError, match="appears twice"):
        kuchikomi.Graph.from_edges([0], [1], labels=["x", "x"])
    with pytest.raises(kuchikomi.UsageError, match="^prob"):
        kuchikomi.Graph.from_edges([0], [1], prob="sometimes")
    with pytest.raises(kuchikomi.UsageError, match="since must be earlier than until"):
        kuchikomi.build_graph(COMMUNITY_LOG, since=5, until=1)


def test_output_in_a_missing_folder_is_file_not_found_as_with_open(tiny, tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        tiny.save(tmp_path / "no" / "such" / "folder" / "g.h5")
    assert not (tmp_path / "no").exists()
