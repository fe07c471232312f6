"""Ctrl-C (SIGINT) stops a long call with KeyboardInterrupt, and later calls run normally.

Each case runs a child Python that starts a call which would take hours, and sends it SIGINT once
the call is under way. Without cancellation the child would never answer (the communicate timeout
is a guard against that hang, not a time limit on the interrupt)."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

CHILD = textwrap.dedent("""
    import sys, numpy as np, kuchikomi
    rng = np.random.default_rng(1)
    n, m = 20_000, 200_000
    g = kuchikomi.Graph.from_edges(rng.integers(0, n, m), rng.integers(0, n, m), prob="uniform:0.2")
    call = sys.argv[1]
    try:
        print("ready", flush=True)
        if call == "simulate":
            kuchikomi.simulate(g, [0, 1, 2], runs=10**9, rng_seed=1)
        else:
            kuchikomi.select(g, 50, algo="celf", mc_runs=10**8, evaluate_runs=0)
        print("finished", flush=True)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    r = kuchikomi.simulate(g, [0], runs=200, rng_seed=1)
    print("after", r.runs, flush=True)
""")


def interrupt_child(script, argument):
    """Runs `script` in a child Python, sends SIGINT a second after it prints "ready", and checks that
    the call stopped with KeyboardInterrupt and the module still worked afterwards."""
    child = subprocess.Popen([sys.executable, "-c", script, argument], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(1.0)  # let the call get under way (an earlier signal would stop Python code instead)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=300)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0, err
    assert out.split("\n")[:2] == ["interrupted", "after 200"], (out, err)


@pytest.mark.parametrize("call", ["simulate", "select"])
def test_sigint_interrupts_a_long_call(call):
    interrupt_child(CHILD, call)


LOAD_CHILD = textwrap.dedent("""
    import errno, os, sys, threading, time, kuchikomi
    fifo, stop = sys.argv[1], threading.Event()
    block = b"1 2\\n" + (b"# " + b"x" * 1000 + b"\\n") * 64  # an edge, then comments: ~4 MB/s of edge list

    def feed():
        # load opens the path several times (format detection, then the read): each opening gets a
        # stream that never ends until its reader closes it.
        while not stop.is_set():
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as e:
                if e.errno != errno.ENXIO:  # ENXIO: no reader yet
                    raise
                time.sleep(0.001)
                continue
            os.set_blocking(fd, True)
            try:
                while not stop.is_set():
                    os.write(fd, block)
                    time.sleep(0.015)
            except BrokenPipeError:
                pass
            finally:
                os.close(fd)

    feeder = threading.Thread(target=feed)
    feeder.start()
    try:
        print("ready", flush=True)
        kuchikomi.Graph.load(fifo)
        print("finished", flush=True)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    finally:
        stop.set()
        feeder.join()
    g = kuchikomi.Graph.from_edges([0], [1], probabilities=[1.0])
    print("after", kuchikomi.simulate(g, [0], runs=200).runs, flush=True)
""")


def test_sigint_interrupts_loading_a_graph(tmp_path):
    """Graph.load on an edge list that never ends (a named pipe fed without end): without
    cancellation in the reader it would read until the memory cap."""
    fifo = tmp_path / "edges.fifo"
    os.mkfifo(fifo)
    interrupt_child(LOAD_CHILD, str(fifo))


def test_other_python_threads_run_while_a_call_works():
    """The GIL is released during the call: with a switch interval of 1000 s Python never takes the
    GIL from the main thread, so the counting thread advances during the call only if the binding
    lets go of it (if it held it, the count before and after the call would be equal)."""
    import threading

    from conftest import COMMUNITY_LOG
    import kuchikomi

    g = kuchikomi.Graph.load(COMMUNITY_LOG)
    count, stop = [0], threading.Event()

    def counting():
        while not stop.is_set():
            count[0] += 1
            time.sleep(0)  # lets the main thread have the GIL back

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    thread = threading.Thread(target=counting)
    try:
        thread.start()
        time.sleep(0.05)  # the counting thread is in its loop
        before = count[0]
        kuchikomi.simulate(g, ["Blue (26)"], runs=100_000, threads=1)
        during = count[0] - before
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(old)
    assert during > 0
