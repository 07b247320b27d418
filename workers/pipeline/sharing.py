"""Format an article into one payload per channel and queue each once on its platform's stream.

The format task calls only this, so how payloads map onto channels can grow here without the
task changing. Fan-out: every enabled channel fed by the article's feed (see
workers.channels) gets its own payload, built with its destination and template, and queued
once per (article, channel); the delivery worker later posts each once.

Why one channel's failure does not stop the others: a bad template on one channel is that
channel's problem. Its row comes back with `error` set (nothing queued) and the others are
queued; only when no channel could be built does this raise, so the format task records it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import redis

from workers.channels import Channel, ChannelConfig, channel_config_for
from workers.config import Settings
from workers.errors import PayloadError
from workers.formatters import FormatSettings, format_payloads
from workers.keys import Keys
from workers.models import Article
from workers.pipeline.outbox import Outbox, Queued

log = logging.getLogger(__name__)


def queue_payloads(
    client: redis.Redis,
    keys: Keys,
    article: Article,
    *,
    retention_days: int = 30,
    settings: Settings | None = None,
    channels: Sequence[Channel] | ChannelConfig | None = None,
    format_settings: FormatSettings | None = None,
) -> list[Queued]:
    """Queue one payload per (article, channel) for `article` (idempotent per pair).

    `channels` defaults to the configured ones (`settings.channels_file`, else
    NEWSRELAY_CHANNELS_FILE, else one dry `<platform>:default` channel per platform).
    """
    if channels is None:
        config_channels: Sequence[Channel] = channel_config_for(settings).channels
    elif isinstance(channels, ChannelConfig):
        config_channels = channels.channels
    else:
        config_channels = channels
    if format_settings is None:
        format_settings = FormatSettings(utm=settings.utm) if settings is not None else None
    targets = [c for c in config_channels if c.enabled and c.feeds_from(article.feed_url)]
    outbox = Outbox(client, keys, retention_days=retention_days)
    outbox.ensure_groups(tuple(sorted({c.platform for c in targets})) or ())
    queued: list[Queued] = []
    errors: list[PayloadError] = []
    for channel in targets:
        try:
            payload = format_payloads(
                article, platforms=[channel.platform], settings=format_settings,
                channels={channel.platform: channel.target},
            )[channel.platform]
        except PayloadError as exc:
            log.warning("channel %s: %s", channel.name, exc)
            errors.append(PayloadError(f"channel {channel.name}: {exc}", url=exc.url))
            queued.append(Queued(platform=channel.platform, stream_id="", new=False,
                                 channel=channel.name, error=str(exc)))
            continue
        payload.channel = channel.name
        queued.append(outbox.enqueue(payload))
    if errors and len(errors) == len(targets):
        raise errors[0]
    return queued
