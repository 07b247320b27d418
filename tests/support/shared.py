"""Where `../shared/` is: beside the checkout (CI), or NEWSRELAY_SHARED."""

from __future__ import annotations

import os
from pathlib import Path


def shared_dir() -> Path:
    env = os.environ.get("NEWSRELAY_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared"
