from __future__ import annotations

import pytest

from workers.pipeline.canonical import canonical_url, choose_canonical


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("HTTP://Example.COM:80/a/b?utm_source=x&b=2&a=1&fbclid=3#frag",
         "http://example.com/a/b?a=1&b=2"),
        ("https://www.example.com:443/x/?gclid=1&id=5&mc_cid=4", "https://www.example.com/x/?id=5"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/story?utm_medium=social&utm_campaign=c", "https://example.com/story"),
    ],
)
def test_canonical_url(raw: str, canonical: str) -> None:
    assert canonical_url(raw) == canonical


def test_declared_canonical_used_only_on_the_same_site() -> None:
    assert choose_canonical("https://m.example.com/x?utm_medium=1",
                            "https://www.example.com/story") == "https://www.example.com/story"
    assert choose_canonical("https://example.com/amp/story",
                            "https://evil.test/story") == "https://example.com/amp/story"
    assert choose_canonical("https://example.com/a", None) == "https://example.com/a"
