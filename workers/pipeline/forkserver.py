"""Run a function in a throw-away process under a hard time limit, forked from a fork server.

Why a throw-away process at all: feed parsing can hit regexes that run for minutes (see
`feeds`), and killing a process is the only way to stop a running regex; `signal.alarm` does
not work in a non-main thread or in a Celery prefork child, which uses SIGALRM itself.

Why not fork the worker itself (what this module replaced): the worker is a big process that may
run several threads (Celery's threads pool, the tests' in-process worker, HTTP client pools).
`fork()` copies only the calling thread, so a lock another thread held at that instant (an
import's module lock, an allocator or loader lock inside a C library) stays held in the child
forever, and the parse hangs until the time limit kills it. While such a child lives, every page
the big parent writes is copied too. Both turned ordinary 10 ms parses into multi-second ones on
a loaded machine. Python 3.12 warns about exactly this ("use of fork() may lead to deadlocks").

So each process that needs a child starts one small server: a fresh interpreter (started with
fork+exec, which is safe from any thread) with one thread, which imports the modules the jobs
need and then only waits. For each job the caller hands the server one end of a new socket pair
(SCM_RIGHTS); the server forks, and the child reads the pickled job from that socket, sends its
pid, runs the job and sends the pickled outcome. The caller enforces the deadline and SIGKILLs
the child when it passes. The server ignores SIGCHLD, so the kernel reaps the children; it
exits when the caller's end of the control socket closes (the caller exited or died).

`multiprocessing`'s own fork server is not used because it refuses to start processes from the
daemonic children of Celery's prefork pool, and re-imports `__main__` in every child.
"""

from __future__ import annotations

import atexit
import gc
import os
import pickle
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_LENGTH = struct.Struct("!Q")
#: how long a new server may take to import its modules and answer
_START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Outcome:
    """What became of one job: `kind` is "ok" (value is the result), "raised" (value is the
    exception, or its "Type: text" when it could not be pickled), "timeout", "died" (the
    child ended without an outcome) or "unavailable" (no child was started, twice)."""

    kind: str
    value: Any = None


class ForkServer:
    """One server process and the control socket to it, owned by the process that started it."""

    def __init__(self, preload: Sequence[str] = ()) -> None:
        self.preload = tuple(preload)
        self.owner = os.getpid()
        self._lock = threading.Lock()
        self._control: socket.socket | None = None
        self._process: subprocess.Popen[bytes] | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    def _start(self) -> socket.socket:
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # the server imports from where this process imports, so that a job's function
        # (pickled by name) resolves to the same module there
        package_root = str(Path(__file__).resolve().parents[2])
        paths = [package_root, *(p or os.getcwd() for p in sys.path)]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(dict.fromkeys(paths)))
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "workers.pipeline.forkserver", str(theirs.fileno()),
                 *self.preload],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,  # Ctrl-C on the worker's terminal is the worker's
            )
        finally:
            theirs.close()
        # the server says it is ready (its imports done) with one message; a socket timeout
        # waits with poll(), which works on descriptors above 1024 (select() does not)
        mine.settimeout(_START_TIMEOUT)
        try:
            ready = mine.recv(16) == b"ready"
        except TimeoutError:
            ready = False
        if not ready:
            mine.close()
            self._stop_process()
            raise OSError("the fork server did not start")
        mine.settimeout(None)
        self._control = mine
        return mine

    def _discard(self) -> None:
        """Close the control socket and stop the server (the caller holds the lock)."""
        if self._control is not None:
            self._control.close()
            self._control = None
        self._stop_process()

    def _stop_process(self) -> None:
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            self._process = None

    def close(self) -> None:
        """Stop the server (it also stops by itself when this process exits)."""
        with self._lock:
            if self._control is not None:
                self._control.close()
                self._control = None
            if self._process is not None and self.owner == os.getpid():
                try:
                    self._process.wait(5)
                except subprocess.TimeoutExpired:
                    pass
                self._stop_process()

    def forget(self) -> None:
        """In a forked copy of the owner: drop the inherited socket without stopping the
        owner's server, so that the server still sees the owner's exit."""
        if self._control is not None:
            self._control.close()
            self._control = None
        self._process = None

    @property
    def pid(self) -> int | None:
        """The server's pid while it runs (for tests and ops)."""
        return self._process.pid if self._process is not None else None

    def _hand_over(self, end: socket.socket) -> None:
        """Give the server one end of a job's socket pair, starting or restarting it if need be."""
        with self._lock:
            for attempt in (1, 2):
                control = self._control
                if control is None or (self._process is not None
                                       and self._process.poll() is not None):
                    self._discard()
                    control = self._start()
                try:
                    socket.send_fds(control, [b"job"], [end.fileno()])
                    return
                except OSError:
                    if attempt == 2:
                        raise
                    self._discard()

    # --- jobs --------------------------------------------------------------------------------

    def run(self, func: Callable[..., Any], args: tuple[Any, ...], time_limit: float) -> Outcome:
        """Run `func(*args)` in a new child of the server; give up after `time_limit` seconds.

        `func` and `args` are pickled, so `func` must be a module-level function.
        """
        request = pickle.dumps((func, args), protocol=pickle.HIGHEST_PROTOCOL)
        deadline = time.monotonic() + time_limit
        for attempt in (1, 2):
            mine, theirs = socket.socketpair()
            try:
                self._hand_over(theirs)
                theirs.close()
                reader = _Reader(mine, deadline)
                head = reader.exactly(_LENGTH.size)
                if head is None:
                    if reader.timed_out:
                        return Outcome("timeout")
                    # no child was forked: the server died with the job in its queue
                    self._restart_needed()
                    if attempt == 1:
                        continue
                    return Outcome("unavailable")
                return self._talk(reader, _LENGTH.unpack(head)[0], request)
            finally:
                theirs.close()
                mine.close()
        raise AssertionError("unreachable")  # pragma: no cover

    def _restart_needed(self) -> None:
        with self._lock:
            self._discard()

    @staticmethod
    def _talk(reader: _Reader, child: int, request: bytes) -> Outcome:
        """Send the job to child `child` and read its outcome before the deadline."""
        try:
            if not reader.send(_LENGTH.pack(len(request)) + request):
                return _give_up(child, reader)
            head = reader.exactly(_LENGTH.size)
            data = reader.exactly(_LENGTH.unpack(head)[0]) if head else None
        except BaseException:
            _kill(child)
            raise
        if data is None:
            return _give_up(child, reader)
        kind, value = pickle.loads(data)
        return Outcome(kind, value)


