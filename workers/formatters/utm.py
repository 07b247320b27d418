"""UTM tagging and share-intent links.

Why hand-rolled instead of parse_qsl/urlencode round-trips: re-encoding a publisher's query
string changes it (`+` vs `%20`, order, blank values), and some sites route on the exact query.
We only append our parameters (replacing earlier values of the same keys) and leave every other
byte of the URL alone, fragment included.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote, unquote, urlencode, urlsplit, urlunsplit

#: characters that are never valid in a URL and would end the link when a platform linkifies
#: the text; percent-encoded where they appear (non-ASCII letters are left as they are)
_UNSAFE = re.compile(r"[\x00-\x20\"<>\\^`{|}\x7f]")


def _encode_unsafe(part: str) -> str:
    return _UNSAFE.sub(lambda m: quote(m.group(0), safe=""), part)


def add_utm(
    url: str,
    *,
    source: str,
    medium: str = "social",
    campaign: str | None = None,
    extra: Mapping[str, str] | None = None,
) -> str:
    """Return `url` with utm_source/utm_medium(/utm_campaign) set, keeping its existing query.

    Existing values of the keys we set are replaced (never duplicated); other parameters,
    including other utm_* keys, keep their place and their exact encoding.
    """
    if not url:
        return url
    parts = urlsplit(url)
    ours: dict[str, str] = {"utm_source": source, "utm_medium": medium}
    if campaign:
        ours["utm_campaign"] = campaign
    if extra:
        ours.update(extra)
    kept = [
        piece
        for piece in parts.query.split("&")
        if piece and unquote(piece.split("=", 1)[0]).lower() not in ours
    ]
    kept.append(urlencode(ours, quote_via=quote))
    path = parts.path or ("/" if parts.netloc else "")
    return urlunsplit(
        (parts.scheme, parts.netloc, _encode_unsafe(path), _encode_unsafe("&".join(kept)),
         _encode_unsafe(parts.fragment))
    )


def clean_url(url: str) -> str:
    """Percent-encode only the characters that would break a link in posted text."""
    if not url:
        return url
    parts = urlsplit(url.strip())
    path = parts.path or ("/" if parts.netloc else "")
    return urlunsplit((parts.scheme, parts.netloc, _encode_unsafe(path),
                       _encode_unsafe(parts.query), _encode_unsafe(parts.fragment)))


def is_http_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host (nothing else may go into a post or href)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def intent_link(base: str, params: Mapping[str, str]) -> str:
    """A share-intent URL: `base` + the non-empty params, every value percent-encoded
    (spaces as %20, which every platform's intent page decodes; `+` is not safe for all)."""
    query = urlencode({k: v for k, v in params.items() if v}, quote_via=quote, safe="")
    return f"{base}?{query}" if query else base


TWITTER_INTENT = "https://twitter.com/intent/tweet"
TELEGRAM_INTENT = "https://t.me/share/url"
WHATSAPP_INTENT = "https://wa.me/"
FACEBOOK_INTENT = "https://www.facebook.com/sharer/sharer.php"
LINKEDIN_INTENT = "https://www.linkedin.com/sharing/share-offsite/"
