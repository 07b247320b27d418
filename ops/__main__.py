"""`python -m ops ...`: the ops commands without the `newsrelay` wrapper."""

from __future__ import annotations

from ops.cli import ops

if __name__ == "__main__":  # pragma: no cover - script entry point
    ops(prog_name="python -m ops")
