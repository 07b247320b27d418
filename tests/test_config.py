from __future__ import annotations

from pathlib import Path

import pytest

from workers.config import load_settings
from workers.errors import ConfigError


def test_defaults_without_env() -> None:
    s = load_settings(env={})
    assert s.redis_url is None
    assert s.data_dir == Path(".newsrelay")
    assert s.poll_interval == 1800


def test_env_overrides_file_and_flags_override_env(tmp_path: Path) -> None:
    cfg = tmp_path / "n.toml"
    cfg.write_text('[newsrelay]\npoll_interval = 600\nlog_level = "DEBUG"\n')
    env = {"NEWSRELAY_CONFIG": str(cfg), "NEWSRELAY_POLL_INTERVAL": "900",
           "NEWSRELAY_REDIS_URL": "redis+socket:///tmp/x.sock", "NEWSRELAY_ALLOW_LOOPBACK": "yes"}
    s = load_settings(env=env, concurrency=7)
    assert s.poll_interval == 900
    assert s.log_level == "DEBUG"
    assert s.allow_loopback is True
    assert s.concurrency == 7
    assert s.broker == "redis+socket:///tmp/x.sock"


def test_amqp_broker_is_accepted() -> None:
    s = load_settings(env={"NEWSRELAY_REDIS_URL": "redis://127.0.0.1:6379/0",
                           "NEWSRELAY_BROKER_URL": "amqp://guest:guest@127.0.0.1:5672//"})
    assert s.broker.startswith("amqp://")


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"NEWSRELAY_REDIS_URL": "http://x"}, "NEWSRELAY_REDIS_URL"),
        ({"NEWSRELAY_BROKER_URL": "kafka://x"}, "NEWSRELAY_BROKER_URL"),
        ({"NEWSRELAY_POLL_INTERVAL": "soon"}, "NEWSRELAY_POLL_INTERVAL"),
        ({"NEWSRELAY_POLL_INTERVAL": "-5"}, "NEWSRELAY_POLL_INTERVAL"),
        ({"NEWSRELAY_ALLOW_LOOPBACK": "maybe"}, "NEWSRELAY_ALLOW_LOOPBACK"),
        ({"NEWSRELAY_LOG_LEVEL": "LOUD"}, "NEWSRELAY_LOG_LEVEL"),
        ({"NEWSRELAY_HOST_CONCURRENCY": "0"}, "NEWSRELAY_HOST_CONCURRENCY"),
        ({"NEWSRELAY_PARSE_TIME_LIMIT": "zero"}, "NEWSRELAY_PARSE_TIME_LIMIT"),
        ({"NEWSRELAY_DEDUP_MIN_JACCARD": "1.5"}, "NEWSRELAY_DEDUP_MIN_JACCARD"),
        ({"NEWSRELAY_FEEDS_FILE": "/nonexistent/feeds.toml"}, "NEWSRELAY_FEEDS_FILE"),
        ({"NEWSRELAY_CONFIG": "/nonexistent/n.toml"}, "NEWSRELAY_CONFIG"),
        ({"NEWSRELAY_REDIS_URL": "redis+socket://"}, "NEWSRELAY_REDIS_URL"),
    ],
)
def test_bad_settings_fail_naming_the_setting(env: dict[str, str], names: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(env=env)
    assert names in str(info.value)


def test_unknown_key_in_file_is_named(tmp_path: Path) -> None:
    cfg = tmp_path / "n.toml"
    cfg.write_text("redis_ulr = 'redis://x'\n")
    with pytest.raises(ConfigError, match="redis_ulr"):
        load_settings(env={}, config_file=cfg)


def test_invalid_toml_is_named(tmp_path: Path) -> None:
    cfg = tmp_path / "n.toml"
    cfg.write_text("poll_interval = = 3\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(env={}, config_file=cfg)
