"""How ops finds the system: NEWSRELAY_REDIS_URL, else a running embedded Redis, else one
clear line; and the script wrappers (`python -m ops.status`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from workers.config import Settings
from workers.embedded_redis import EmbeddedRedis

ROOT = Path(__file__).resolve().parents[2]


def test_without_redis_url_and_no_embedded_redis_one_clear_line(
    ops_cli: Any, tmp_path: Path
) -> None:
    result = ops_cli.run("status", expect=1, env={"NEWSRELAY_REDIS_URL": None,
                                                   "NEWSRELAY_DATA_DIR": str(tmp_path)})
    assert result.stdout == ""
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error: no Redis to watch")
    assert "NEWSRELAY_REDIS_URL is not set and no embedded Redis is running" in err[0]


def test_unreachable_redis_is_one_clear_line(ops_cli: Any) -> None:
    result = ops_cli.run("feeds", expect=1,
                         env={"NEWSRELAY_REDIS_URL": "redis://127.0.0.1:1/0"})
    assert "cannot reach Redis at redis://127.0.0.1:1/0" in result.stderr
    assert "Traceback" not in result.output


def test_uses_the_running_embedded_redis_of_the_data_dir(
    ops_cli: Any, tmp_path: Path
) -> None:
    with EmbeddedRedis(tmp_path / "data") as server:
        data = ops_cli.json("status", "--timeout", "0.2",
                            env={"NEWSRELAY_REDIS_URL": None,
                                 "NEWSRELAY_DATA_DIR": str(tmp_path / "data")})
        assert data["redis"]["url"] == server.url
        assert data["redis"]["aof_enabled"] is True
        assert data["broker"]["url"] == server.url


def test_script_wrapper_runs_without_newsrelay(settings: Settings) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSRELAY_")}
    env.update(NEWSRELAY_REDIS_URL=str(settings.redis_url), PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-m", "ops.feeds", "--json"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60, check=True).stdout
    assert json.loads(out)["summary"]["total"] == 0
