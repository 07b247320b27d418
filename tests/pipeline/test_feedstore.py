"""Feed registry and the dispatcher's atomic claims on a real Redis."""

from __future__ import annotations

import threading

import redis

from workers.keys import Keys
from workers.models import FeedEntry, FeedSpec
from workers.pipeline.feedstore import FeedStore, feed_id


def test_two_schedulers_never_claim_the_same_slot(redis_url: str,
                                                  redis_client: redis.Redis) -> None:
    from workers.redis_client import connect

    store = FeedStore(redis_client, Keys("t"))
    for i in range(300):
        store.upsert(FeedSpec(url=f"https://example.com/{i}.xml"))
    claimed: list[list[str]] = []
    barrier = threading.Barrier(4)

    def tick() -> None:
        s = FeedStore(connect(redis_url), Keys("t"))
        barrier.wait()
        got: list[str] = []
        for _ in range(10):
            got += s.claim_due(limit=20)
        claimed.append(got)

    threads = [threading.Thread(target=tick) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    flat = [f for c in claimed for f in c]
    assert len(flat) == len(set(flat)) == 300


def test_leased_feed_is_not_due_until_the_lease_ends(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    fid = store.upsert(FeedSpec(url="https://example.com/a.xml"))
    assert store.claim_due(now=1e10, lease=900) == [fid]
    assert store.claim_due(now=1e10 + 10, lease=900) == []
    assert store.claim_due(now=1e10 + 901, lease=900) == [fid]


def test_paused_feed_leaves_the_schedule(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    url = "https://example.com/a.xml"
    store.upsert(FeedSpec(url=url))
    store.upsert(FeedSpec(url=url, paused=True))
    assert store.next_poll(feed_id(url)) is None
    assert store.get(feed_id(url)) == FeedSpec(url=url, paused=True)


def test_seen_entries(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    assert store.unseen("f", ["a", "b"]) == [True, True]
    store.mark_seen("f", ["a"], now=100)
    assert store.unseen("f", ["a", "b"]) == [False, True]
    assert store.trim_seen("f", older_than=200) == 1
    assert store.unseen("f", ["a"]) == [True]


# --- GUID changes: the link cross-check --------------------------------------------------------


def _entry(guid: str, link: str | None, title: str | None = None,
           published: str | None = None) -> FeedEntry:
    from workers.pipeline.feeds import entry_identity

    return FeedEntry(feed_url="https://example.com/feed", link=link, guid=guid, title=title,
                     published=published,
                     entry_id=entry_identity(guid=guid, link=link, title=title, content=None))


def test_triage_tells_changed_guids_from_new_stories(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    old = [_entry("v1-a", "https://example.com/a?utm_source=rss"),
           _entry("v1-b", "https://Example.com/b")]
    fresh, reguided = store.triage("f", old, now=1000)
    assert fresh == old and reguided == []
    store.mark_entries_seen("f", fresh, now=1000)
    # the generator changed every GUID; links differ only in tracking tails and host case
    new = [_entry("v2-a", "https://example.com/a"), _entry("v2-b", "https://example.com/b#top"),
           _entry("v2-c", "https://example.com/c"), old[0]]
    fresh, reguided = store.triage("f", new, now=2000)
    assert [e.guid for e in fresh] == ["v2-c"]
    assert [e.guid for e in reguided] == ["v2-a", "v2-b"]
    # links older than the window no longer count
    fresh, _ = store.triage("f", new[:1], now=1000 + 31 * 86400)
    assert [e.guid for e in fresh] == ["v2-a"]


def test_triage_ignores_links_shared_inside_one_fetch(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    home = "https://example.com/"
    first = [_entry("a", home, "Monday"), _entry("b", home, "Tuesday")]
    store.mark_entries_seen("f", first, now=1000)
    batch = [_entry("c", home, "Wednesday"), *first, _entry("d", None, "No link")]
    fresh, reguided = store.triage("f", batch, now=2000)
    assert [e.guid for e in fresh] == ["c", "d"] and reguided == []


def test_triage_a_story_dated_after_its_link_was_seen_is_new(redis_client: redis.Redis) -> None:
    """A constant link and title ("Daily briefing") with a new GUID and a newer date."""
    store = FeedStore(redis_client, Keys("t"))
    link = "https://example.com/briefing"
    store.mark_entries_seen("f", [_entry("d1", link, "Daily briefing")], now=1_714_600_000)
    later = _entry("d2", link, "Daily briefing", published="2024-05-02T21:46:40+00:00")
    same_day = _entry("d1-new-guid", link, "Daily briefing",
                      published="2024-05-01T20:00:00+00:00")
    fresh, reguided = store.triage("f", [later, same_day], now=1_714_700_000)
    assert fresh == [later] and reguided == [same_day]


def test_trim_seen_trims_links_too(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    store.mark_entries_seen("f", [_entry("a", "https://example.com/a")], now=100)
    assert store.trim_seen("f", older_than=200) == 1
    assert redis_client.zcard(store.links_key("f")) == 0


# --- moved feeds ----------------------------------------------------------------------------


def test_move_carries_state_seen_links_and_schedule(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    old, new = "https://example.com/old.xml", "https://example.com/new.xml"
    fid = store.upsert(FeedSpec(url=old, name="N", interval=900, tags=("a",)))
    store.schedule(fid, 12345)
    store.save_state(fid, {"etag": '"x"'})
    store.mark_entries_seen(fid, [_entry("g", "https://example.com/1")], now=10)
    new_fid, merged = store.move(fid, new)
    assert (new_fid, merged) == (feed_id(new), False)
    assert store.all() == {new_fid: FeedSpec(url=new, name="N", interval=900, tags=("a",))}
    assert store.load_state(new_fid) == {"etag": '"x"'} and store.load_state(fid) is None
    assert store.next_poll(new_fid) == 12345 and store.next_poll(fid) is None
    assert store.unseen(new_fid, [_entry("g", "https://example.com/1").entry_id]) == [False]
    assert redis_client.exists(store.keys.feed_seen(fid), store.links_key(fid)) == 0
    # the old URL is an alias now: a list that still names it registers the new feed
    assert store.resolve_url(old) == new and store.moves() == {old: new}
    assert store.upsert(FeedSpec(url=old)) == new_fid
    assert list(store.all()) == [new_fid]


def test_move_into_an_existing_registration_merges(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    a, b = "https://example.com/a.xml", "https://example.com/b.xml"
    fa = store.upsert(FeedSpec(url=a))
    fb = store.upsert(FeedSpec(url=b, name="kept"))
    store.mark_seen(fa, ["x"], now=1)
    store.mark_seen(fb, ["y"], now=1)
    assert store.move(fa, b) == (fb, True)
    assert store.all() == {fb: FeedSpec(url=b, name="kept")}
    assert store.unseen(fb, ["x", "y"]) == [False, False]


def test_move_back_and_forth_leaves_no_alias_loop(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    a, b = "https://example.com/a.xml", "https://example.com/b.xml"
    fa = store.upsert(FeedSpec(url=a))
    fb, _ = store.move(fa, b)
    store.move(fb, a)
    assert store.moves() == {b: a}
    assert store.resolve_url(a) == a and store.resolve_url(b) == a


def test_purge_forgets_everything(redis_client: redis.Redis) -> None:
    store = FeedStore(redis_client, Keys("t"))
    fid = store.upsert(FeedSpec(url="https://example.com/old.xml"))
    new_fid, _ = store.move(fid, "https://example.com/new.xml")
    store.save_state(new_fid, {"etag": "e"})
    store.mark_entries_seen(new_fid, [_entry("g", "https://example.com/1")])
    store.purge(new_fid)
    assert store.all() == {} and store.moves() == {}
    assert redis_client.keys("t:feed:*") == []
