"""Settings for the share formatters and the destinations they address.

Why dataclasses and not a config dict: the pipeline's format stage, the CLI and the tests all
build these, and a typo in a dict key would silently fall back to a default; here it is a
TypeError at once. `from_mapping` accepts the same keys from TOML/YAML/JSON config.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from workers.errors import ConfigError

#: Tags that feeds attach to everything and that make useless, ugly hashtags (SPEC section 4:
#: "feed categories dumped as ugly hashtags"). Compared case-insensitively.
DEFAULT_HASHTAG_STOPLIST: frozenset[str] = frozenset(
    {
        "uncategorized",
        "uncategorised",
        "general",
        "misc",
        "miscellaneous",
        "default",
        "featured",
        "home",
        "homepage",
        "other",
        "others",
        "news",
        "top news",
        "top stories",
        "latest",
        "latest news",
        "breaking",
        "breaking news",
        "blog",
        "article",
        "articles",
        "post",
        "posts",
        "story",
        "stories",
        "main",
        "all",
    }
)

#: Excerpt length (characters, before escaping) per platform: X has room for a title only; the
#: others show a short lead under the title. Each is shrunk further if the post would not fit.
DEFAULT_EXCERPT_CHARS: Mapping[str, int] = {
    "twitter": 0,
    "telegram": 400,
    "linkedin": 600,
    "whatsapp": 300,
    "facebook": 250,
}

#: WhatsApp hashtags are plain text (not links), so they are off there by default.
DEFAULT_HASHTAG_PLATFORMS: frozenset[str] = frozenset(
    {"twitter", "telegram", "linkedin", "facebook"}
)


@dataclass(frozen=True)
class FormatSettings:
    """How share posts are written. Every field has a default that gives a sane post."""

    # --- UTM tagging (SPEC: "no UTM tagging" is a user complaint) ---
    #: add utm_source=<platform>&utm_medium=<utm_medium>[&utm_campaign=...] to the article URL
    utm: bool = True
    utm_medium: str = "social"
    utm_campaign: str | None = None
    #: utm_source per platform when it should not be the platform key (e.g. {"twitter": "x"})
    utm_source_overrides: Mapping[str, str] = field(default_factory=dict)

    # --- hashtags ---
    hashtags: bool = True
    max_hashtags: int = 3
    #: per-platform override of max_hashtags (e.g. {"twitter": 2})
    max_hashtags_per_platform: Mapping[str, int] = field(default_factory=dict)
    hashtag_platforms: frozenset[str] = DEFAULT_HASHTAG_PLATFORMS
    hashtag_stoplist: frozenset[str] = DEFAULT_HASHTAG_STOPLIST
    #: a tag longer than this (after CamelCasing) reads as a sentence, not a hashtag: dropped
    hashtag_max_len: int = 30
    #: a tag of more words than this is dropped for the same reason
    hashtag_max_words: int = 4

    # --- templates ---
    #: platform -> Jinja template source (sandboxed); missing platforms use the defaults
    templates: Mapping[str, str] = field(default_factory=dict)

    # --- content sizes ---
    title_max_chars: int = 300
    excerpt_chars: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_EXCERPT_CHARS))
    ellipsis: str = "…"

    # --- per platform ---
    #: show the link preview card (Telegram link_preview_options, WhatsApp preview_url)
    link_preview: bool = True
    #: Telegram: sendPhoto with the post as caption when the article has an image and it fits
    telegram_photo: bool = True
    #: Telegram: post the whole article text (split into several messages when needed)
    telegram_full_text: bool = False
    #: Telegram: at most this many messages for one article in full-text mode (the body is
    #: cut on a word boundary to fit): a 30-message article would flood the channel
    telegram_max_messages: int = 8
    #: Telegram: show the link preview above the text
    telegram_preview_above_text: bool = False
    #: X: weighted length cap (twitter-text v3); lower it to leave room for manual edits
    twitter_max_weighted: int = 280
    #: Facebook: about 400 characters show before "See more"
    facebook_max_chars: int = 400
    #: LinkedIn: commentary cap after little-text escaping (API limit 3000)
    linkedin_max_chars: int = 3000
    linkedin_title_max_chars: int = 200
    linkedin_description_max_chars: int = 300
    #: LinkedIn-Version header (YYYYMM); LinkedIn sunsets versions after about a year
    linkedin_version: str = "202601"
    #: WhatsApp template variant (for sends outside the 24 h customer-service window)
    whatsapp_template_name: str = "news_update"
    whatsapp_template_language: str = "en"
    #: article fields sent as the template's body parameters {{1}}, {{2}}, ...
    whatsapp_template_params: tuple[str, ...] = ("title", "excerpt", "url")
    #: all parameters together stay under this, leaving room for the template's own text
    #: inside the 1024-character template body
    whatsapp_template_budget: int = 900

    def __post_init__(self) -> None:
        if self.max_hashtags < 0:
            raise ConfigError("format setting max_hashtags must be >= 0")
        if not 1 <= self.twitter_max_weighted <= 280:
            raise ConfigError("format setting twitter_max_weighted must be within 1..280")
        if not 1 <= self.linkedin_max_chars <= 3000:
            raise ConfigError("format setting linkedin_max_chars must be within 1..3000")
        if self.facebook_max_chars < 1 or self.title_max_chars < 1:
            raise ConfigError("format settings facebook_max_chars/title_max_chars must be >= 1")
        if not 1 <= self.telegram_max_messages <= 50:
            raise ConfigError("format setting telegram_max_messages must be within 1..50")
        if not 1 <= self.whatsapp_template_budget <= 1024:
            raise ConfigError("format setting whatsapp_template_budget must be within 1..1024")
        if len(self.ellipsis) > 3:
            raise ConfigError("format setting ellipsis must be at most 3 characters")
        from workers.formatters.templates import check_template  # circular at import time

        for platform, source in self.templates.items():
            check_template(source, name=f"templates.{platform}")

    def excerpt_for(self, platform: str) -> int:
        """Excerpt length for `platform` (0: no excerpt)."""
        return int(self.excerpt_chars.get(platform, DEFAULT_EXCERPT_CHARS.get(platform, 300)))

    def hashtags_for(self, platform: str) -> int:
        """How many hashtags `platform` gets (0 when hashtags are off for it)."""
        if not self.hashtags or platform not in self.hashtag_platforms:
            return 0
        return int(self.max_hashtags_per_platform.get(platform, self.max_hashtags))

    def utm_source(self, platform: str) -> str:
        return self.utm_source_overrides.get(platform, platform)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> FormatSettings:
        """Build from config (TOML/YAML/JSON). Unknown keys are a ConfigError naming them."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ConfigError(f"unknown format setting(s): {', '.join(unknown)}")
        values = dict(data)
        for key in ("hashtag_platforms", "hashtag_stoplist"):
            if key in values:
                values[key] = frozenset(str(v).casefold() if key == "hashtag_stoplist" else str(v)
                                        for v in values[key])
        if "whatsapp_template_params" in values:
            values["whatsapp_template_params"] = tuple(values["whatsapp_template_params"])
        return cls(**values)


