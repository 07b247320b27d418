"""Canonical URLs: one spelling per article, whatever tracking tail a feed or a share added.

Built on courlan (maintained with trafilatura; its tracker list follows AdGuard's and
ClearURLs' rules): it lower-cases scheme and host, drops default ports, sorts the query and
strips tracking parameters (utm_*, fbclid, gclid, mc_cid ...). We add what the pipeline needs on
top: fragments always go, and the page's own `rel=canonical`/og:url is preferred only when it is
on the same site, so a hostile page cannot claim another site's article.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url, scrub_url


def canonical_url(url: str) -> str:
    """Normalise one URL (see module docstring). Unparseable input is returned stripped."""
    url = url.strip()
    try:
        normal = normalize_url(scrub_url(url), strict=False)
    except (ValueError, AttributeError):
        return url
    parts = urlsplit(normal)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def registrable_host(url: str) -> str:
    """Host without `www.`/`m.`/`amp.` prefixes, to tell whether two URLs are the same site."""
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host


def same_site(a: str, b: str) -> bool:
    ha, hb = registrable_host(a), registrable_host(b)
    return bool(ha) and (ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha))


def choose_canonical(fetched_url: str, declared: str | None) -> str:
    """The article's canonical URL: the page's declared one when on the same site."""
    if declared and declared.startswith(("http://", "https://")) and same_site(
        fetched_url, declared
    ):
        return canonical_url(declared)
    return canonical_url(fetched_url)
