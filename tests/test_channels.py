"""Channels from TOML plus environment secrets, and the fan-out of one article to its channels."""

from __future__ import annotations

from pathlib import Path

import pytest
import redis
from support.fakeplatforms import sample_article

from workers.channels import (
    ChannelConfig,
    RateLimit,
    channel_config_for,
    load_channel_config,
    load_channels,
    secret_env_name,
)
from workers.config import load_settings
from workers.errors import ConfigError
from workers.keys import Keys
from workers.models import PLATFORMS
from workers.pipeline.outbox import Outbox
from workers.pipeline.ratelimit import limits_for
from workers.pipeline.sharing import queue_payloads

FIXTURES = Path(__file__).parent / "fixtures" / "channels"
HARBOUR_RSS = "https://harbour.example.org/rss.xml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "channels.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_fixture_file_loads_with_secrets_from_the_environment_only() -> None:
    env = {"NEWSRELAY_SECRET_TG_HARBOUR": "111:aaa", "HARBOUR_BOT_TOKEN": "222:bbb",
           "NEWSRELAY_SECRET_X_MAIN": "x-user-token"}
    config = load_channel_config(FIXTURES / "channels.toml", env)
    by_name = {c.name: c for c in config.channels}
    assert list(by_name) == ["tg-harbour", "tg-all", "x-main", "li-org", "fb-page", "wa-editor"]

    harbour = by_name["tg-harbour"]
    assert harbour.platform == "telegram" and harbour.secret == "111:aaa" and not harbour.dry
    assert harbour.target.chat_id == "@harbour_news" and harbour.target.name == "tg-harbour"
    assert harbour.feeds == (HARBOUR_RSS,) and harbour.template is not None
    assert harbour.api_base == "https://api.telegram.org"

    tg_all = by_name["tg-all"]
    assert tg_all.secret == "222:bbb" and tg_all.secret_env == "HARBOUR_BOT_TOKEN"
    assert tg_all.target.chat_id == -1001234567890 and tg_all.target.message_thread_id == 7
    assert tg_all.feeds == ("*",)
    assert limits_for(tg_all)[0][1] == RateLimit(10, 60.0)

    assert by_name["x-main"].platform == "twitter" and not by_name["x-main"].dry
    # no secret in the environment: dry, i.e. records what it would post
    assert by_name["li-org"].dry and by_name["wa-editor"].dry
    assert by_name["li-org"].secret_env == "NEWSRELAY_SECRET_LI_ORG"
    assert not by_name["fb-page"].enabled
    assert config.delivery.max_attempts == 4 and config.delivery.timeout == 10.0
    # the secret never shows in a repr (logs, tracebacks)
    assert "111:aaa" not in repr(harbour)


def test_dry_run_setting_makes_every_channel_dry() -> None:
    channels = load_channels(FIXTURES / "channels.toml",
                             {"NEWSRELAY_SECRET_TG_HARBOUR": "111:aaa"}, dry_run=True)
    assert all(c.dry for c in channels)


def test_without_a_file_one_dry_default_channel_per_platform_even_with_tokens_around() -> None:
    env = {secret_env_name(f"{p}:default"): "stray-token" for p in PLATFORMS}
    channels = load_channels(None, env)
    assert [c.name for c in channels] == [f"{p}:default" for p in PLATFORMS]
    assert all(c.dry and c.feeds == ("*",) for c in channels)


def test_secret_env_names() -> None:
    assert secret_env_name("tg-news") == "NEWSRELAY_SECRET_TG_NEWS"
    assert secret_env_name("x:main.v2") == "NEWSRELAY_SECRET_X_MAIN_V2"


def test_a_secret_in_the_file_is_refused_naming_channel_and_key() -> None:
    with pytest.raises(ConfigError) as err:
        load_channels(FIXTURES / "secret_in_file.toml", {})
    message = str(err.value)
    assert "tg-leaky" in message and "'token'" in message
    assert "NEWSRELAY_SECRET_TG_LEAKY" in message
    assert "ABC-this-must-not-be-here" not in message


