"""Feed parsing: formats, identity, charsets, and hostile bodies served by a real local server."""

from __future__ import annotations

import os
import threading
import time
from datetime import datetime
from typing import Any

import pytest
from support import jobs
from support.httpserver import LocalServer, Reply
from support.procs import processes

from workers.errors import FeedParseError, ParserUnavailableError
from workers.models import FeedEntry
from workers.pipeline.feeds import (
    ParsedFeed,
    assign_ids,
    entry_identity,
    parse_feed,
    run_with_time_limit,
)
from workers.pipeline.http import HttpSettings, fetch

SETTINGS = HttpSettings(allow_loopback=True, connect_timeout=1.0, total_timeout=3.0)
FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures", "feeds")


def fixture(name: str) -> bytes:
    with open(os.path.join(FIXTURES, name), "rb") as fh:
        return fh.read()


def serve_and_parse(
    server: LocalServer,
    body: bytes,
    content_type: str | None = "application/rss+xml",
    *,
    path: str = "/feeds/feed.xml",
    time_limit: float = 10.0,
) -> ParsedFeed:
    """Serve `body` from the real local server, fetch it, parse it like the poller does."""
    headers = [("Content-Type", content_type)] if content_type else []
    url = server.add(path, Reply(200, body, headers))
    page = fetch(url, settings=SETTINGS)
    return parse_feed(page.body, url=page.final_url, headers=page.headers, time_limit=time_limit)


def by_title(feed: ParsedFeed) -> dict[str | None, FeedEntry]:
    return {e.title: e for e in feed.entries}


# --- formats ----------------------------------------------------------------------------------


def test_rss20(local_server: LocalServer) -> None:
    feed = serve_and_parse(local_server, fixture("rss20.xml"))
    assert feed.format == "rss20"
    assert feed.title == "Example News — World"
    assert feed.ttl == 30 * 60
    assert feed.hub == "https://pubsubhubbub.example.com/"
    assert feed.self_url == "https://news.example.com/feeds/world.xml"
    assert feed.link == "https://news.example.com/"
    assert len(feed.entries) == 3
    first, second, third = feed.entries
    assert first.title == "Leaders meet in Geneva & agree on climate fund"
    # relative link resolved against the URL the feed was fetched from
    assert first.link == local_server.url("/2024/05/01/geneva-climate-fund")
    assert first.guid == "news-example-10001"
    assert first.published == "2024-05-01T07:30:00+00:00"
    assert first.tags == ["Climate", "Politics"]  # "climate" repeated: de-duplicated
    assert first.author == "Jane Reporter"
    assert first.image == "https://cdn.example.com/img/geneva.jpg"
    assert first.summary is not None and "new fund" in first.summary
    assert first.feed_url == local_server.url("/feeds/feed.xml")
    assert second.image == "https://cdn.example.com/img/cafe.png"  # image enclosure
    assert second.title == "Café owners protest new rules"
    assert third.image == local_server.url("/img/markets-thumb.jpg")  # media:thumbnail
    assert third.published == "2024-04-30T22:15:00+00:00"
    assert third.summary is not None and "sharply" in third.summary  # content:encoded
    for entry in feed.entries:
        assert datetime.fromisoformat(entry.published or "").tzinfo is not None
        assert len(entry.entry_id) == 32
    assert len({e.entry_id for e in feed.entries}) == 3


def test_atom_links_resolve_against_final_url_after_redirect(local_server: LocalServer) -> None:
    local_server.add("/old-feed", Reply(301, headers=[("Location", "/blog/new/atom.xml")]))
    local_server.add(
        "/blog/new/atom.xml",
        Reply(200, fixture("atom.xml"), [("Content-Type", "application/atom+xml")]),
    )
    page = fetch(local_server.url("/old-feed"), settings=SETTINGS)
    feed = parse_feed(page.body, url=page.final_url, headers=page.headers)
    assert feed.format == "atom10"
    assert feed.title == "Example Tech Blog"
    assert feed.hub == "https://websub.example.org/hub"
    assert feed.self_url == "https://blog.example.org/atom.xml"
    shipping, updated_only = feed.entries
    assert shipping.link == local_server.url("/blog/new/posts/shipping-2-0")
    assert shipping.guid == "tag:blog.example.org,2024:/posts/shipping-2-0"
    assert shipping.published == "2024-05-02T08:00:00+00:00"
    assert shipping.author == "Ana Dev"
    assert shipping.tags == ["release", "engineering"]
    assert shipping.image == "https://blog.example.org/img/v2.jpg"
    assert updated_only.published == "2024-04-20T08:00:00+00:00"  # falls back to <updated>


