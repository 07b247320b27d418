"""The machine's processes as /proc shows them, for tests that check what is left running.

Read from /proc rather than waited on: waiting on -1 could reap children that other fixtures
own, such as an embedded redis-server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Proc:
    pid: int
    state: str  # "R", "S", "Z" (a zombie: exited, not yet reaped) ...
    ppid: int

    @property
    def alive(self) -> bool:
        return self.state != "Z"

    def cmdline(self) -> bytes:
        try:
            with open(f"/proc/{self.pid}/cmdline", "rb") as fh:
                return fh.read()
        except OSError:
            return b""


def proc(pid: int) -> Proc | None:
    """Process `pid`, or None when there is none."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            # the command name in parentheses may hold spaces and ")"; the fields follow it
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return Proc(pid, fields[0], int(fields[1]))


def processes() -> Iterator[Proc]:
    for name in os.listdir("/proc"):
        if name.isdigit():
            found = proc(int(name))
            if found is not None:
                yield found