def test_a_live_channel_without_its_destination_is_refused() -> None:
    path = FIXTURES / "live_without_destination.toml"
    assert load_channels(path, {})[0].dry  # dry: placeholders are fine
    with pytest.raises(ConfigError, match=r"fb-nowhere.*page_id"):
        load_channels(path, {"NEWSRELAY_SECRET_FB_NOWHERE": "t"})


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('[[channels]]\nname = "a"\nplatform = "myspace"\n', "'a'.*platform 'myspace'"),
        ('[[channels]]\nname = "a"\nplatform = "telegram"\npage_id = "1"\n',
         "'a'.*unknown key.*page_id"),
        ('[[channels]]\nname = "a"\nplatform = "x"\n[[channels]]\nname = "a"\nplatform = "x"\n',
         "'a' is defined twice"),
        ('[[channels]]\nname = "bad name!"\nplatform = "x"\n', "name must be"),
        ('[[channels]]\nname = "a"\nplatform = "x"\nfeeds = []\n', "'a'.*feeds"),
        ('[[channels]]\nname = "a"\nplatform = "x"\napi_base = "http://api.x.com"\n',
         "plain http to a non-loopback host"),
        ('[[channels]]\nname = "a"\nplatform = "x"\nrate_limits = [{ count = 0, seconds = 1 }]\n',
         "'a'.*count"),
        ('[[channels]]\nname = "a"\nplatform = "telegram"\ntemplate = "{{ title "\n',
         "'a'.*template"),
        ('[delivery]\nmax_attempts = 0\n', "max_attempts"),
        ('[delivery]\nretries = 3\n', "unknown \\[delivery\\] key"),
        ('[channel]\nname = "a"\n', "unknown top-level key"),
        ("not toml = = =", "not valid TOML"),
    ],
)
def test_invalid_files_fail_with_a_message_naming_the_problem(
    tmp_path: Path, text: str, match: str
) -> None:
    with pytest.raises(ConfigError, match=match):
        load_channels(_write(tmp_path, text), {})


def test_api_base_precedence_channel_then_env_then_file(tmp_path: Path) -> None:
    path = _write(tmp_path, (
        '[delivery.api_base]\ntelegram = "http://127.0.0.1:1111"\nx = "http://127.0.0.1:2222"\n'
        '[[channels]]\nname = "a"\nplatform = "telegram"\n'
        '[[channels]]\nname = "b"\nplatform = "telegram"\napi_base = "http://localhost:3333/"\n'
        '[[channels]]\nname = "c"\nplatform = "x"\n'
    ))
    config = load_channel_config(path, {"NEWSRELAY_API_BASE_TWITTER": "http://127.0.0.1:4444"})
    bases = {c.name: c.api_base for c in config.channels}
    assert bases == {"a": "http://127.0.0.1:1111", "b": "http://localhost:3333",
                     "c": "http://127.0.0.1:4444"}


def test_channel_config_for_follows_settings_and_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[channels]]\nname = "only"\nplatform = "x"\n')
    settings = load_settings(env={}, channels_file=path)
    assert [c.name for c in channel_config_for(settings, {}).channels] == ["only"]
    assert [c.name for c in channel_config_for(None, {"NEWSRELAY_CHANNELS_FILE": str(path)})
            .channels] == ["only"]
    assert len(channel_config_for(None, {}).channels) == len(PLATFORMS)


# --- fan-out -------------------------------------------------------------------------------


