from __future__ import annotations

from pathlib import Path

import pytest

from schedules import default_feeds_file
from workers.errors import ConfigError
from workers.feedlist import load_feed_list


def test_packaged_feed_list_parses() -> None:
    feeds = load_feed_list(default_feeds_file())
    assert len(feeds) >= 3
    assert all(f.url.startswith("https://") for f in feeds)


def test_plain_text_list(tmp_path: Path) -> None:
    p = tmp_path / "feeds.txt"
    p.write_text("# mine\nhttp://127.0.0.1:1/a.xml\n\nhttps://example.org/b.xml\n")
    assert [f.url for f in load_feed_list(p)] == ["http://127.0.0.1:1/a.xml",
                                                  "https://example.org/b.xml"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[feeds]]\nname = 'x'\n", "needs a url"),
        ("[[feeds]]\nurl = 'ftp://x/y'\n", r"not an http\(s\) URL"),
        ("[[feeds]]\nurl = 'https://x/y'\ninterval = -1\n", "interval"),
        ("[[feeds]]\nurl = 'https://x/y'\ncolour = 'red'\n", "unknown keys"),
        ("[[feeds]\nurl = 'https://x/y'\n", "not valid TOML"),
    ],
)
def test_bad_feed_lists_are_named(tmp_path: Path, text: str, message: str) -> None:
    p = tmp_path / "feeds.toml"
    p.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_feed_list(p)
