"""The fork server: jobs run in children of a small single-threaded process, never of the
caller, so locks held by the caller's other threads cannot hang them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import jobs
from support.procs import proc

from workers.pipeline import forkserver
from workers.pipeline.forkserver import ForkServer

TESTS = str(Path(__file__).resolve().parents[1])


@pytest.fixture
def server() -> Iterator[ForkServer]:
    srv = ForkServer()
    yield srv
    srv.close()


def _alive(pid: int) -> bool:
    found = proc(pid)
    return found is not None and found.alive


def test_a_job_runs_in_a_single_threaded_child_of_the_server(server: ForkServer) -> None:
    stop = threading.Event()
    busy = [threading.Thread(target=stop.wait) for _ in range(3)]
    for thread in busy:
        thread.start()
    try:
        outcome = server.run(jobs.pid_and_threads, (), 10)
    finally:
        stop.set()
        for thread in busy:
            thread.join()
    assert outcome.kind == "ok"
    child, parent, threads = outcome.value
    assert parent == server.pid and child not in (os.getpid(), server.pid)
    assert threads == 1


@pytest.mark.timeout(60)
def test_another_threads_import_does_not_hang_the_child(
    server: ForkServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module being imported by another thread at the moment of a fork stays locked forever
    in a child forked from this process; the server's child imports it freely."""
    name = "nr_slow_import_probe"
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(f"""
        import os, time
        if os.getpid() == {os.getpid()}:  # slow only here, in the caller
            time.sleep(3)
        """))
    monkeypatch.syspath_prepend(str(tmp_path))
    server.run(jobs.echo, (None,), 30)  # the server is up before the race starts
    importer = threading.Thread(target=__import__, args=(name,))
    importer.start()
    try:
        while name not in sys.modules:  # the other thread now holds the module's lock
            time.sleep(0.001)
        started = time.monotonic()
        outcome = server.run(jobs.import_from, (str(tmp_path), name), 2)
        elapsed = time.monotonic() - started
    finally:
        importer.join()
        sys.modules.pop(name, None)
    assert outcome.kind == "ok", outcome
    assert elapsed < 2


def test_time_limit_kills_the_child(server: ForkServer) -> None:
    server.run(jobs.echo, (None,), 30)
    started = time.monotonic()
    outcome = server.run(jobs.sleep, (30,), 0.3)
    assert outcome.kind == "timeout"
    assert time.monotonic() - started < 1.5


def test_outcomes_of_failing_jobs(server: ForkServer) -> None:
    raised = server.run(jobs.boom, (), 10)
    assert raised.kind == "raised" and isinstance(raised.value, ValueError)
    assert str(raised.value) == "bad things"
    assert server.run(jobs.die, (), 10).kind == "died"
    unpicklable = server.run(jobs.unpicklable, (), 10)
    assert unpicklable.kind == "raised" and "unpicklable result" in unpicklable.value


def test_a_dead_server_is_restarted(server: ForkServer) -> None:
    assert server.run(jobs.echo, (1,), 30).value == 1
    first = server.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    assert server.run(jobs.echo, (2,), 30).value == 2
    assert server.pid not in (None, first)


def test_large_arguments_and_results_travel_whole(server: ForkServer) -> None:
    blob = os.urandom(8 << 20)
    assert server.run(jobs.echo, (blob,), 30).value == blob


def test_concurrent_jobs_from_many_threads() -> None:
    results: list[object] = []

    def work(i: int) -> None:
        results.append(forkserver.server().run(jobs.echo, (i,), 30).value)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(8))  # type: ignore[type-var]


def test_the_server_exits_with_its_owner() -> None:
    script = textwrap.dedent("""
        from support import jobs
        from workers.pipeline import forkserver
        srv = forkserver.server()
        assert srv.run(jobs.echo, (1,), 30).value == 1
        print(srv.pid, flush=True)
        import os
        os._exit(0)  # no clean-up: the server must notice the owner is gone by itself
        """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=TESTS), timeout=60, check=True)
    pid = int(out.stdout.split()[0])
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)


def test_a_server_that_cannot_start_is_an_os_error() -> None:
    broken = ForkServer(["nr_no_such_module_anywhere"])
    try:
        with pytest.raises(OSError, match="did not start"):
            broken.run(jobs.echo, (1,), 30)
    finally:
        broken.close()