def test_rss10(local_server: LocalServer) -> None:
    feed = serve_and_parse(local_server, fixture("rss10.rdf"), "application/rdf+xml")
    assert feed.format == "rss10"
    assert [e.link for e in feed.entries] == [
        "https://science.example.net/a/1",
        "https://science.example.net/a/2",
    ]
    assert feed.entries[0].tags == ["Astronomy"]
    assert feed.entries[1].published == "2024-04-29T13:00:00+00:00"


def test_rss091(local_server: LocalServer) -> None:
    feed = serve_and_parse(local_server, fixture("rss091.xml"), "text/xml")
    assert feed.format.startswith("rss091")
    assert [e.title for e in feed.entries] == ["Modem speeds double", "Browser wars heat up"]
    assert all(e.published is None for e in feed.entries)


@pytest.mark.parametrize("content_type", ["application/feed+json", "application/json", None])
def test_json_feed_detected(local_server: LocalServer, content_type: str | None) -> None:
    feed = serve_and_parse(local_server, fixture("jsonfeed11.json"), content_type, path="/f.json")
    assert feed.format == "json11"
    assert feed.title == "Example JSON Feed"
    assert feed.entries[0].link == local_server.url("/2024/05/02/first")


def test_rss_served_as_text_html_still_parses(local_server: LocalServer) -> None:
    feed = serve_and_parse(local_server, fixture("rss20.xml"), "text/html; charset=utf-8")
    assert feed.format == "rss20" and len(feed.entries) == 3


# --- charsets ---------------------------------------------------------------------------------

CP1252_TITLE = "Café – News “quoted”"
CP1252_ITEM = "Crème brûlée € 5"


@pytest.mark.parametrize(
    "content_type",
    [
        "text/xml",  # no charset: RFC 3023 would say us-ascii
        "application/rss+xml",
        "application/rss+xml; charset=utf-8",  # wrong charset
        "application/rss+xml; charset=windows-1252",
        None,  # no content type at all
    ],
)
def test_windows_1252_feed(local_server: LocalServer, content_type: str | None) -> None:
    feed = serve_and_parse(local_server, fixture("windows-1252.xml"), content_type)
    assert feed.title == CP1252_TITLE
    assert feed.entries[0].title == CP1252_ITEM


def test_utf8_feed_with_wrong_latin1_header(local_server: LocalServer) -> None:
    feed = serve_and_parse(local_server, fixture("rss20.xml"), "text/xml; charset=iso-8859-1")
    assert feed.title == "Example News — World"
    assert by_title(feed).get("Café owners protest new rules") is not None


# --- bad input, each through the real server --------------------------------------------------


def test_malformed_xml_is_a_warning_not_a_failure(local_server: LocalServer) -> None:
    feed = serve_and_parse(local_server, fixture("malformed.xml"))
    assert feed.format == "rss20"
    assert feed.warning is not None
    assert feed.entries[0].title == "Unescaped & ampersand"
    assert feed.entries[0].link == "https://broken.example.com/1"


def test_html_served_as_feed(local_server: LocalServer) -> None:
    with pytest.raises(FeedParseError) as info:
        serve_and_parse(local_server, fixture("html-as-feed.html"), "application/rss+xml")
    message = str(info.value)
    assert local_server.url("/feeds/feed.xml") in message
    assert "HTML page" in message and "Example News – Home" in message


def test_html_served_as_html(local_server: LocalServer) -> None:
    with pytest.raises(FeedParseError, match="HTML page"):
        serve_and_parse(local_server, fixture("html-as-feed.html"), "text/html")


@pytest.mark.parametrize("body", [b"", b"   \n\t  "])
def test_empty_body(local_server: LocalServer, body: bytes) -> None:
    with pytest.raises(FeedParseError, match=r"empty|whitespace") as info:
        serve_and_parse(local_server, body)
    assert local_server.url("/feeds/feed.xml") in str(info.value)


def test_garbage_body(local_server: LocalServer) -> None:
    with pytest.raises(FeedParseError, match="neither XML nor JSON"):
        serve_and_parse(local_server, b"\x00\x01\x02binary\xff\xfe garbage" * 10, "text/xml")


def test_xml_cut_off_after_the_root_is_an_error_not_an_empty_feed(
    local_server: LocalServer,
) -> None:
    with pytest.raises(FeedParseError, match=r"XML is broken .*nothing was read"):
        serve_and_parse(local_server, b"<?xml version='1.0'?><rss><chan")
    # a valid feed with no items yet is fine
    assert serve_and_parse(local_server, b'<rss version="2.0"><channel></channel></rss>',
                           path="/empty-ok.xml").entries == []


