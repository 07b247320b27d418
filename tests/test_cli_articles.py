"""`newsrelay articles list|show|search` against the test Redis (text and --json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import redis
from click.testing import CliRunner, Result

from workers.cli import main
from workers.keys import Keys
from workers.models import Article
from workers.pipeline.store import ArticleStore, article_id_for

STORY = "\n\n".join(
    f"Paragraph {i}: the harbour authority said the flood barrier section {i} will be "
    f"finished before the winter storms reach the bay, according to the project engineers."
    for i in range(8)
)
OTHER = "\n\n".join(
    f"Paragraph {i}: the city council voted to extend the tram line by {i} kilometres, "
    f"with building work starting next spring once the regional budget is approved."
    for i in range(8)
)


def _article(url: str, title: str, text: str, site: str) -> Article:
    return Article(id=article_id_for(url), url=url, title=title, text=text, site_name=site,
                   feed_url=f"https://{site}/feed.xml")


@pytest.fixture
def stored(redis_client: redis.Redis) -> dict[str, Article]:
    store = ArticleStore(redis_client, Keys("nr"))
    a = _article("https://one.example/harbour", "Harbour barrier nearly done", STORY,
                 "one.example")
    b = _article("https://two.example/news/barrier", "Barrier: the wire story",
                 STORY.replace("winter", "autumn", 1) + "\n\nRead more at Two.", "two.example")
    c = _article("https://three.example/tram", "Tram line to grow", OTHER, "three.example")
    for n, art in enumerate((a, b, c)):
        store.claim(art, owner=f"task-{n}", source=art.feed_url)
    assert store.get(b.id).duplicate_of == a.id  # type: ignore[union-attr]
    return {"a": a, "b": b, "c": c}


def run(redis_url: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["articles", *args], env={"NEWSRELAY_REDIS_URL": redis_url})


def test_list_newest_first_with_duplicates_and_sources(
    redis_url: str, stored: dict[str, Article]
) -> None:
    res = run(redis_url, "list", "--json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert [r["id"] for r in rows] == [stored[k].id for k in ("c", "b", "a")]
    orig = rows[2]
    assert orig["duplicates"] == 1 and orig["duplicate_of"] is None
    assert orig["sources"] == ["https://one.example/feed.xml", "https://two.example/feed.xml"]
    assert orig["site"] == "one.example" and orig["title"] == "Harbour barrier nearly done"
    assert rows[1]["duplicate_of"] == stored["a"].id

    text = run(redis_url, "list")
    assert text.exit_code == 0, text.output
    assert stored["a"].id in text.output and "Tram line to grow" in text.output
    assert f"duplicate of {stored['a'].id}" in text.output

    only = json.loads(run(redis_url, "list", "--originals", "--json").output)
    assert [r["id"] for r in only] == [stored["c"].id, stored["a"].id]
    assert len(json.loads(run(redis_url, "list", "-n", "1", "--json").output)) == 1


def test_show_full_article_with_its_duplicates(
    redis_url: str, stored: dict[str, Article]
) -> None:
    a, b = stored["a"], stored["b"]
    res = run(redis_url, "show", a.id, "--json")
    assert res.exit_code == 0, res.output
    obj = json.loads(res.output)
    assert obj["text"] == STORY and obj["duplicates"] == [b.id] and obj["duplicate_of"] is None
    assert len(obj["sources"]) == 2

    text = run(redis_url, "show", a.id)
    assert text.exit_code == 0
    assert f"duplicates:   {b.id}" in text.output and STORY in text.output

    dup = json.loads(run(redis_url, "show", b.id, "--json").output)
    assert dup["duplicate_of"] == a.id and dup["duplicates"] == []


def test_search_titles_and_urls_case_insensitively(
    redis_url: str, stored: dict[str, Article]
) -> None:
    res = run(redis_url, "search", "BARRIER", "--json")
    assert res.exit_code == 0, res.output
    assert [r["id"] for r in json.loads(res.output)] == [stored["b"].id, stored["a"].id]
    by_url = json.loads(run(redis_url, "search", "three.example/TRAM", "--json").output)
    assert [r["id"] for r in by_url] == [stored["c"].id]
    none = run(redis_url, "search", "volcano")
    assert none.exit_code == 0 and "no article title or URL contains 'volcano'" in none.output
    bounded = json.loads(run(redis_url, "search", "harbour", "--scan", "2", "--json").output)
    assert bounded == []  # the harbour story is the third newest


def test_errors_are_one_clear_line(redis_url: str, redis_client: redis.Redis,
                                   tmp_path: Path) -> None:
    res = run(redis_url, "show", "nope")
    assert res.exit_code == 1
    assert res.output.strip() == "Error: article 'nope' is not stored (or has expired)"
    empty = run(redis_url, "list")
    assert empty.exit_code == 0 and "no articles stored" in empty.output

    no_redis = CliRunner().invoke(
        main, ["--data-dir", str(tmp_path / "d"), "articles", "list"],
        env={"NEWSRELAY_REDIS_URL": None},
    )
    assert no_redis.exit_code == 1
    lines = no_redis.output.strip().splitlines()
    assert len(lines) == 1 and "NEWSRELAY_REDIS_URL is not set" in lines[0]