def _fanout_config(tmp_path: Path) -> ChannelConfig:
    path = _write(tmp_path, (
        '[[channels]]\nname = "tg-harbour"\nplatform = "telegram"\nchat_id = "@harbour"\n'
        f'feeds = ["{HARBOUR_RSS}"]\ntemplate = "HARBOUR: {{{{ title }}}} {{{{ url }}}}"\n'
        '[[channels]]\nname = "tg-all"\nplatform = "telegram"\nchat_id = "@all"\n'
        '[[channels]]\nname = "tg-off"\nplatform = "telegram"\nchat_id = "@off"\nenabled = false\n'
        '[[channels]]\nname = "x-other"\nplatform = "x"\nfeeds = ["https://other.example/f"]\n'
        '[[channels]]\nname = "li-org"\nplatform = "linkedin"\n'
        'author_urn = "urn:li:organization:1"\n'
    ))
    return load_channel_config(path, {})


def test_one_payload_per_article_and_channel_fed_by_its_feed(
    redis_client: redis.Redis, tmp_path: Path
) -> None:
    keys = Keys("t")
    config = _fanout_config(tmp_path)
    article = sample_article(1, feed_url=HARBOUR_RSS)
    queued = queue_payloads(redis_client, keys, article, channels=config)
    assert [(q.platform, q.channel, q.new) for q in queued] == [
        ("telegram", "tg-harbour", True), ("telegram", "tg-all", True),
        ("linkedin", "li-org", True)]
    outbox = Outbox(redis_client, keys)
    assert outbox.length("telegram") == 2 and outbox.length("twitter") == 0

    payloads = outbox.payloads_for(article.id)
    assert set(payloads) == {"tg-harbour", "tg-all", "li-org"}
    assert payloads["tg-harbour"].request["json"]["chat_id"] == "@harbour"
    assert payloads["tg-harbour"].text.startswith("HARBOUR: ")  # the channel's own template
    assert payloads["tg-all"].request["json"]["chat_id"] == "@all"
    assert not payloads["tg-all"].text.startswith("HARBOUR")
    assert payloads["li-org"].request["json"]["author"] == "urn:li:organization:1"
    assert all(p.channel == name for name, p in payloads.items())
    # the report's per-platform view: the first channel of the platform
    first = outbox.payload_for(article.id, "telegram")
    assert first is not None and first.channel == "tg-harbour"

    # a redelivered format task queues nothing new
    again = queue_payloads(redis_client, keys, article, channels=config)
    assert [q.new for q in again] == [False, False, False]
    assert [q.stream_id for q in again] == [q.stream_id for q in queued]
    assert outbox.length("telegram") == 2

    # an article from another feed goes only to the catch-all channels
    other = queue_payloads(redis_client, keys, sample_article(2, feed_url="https://b.example/f"),
                           channels=config)
    assert [q.channel for q in other] == ["tg-all", "li-org"]


def test_a_channel_whose_template_fails_does_not_stop_the_others(
    redis_client: redis.Redis, tmp_path: Path
) -> None:
    path = _write(tmp_path, (
        '[[channels]]\nname = "tg-broken"\nplatform = "telegram"\nchat_id = "@b"\n'
        'template = "<b>{{ title }}"\n'  # unclosed tag: invalid Telegram HTML
        '[[channels]]\nname = "tg-fine"\nplatform = "telegram"\nchat_id = "@f"\n'
    ))
    queued = queue_payloads(redis_client, Keys("t"), sample_article(),
                            channels=load_channel_config(path, {}))
    broken, fine = queued
    assert broken.channel == "tg-broken" and broken.error and not broken.stream_id
    assert fine.channel == "tg-fine" and fine.new and fine.error is None


def test_default_channels_keep_the_one_payload_per_platform_behaviour(
    redis_client: redis.Redis,
) -> None:
    keys = Keys("t")
    queued = queue_payloads(redis_client, keys, sample_article(), channels=load_channels(None, {}))
    assert sorted(q.platform for q in queued) == sorted(PLATFORMS)
    outbox = Outbox(redis_client, keys)
    for platform in PLATFORMS:
        payload = outbox.payload_for("article-1", platform)
        assert payload is not None and payload.channel == f"{platform}:default"