def test_other_xml(local_server: LocalServer) -> None:
    with pytest.raises(FeedParseError, match="root element <sitemap>"):
        serve_and_parse(local_server, b'<?xml version="1.0"?><sitemap><url/></sitemap>')


def test_billion_laughs_neutralised(local_server: LocalServer) -> None:
    started = time.monotonic()
    feed = serve_and_parse(local_server, fixture("billion-laughs.xml"), time_limit=5)
    assert time.monotonic() - started < 2
    texts = [feed.title or ""] + [(e.title or "") + (e.summary or "") for e in feed.entries]
    assert all("lollol" not in text for text in texts)
    assert sum(len(t) for t in texts) < 1000


def test_external_entity_not_resolved(local_server: LocalServer) -> None:
    feed = serve_and_parse(local_server, fixture("xxe.xml"))
    texts = [feed.title or ""] + [
        (e.title or "") + (e.summary or "") + (e.link or "") for e in feed.entries
    ]
    joined = "\n".join(texts)
    assert "root:" not in joined and "/bin/" not in joined
    assert "ami-id" not in joined  # nothing from the metadata URL (never requested either)


def _author_bomb(items: int, length: int = 10_000) -> bytes:
    author = "a" * length
    entries = "".join(
        f"<item><title>t{i}</title><link>https://x.example/{i}</link>"
        f"<author>{author}</author></item>"
        for i in range(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>redos</title>{entries}'
        "</channel></rss>"
    ).encode()


def test_redos_author_ends_within_hard_limit(local_server: LocalServer) -> None:
    """10 000-char authors hit feedparser's quadratic e-mail regex (~0.4 s each)."""
    started = time.monotonic()
    with pytest.raises(FeedParseError, match=r"parse exceeded 0\.5s") as info:
        serve_and_parse(local_server, _author_bomb(10), time_limit=0.5)
    assert time.monotonic() - started < 1.5
    assert local_server.url("/feeds/feed.xml") in str(info.value)


def test_one_long_author_parses_within_default_limit(local_server: LocalServer) -> None:
    feed = serve_and_parse(local_server, _author_bomb(1))
    assert feed.entries[0].author is not None


def test_hard_limit_works_in_a_non_main_thread() -> None:
    outcome: list[BaseException | ParsedFeed] = []

    def work() -> None:
        try:
            outcome.append(parse_feed(_author_bomb(10), url="http://x.test/", time_limit=0.3))
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=work)
    started = time.monotonic()
    thread.start()
    thread.join(5)
    assert time.monotonic() - started < 1.5
    assert len(outcome) == 1 and isinstance(outcome[0], FeedParseError)
    assert "parse exceeded" in str(outcome[0])


def test_5000_items(local_server: LocalServer) -> None:
    items = "".join(
        f"<item><title>Item {i}</title><link>/story/{i}</link>"
        f"<description>Story number {i}.</description>"
        f"<pubDate>Wed, 01 May 2024 09:{i % 60:02d}:00 +0000</pubDate></item>"
        for i in range(5000)
    )
    body = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}'
        "</channel></rss>"
    ).encode()
    feed = serve_and_parse(local_server, body)
    assert len(feed.entries) == 5000
    assert len({e.entry_id for e in feed.entries}) == 5000
    assert feed.entries[4999].link == local_server.url("/story/4999")


def test_duplicate_guids(local_server: LocalServer) -> None:
    feed = serve_and_parse(local_server, fixture("duplicate-guids.xml"))
    titles = [e.title for e in feed.entries]
    # the exact repeat (same GUID and same link) is dropped; the recycled GUID is told apart
    assert titles == ["First story", "Second story", "Unique"]
    assert len({e.entry_id for e in feed.entries}) == 3
    unique = feed.entries[2]
    assert unique.entry_id == entry_identity(
        guid="unique-guid", link=unique.link, title=None, content=None
    )


def test_no_guids(local_server: LocalServer) -> None:
    feed = serve_and_parse(local_server, fixture("no-guids.xml"))
    assert len(feed.entries) == 4
    assert all(e.guid is None for e in feed.entries)
    assert len({e.entry_id for e in feed.entries}) == 4
    linked = feed.entries[0]
    assert linked.entry_id == entry_identity(
        guid=None, link="https://noguid.example.com/1", title="anything", content="else"
    )
    again = serve_and_parse(local_server, fixture("no-guids.xml"), path="/again.xml")
    assert [e.entry_id for e in again.entries][2:] == [e.entry_id for e in feed.entries][2:]