def _give_up(child: int, reader: _Reader) -> Outcome:
    if reader.timed_out:
        _kill(child)
        return Outcome("timeout")
    return Outcome("died")


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class _Reader:
    """Blocking socket I/O against one deadline (poll(), which works on any descriptor)."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self.sock = sock
        self.deadline = deadline
        self.timed_out = False
        sock.setblocking(False)
        self.poller = select.poll()

    def _wait(self, events: int) -> bool:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            self.timed_out = True
            return False
        self.poller.register(self.sock, events)
        try:
            self.poller.poll(max(1, int(remaining * 1000 + 0.5)))
        finally:
            self.poller.unregister(self.sock)
        return True

    def exactly(self, size: int) -> bytes | None:
        """`size` bytes, or None at end of stream or at the deadline."""
        chunks = bytearray()
        while len(chunks) < size:
            try:
                chunk = self.sock.recv(min(size - len(chunks), 1 << 20))
            except BlockingIOError:
                if not self._wait(select.POLLIN):
                    return None
                continue
            except OSError:
                return None
            if not chunk:
                return None
            chunks += chunk
        return bytes(chunks)

    def send(self, data: bytes) -> bool:
        view = memoryview(data)
        while view:
            try:
                view = view[self.sock.send(view):]
            except BlockingIOError:
                if not self._wait(select.POLLOUT):
                    return False
            except OSError:
                return False
        return True


# --- one server per process ------------------------------------------------------------------

_servers: dict[tuple[str, ...], ForkServer] = {}
_servers_lock = threading.Lock()


def server(preload: Sequence[str] = ()) -> ForkServer:
    """This process's server for jobs that need `preload` imported (started on first use)."""
    key = tuple(preload)
    with _servers_lock:
        found = _servers.get(key)
        if found is None:  # a forked copy starts empty (`_after_fork_in_child`)
            found = _servers[key] = ForkServer(key)
        return found


def _after_fork_in_child() -> None:
    """A forked copy (a Celery prefork child) starts its own server when it needs one."""
    global _servers_lock
    _servers_lock = threading.Lock()
    for found in _servers.values():
        found.forget()
    _servers.clear()


def _close_all() -> None:
    for found in list(_servers.values()):
        found.close()


os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(_close_all)


# --- the server side -------------------------------------------------------------------------


def serve(control_fd: int, preload: Sequence[str]) -> None:
    """The server's loop: fork one child per job handed over, until the owner goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the children
    for name in preload:
        __import__(name)
    gc.collect()
    gc.freeze()  # what is imported now is shared with every child, untouched
    control = socket.socket(fileno=control_fd)
    control.sendall(b"ready")
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 16, 4)
        except OSError:
            return
        if not message:
            return  # the owner closed its end or exited
        for fd in fds:
            try:
                pid = os.fork()
            except OSError as exc:  # no processes left: the caller sees the job's end close
                print(f"newsrelay fork server: fork failed: {exc}", file=sys.stderr)
                pid = -1
            if pid == 0:
                control.close()
                _child(fd)
            os.close(fd)


def _child(fd: int) -> None:
    """Read one job, run it, send the outcome; never returns."""
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        gc.disable()  # a short-lived child: skip collections that dirty shared pages
        conn = socket.socket(fileno=fd)
        conn.sendall(_LENGTH.pack(os.getpid()))
        head = _recv_exactly(conn, _LENGTH.size)
        func, args = pickle.loads(_recv_exactly(conn, _LENGTH.unpack(head)[0]))
        try:
            outcome: tuple[str, Any] = ("ok", func(*args))
        except BaseException as exc:
            outcome = ("raised", exc)
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            if outcome[0] == "raised":
                failure = outcome[1]
                text = f"{type(failure).__name__}: {failure}"
            else:
                text = f"unpicklable result: {exc}"
            data = pickle.dumps(("raised", text), protocol=pickle.HIGHEST_PROTOCOL)
        conn.sendall(_LENGTH.pack(len(data)) + data)
    finally:
        os._exit(0)


def _recv_exactly(conn: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = conn.recv(min(size - len(chunks), 1 << 20))
        if not chunk:
            raise EOFError("the caller went away")
        chunks += chunk
    return bytes(chunks)


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2:])