@dataclass(frozen=True)
class ChannelTarget:
    """Where one platform's post goes: the identifiers its API wants in the path or body.

    Every field defaults to None; the formatter then writes a clearly-named placeholder
    (see PLACEHOLDERS) so a dry-run payload is complete and valid in shape.
    """

    #: label for Payload.channel (defaults to "<platform>:<destination>")
    name: str | None = None
    #: Telegram: chat id (int) or "@channelusername"
    chat_id: str | int | None = None
    #: Telegram: forum topic
    message_thread_id: int | None = None
    #: Facebook: page id
    page_id: str | None = None
    #: LinkedIn: author URN ("urn:li:organization:123" or "urn:li:person:abc")
    author_urn: str | None = None
    #: WhatsApp: the business phone number id (path) and the recipient (body "to")
    phone_number_id: str | None = None
    to: str | None = None
    #: X: the account posted as (not in the body: the OAuth token decides)
    account: str | None = None
    #: a template for this channel only, overriding FormatSettings.templates
    template: str | None = None

    def __post_init__(self) -> None:
        if self.template is not None:
            from workers.formatters.templates import check_template

            check_template(self.template, name=f"channel {self.name or ''} template".strip())


#: placeholders used when no ChannelTarget value is given (dry runs, `newsrelay format`)
PLACEHOLDERS: Mapping[str, str] = {
    "chat_id": "@newsrelay_demo",
    "page_id": "PAGE_ID",
    "author_urn": "urn:li:organization:ORGANIZATION_ID",
    "phone_number_id": "PHONE_NUMBER_ID",
    "to": "RECIPIENT_PHONE_NUMBER",
    "account": "@newsrelay_demo",
}