# --- identity and the time-limit runner -------------------------------------------------------


def test_entry_identity_order_of_preference() -> None:
    by_guid = entry_identity(guid="g", link="https://a/1", title="t", content="c")
    assert by_guid == entry_identity(guid="g", link="https://b/2", title="x", content="y")
    by_link = entry_identity(guid=None, link="https://a/1", title="t", content="c")
    assert by_link == entry_identity(guid=None, link="https://a/1", title="x", content="y")
    assert by_link != by_guid
    by_text = entry_identity(guid=None, link=None, title="t", content="c")
    assert by_text != entry_identity(guid=None, link=None, title="t", content="d")
    # a GUID equal to another entry's link does not collide with it
    assert entry_identity(guid="https://a/1", link=None, title=None, content=None) != by_link


def test_assign_ids_recycled_guid_gives_new_item_a_new_id() -> None:
    def entry(title: str, link: str) -> FeedEntry:
        return FeedEntry(feed_url="f", entry_id="", link=link, title=title, guid="same")

    old = assign_ids([entry("old", "https://x/old")])[0].entry_id
    now = assign_ids([entry("new", "https://x/new"), entry("old", "https://x/old")])
    assert now[0].entry_id != old  # the new story is not mistaken for an already seen one


def _no_children_left() -> bool:
    """No zombie child of this process."""
    me = os.getpid()
    return not any(p.ppid == me and not p.alive for p in processes())


def test_time_limit_runner_returns_and_reaps() -> None:
    assert run_with_time_limit(jobs.echo, {"a": [1, 2]}, time_limit=5, what="x") == {"a": [1, 2]}
    assert _no_children_left()


def test_time_limit_runner_kills_and_reaps() -> None:
    run_with_time_limit(jobs.echo, 1, time_limit=30, what="warm-up")  # the server is started
    started = time.monotonic()
    with pytest.raises(FeedParseError, match=r"job: parse exceeded 0\.2s"):
        run_with_time_limit(jobs.sleep, 30, time_limit=0.2, what="job")
    assert time.monotonic() - started < 1
    assert _no_children_left()


def test_time_limit_runner_reports_child_exceptions() -> None:
    with pytest.raises(FeedParseError, match="job: parser failed: ValueError: bad things"):
        run_with_time_limit(jobs.boom, time_limit=5, what="job")
    with pytest.raises(FeedParseError, match=r"^x\.test: not a feed: an HTML page$"):
        run_with_time_limit(jobs.feed_error, time_limit=5, what="job")
    with pytest.raises(FeedParseError, match="unpicklable result"):
        run_with_time_limit(jobs.unpicklable, time_limit=5, what="job")
    with pytest.raises(FeedParseError, match="died"):
        run_with_time_limit(jobs.die, time_limit=5, what="job")


def test_no_parser_process_is_a_transient_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """When no child can be started the feed is tried again later, not marked broken."""
    from workers.pipeline import feeds

    monkeypatch.setattr(feeds, "_CHILD_PRELOAD", ("nr_no_such_module_anywhere",))
    with pytest.raises(ParserUnavailableError, match=r"x\.test/feed: could not start") as info:
        parse_feed(fixture("windows-1252.xml"), url="http://x.test/feed")
    assert info.value.transient


def _redos_in_pool_child(time_limit: float, conn: Any) -> None:
    import billiard

    started = time.monotonic()
    try:
        parse_feed(_author_bomb(10), url="http://x.test/", time_limit=time_limit)
        outcome = "parsed"
    except FeedParseError as exc:
        outcome = str(exc)
    conn.send((outcome, time.monotonic() - started, bool(billiard.current_process().daemon)))


def test_hard_limit_works_in_a_celery_prefork_child() -> None:
    """Celery's prefork pool runs tasks in daemonic billiard children (where multiprocessing
    refuses to start processes and SIGALRM belongs to Celery): the limit must still hold."""
    import billiard

    parent, child = billiard.Pipe()
    process = billiard.Process(target=_redos_in_pool_child, args=(0.3, child), daemon=True)
    process.start()
    try:
        assert parent.poll(5)
        outcome, elapsed, daemonic = parent.recv()
    finally:
        process.join(5)
    assert daemonic
    assert "parse exceeded 0.3s" in outcome
    assert elapsed < 1.2
