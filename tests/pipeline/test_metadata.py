"""Metadata from OpenGraph, JSON-LD, meta tags and page markup."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from lxml.html import HtmlElement, document_fromstring

from workers.pipeline.metadata import extract_metadata, parse_datetime, same_site

URL = "https://www.example-news.com/world/2025/05/11/story.html"


def _page(head: str = "", body: str = "<p>Text.</p>", lang: str | None = "en") -> HtmlElement:
    lang_attr = f' lang="{lang}"' if lang else ""
    return document_fromstring(
        f"<!DOCTYPE html><html{lang_attr}><head>{head}</head><body>{body}</body></html>"
    )


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_opengraph_and_article_meta() -> None:
    meta = extract_metadata(
        _page(
            '<meta property="og:title" content="Headline from OG">'
            '<meta property="og:description" content="The description.">'
            '<meta property="og:image" content="/img/lead.jpg">'
            '<meta property="og:site_name" content="Example News">'
            '<meta property="og:url" content="https://example-news.com/world/story.html">'
            '<meta property="og:locale" content="en_GB">'
            '<meta property="article:published_time" content="2025-05-11T07:42:00+01:00">'
            '<meta property="article:modified_time" content="2025-05-11T09:05:00Z">'
            '<meta property="article:tag" content="Ukraine">'
            '<meta property="article:tag" content="Peace talks">'
            '<meta name="author" content="Jane Doe">'
            "<title>Headline from title | Example News</title>",
            lang=None,
        ),
        URL,
    )
    assert meta.title == "Headline from OG"
    assert meta.description == "The description."
    assert meta.image == "https://www.example-news.com/img/lead.jpg"
    assert meta.site_name == "Example News"
    assert meta.url == "https://example-news.com/world/story.html"  # same site, other host
    assert meta.language == "en-GB"
    assert meta.published == "2025-05-11T07:42:00+01:00"
    assert meta.modified == "2025-05-11T09:05:00+00:00"
    assert meta.tags == ["Ukraine", "Peace talks"]
    assert meta.authors == ["Jane Doe"]


def test_jsonld_graph_with_id_references() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "#site", "name": "Example News"},
            {"@type": "Person", "@id": "#p1", "name": "Adaeze Okafor"},
            {"@type": "ImageObject", "@id": "#img", "url": "https://cdn.example-news.com/a.jpg"},
            {
                "@type": ["ReportageNewsArticle", "NewsArticle"],
                "headline": "Rock &amp; roll &#8217;s comeback",
                "description": "Guitars are back.",
                "datePublished": "2025-05-11T07:42:00",
                "author": [{"@id": "#p1"}, {"@type": "Person", "name": "John Roe"}],
                "image": {"@id": "#img"},
                "publisher": {"@type": "Organization", "name": "Example Media"},
                "keywords": "music, guitars;  Rock &amp; roll",
                "inLanguage": "en-US",
                "mainEntityOfPage": {"@id": "https://www.example-news.com/music/comeback.html"},
            },
        ],
    }
    meta = extract_metadata(_page(_ld(graph), lang=None), URL)
    assert meta.title == "Rock & roll ’s comeback"
    assert meta.description == "Guitars are back."
    assert meta.authors == ["Adaeze Okafor", "John Roe"]
    assert meta.image == "https://cdn.example-news.com/a.jpg"
    assert meta.site_name == "Example Media"
    assert meta.published == "2025-05-11T07:42:00+00:00"  # no zone: UTC
    assert meta.tags == ["music", "guitars", "Rock & roll"]
    assert meta.language == "en-US"
    assert meta.url == "https://www.example-news.com/music/comeback.html"


def test_jsonld_list_and_broken_json_do_not_break_anything() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "X",}</script>'
        '<script type="application/ld+json">this is not json</script>'
        + _ld(
            [{"@type": "BreadcrumbList"}, {"@type": "BlogPosting", "datePublished": "2025-01-02"}]
        )
    )
    meta = extract_metadata(_page(head), URL)
    assert meta.title == "X"  # trailing comma tolerated
    # the first article object wins; it has no date, so the date is guessed from the URL
    assert meta.published == "2025-05-11T00:00:00+00:00"


def test_date_is_guessed_only_when_no_structured_date_exists() -> None:
    page = _page(body="<p>Published: 2024-03-03</p><p>Text of the story.</p>")
    assert extract_metadata(page, "https://example.com/a").published == "2024-03-03T00:00:00+00:00"
    assert extract_metadata(_page(), "https://example.com/a").published is None


def test_opengraph_wins_over_jsonld_and_markup_is_the_last_resort() -> None:
    head = '<meta property="og:title" content="OG title">' + _ld(
        {"@type": "NewsArticle", "headline": "LD headline"}
    )
    assert extract_metadata(_page(head), URL).title == "OG title"
    assert (
        extract_metadata(_page(_ld({"@type": "NewsArticle", "headline": "LD"})), URL).title == "LD"
    )
    bare = _page(
        "<title>Only the title - Example News</title>"
        '<meta name="application-name" content="Example News">',
        body="<h1>The h1</h1><h1>Another h1</h1><p>x</p>",
    )
    assert extract_metadata(bare, URL).title == "Only the title"
    assert extract_metadata(_page(body="<h1>Single h1</h1><p>x</p>"), URL).title == "Single h1"


def test_double_escaped_meta_is_repaired_once() -> None:
    head = (
        '<meta property="og:title" content="Tom &amp;amp; Jerry &amp;#39;return&amp;#39;">'
        '<meta name="description" content="Fish &amp; chips">'
    )
    meta = extract_metadata(_page(head), URL)
    assert meta.title == "Tom & Jerry 'return'"
    assert meta.description == "Fish & chips"


def test_time_element_and_microdata_dates() -> None:
    body = '<article><time datetime="2019-11-19T05:45:00-0500">Nov 19</time><p>x</p></article>'
    assert extract_metadata(_page(body=body), URL).published == "2019-11-19T05:45:00-05:00"
    body = '<div><meta itemprop="datePublished" content="2019-11-19"><p>x</p></div>'
    assert extract_metadata(_page(body=body), URL).published == "2019-11-19T00:00:00+00:00"


def test_canonical_url_rules() -> None:
    def canonical(head: str, url: str | None = URL) -> str | None:
        return extract_metadata(_page(head), url).url

    assert canonical('<link rel="canonical" href="/world/canonical.html">') == (
        "https://www.example-news.com/world/canonical.html"
    )
    assert canonical('<link rel="canonical" href="https://m.example-news.com/x#top">') == (
        "https://m.example-news.com/x"
    )
    # a syndicated copy pointing at another site keeps the fetched URL
    assert canonical('<link rel="canonical" href="https://other-site.org/original">') == URL
    assert canonical('<meta property="og:url" content="https://other-site.org/a">') == URL
    assert canonical("") == URL
    assert canonical('<link rel="canonical" href="https://a.org/x">', url=None) == "https://a.org/x"
    # relative links on a local demo server
    assert canonical(
        '<link rel="canonical" href="story.html">', "http://127.0.0.1:8080/n/s.html"
    ) == ("http://127.0.0.1:8080/n/story.html")


def test_tags_are_split_deduplicated_and_bounded() -> None:
    head = (
        '<meta property="article:tag" content="Ukraine">'
        '<meta name="news_keywords" content="ukraine, Russia, Istanbul">'
        '<meta name="keywords" content="Peace talks; Diplomacy, https://spam.example/x">'
    )
    meta = extract_metadata(_page(head), URL)
    assert meta.tags == ["Ukraine", "Russia", "Istanbul", "Peace talks", "Diplomacy"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-11T07:42:00+01:00", "2025-05-11T07:42:00+01:00"),
        ("2025-05-11T07:42:00Z", "2025-05-11T07:42:00+00:00"),
        ("2025-05-11T07:42:00.123-0500", "2025-05-11T07:42:00.123000-05:00"),
        ("2025-05-11T07:42:00", "2025-05-11T07:42:00+00:00"),
        ("2025-05-11", "2025-05-11T00:00:00+00:00"),
        ("2025/05/11 07:42", "2025-05-11T07:42:00+00:00"),
        ("Sun, 11 May 2025 07:42:00 GMT", "2025-05-11T07:42:00+00:00"),
        ("Sun, 11 May 2025 07:42:00 +0100", "2025-05-11T07:42:00+01:00"),
        ("May 11, 2025", "2025-05-11T00:00:00+00:00"),
        ("20250511", "2025-05-11T00:00:00+00:00"),
        ("1746949320", "2025-05-11T07:42:00+00:00"),
        ("yesterday", None),
        ("", None),
        ("0000-00-00", None),
        ("1850-01-01", None),
    ],
)
def test_parse_datetime(value: str, expected: str | None) -> None:
    result = parse_datetime(value)
    assert result == expected
    if result:
        assert datetime.fromisoformat(result).tzinfo is not None


def test_same_site() -> None:
    assert same_site("https://m.example.co.uk/a", "https://www.example.co.uk/b")
    assert not same_site("https://other.co.uk/a", "https://example.co.uk/b")
    assert same_site("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b")
    assert not same_site("http://127.0.0.2/a", "http://127.0.0.1/b")
    assert not same_site("not a url", URL)


def test_language_forms() -> None:
    assert extract_metadata(_page(lang="pt_br"), URL).language == "pt-BR"
    assert extract_metadata(_page(lang="de"), URL).language == "de"
    assert extract_metadata(_page(lang="zh-Hans"), URL).language == "zh"
    assert extract_metadata(_page(lang="!!"), URL).language is None


# --- the lead image from the story's own markup ------------------------------------------------

_STORY_BODY = (
    "<header><img src='/static/site-logo.png' width='400' height='120'></header>"
    "<article><h1>Flood barrier</h1>"
    "<img src='/img/share-icon.png'><img src='/img/pixel.gif' width='1' height='1'>"
    "<img src='/img/author.jpg' class='byline-avatar'>"
    "<img src='/img/thumb.jpg' width='80' height='60'>"
    "<p>Text.</p><img src='/img/barrier-2019.jpg' width='600' height='400' alt='The river'>"
    "<img src='/img/second.jpg'></article>"
)


def test_a_page_with_no_lead_image_in_its_head_gets_the_story_s_first_picture() -> None:
    meta = extract_metadata(_page(body=_STORY_BODY), "https://news.example/a/b")
    # not the site logo, nor the icon, pixel, avatar or thumbnail before it
    assert meta.image == "https://news.example/img/barrier-2019.jpg"


def test_the_head_s_image_comes_first_and_no_story_container_means_no_guess() -> None:
    head = "<meta property='og:image' content='https://cdn.example/lead.jpg'>"
    meta = extract_metadata(_page(head=head, body=_STORY_BODY), "https://news.example/a/b")
    assert meta.image == "https://cdn.example/lead.jpg"
    # a page's first <img> is usually its logo: outside a story container nothing is taken
    loose = "<div><img src='/img/banner.jpg' width='900' height='200'><p>Text.</p></div>"
    assert extract_metadata(_page(body=loose), "https://news.example/a/b").image is None
    data_uri = "<article><img src='data:image/png;base64,AAAA'><p>Text.</p></article>"
    assert extract_metadata(_page(body=data_uri), "https://news.example/a/b").image is None


def test_the_site_closing_a_byline_is_not_an_author() -> None:
    head = (
        '<meta property="og:site_name" content="CNN">'
        '<meta name="author" content="Dana A. Ford, Chien-Ming Wang, and Tom Watkins, CNN">'
    )
    meta = extract_metadata(_page(head=head), "https://edition.cnn.com/a")
    assert meta.authors == ["Dana A. Ford", "Chien-Ming Wang", "Tom Watkins"]
    agency = (
        '<meta property="og:site_name" content="Valley Courier">'
        '<meta name="author" content="Reuters">'
    )
    assert extract_metadata(_page(head=agency), URL).authors == ["Reuters"]


def test_an_h1_that_is_the_site_s_name_gives_way_to_the_page_title() -> None:
    page = _page(
        head="<title>Tragwerksplanung für Hallen | RS Ingenieure</title>",
        body="<h1>RS Ingenieure</h1><p>Text.</p>",
    )
    assert extract_metadata(page, "http://www.rs-ingenieure.de/de/a").title == (
        "Tragwerksplanung für Hallen"
    )
    story = _page(head="<title>Site</title>", body="<h1>The flood barrier holds</h1>")
    assert extract_metadata(story, URL).title == "The flood barrier holds"


@pytest.mark.parametrize(
    ("site", "byline", "expected"),
    [
        ("CNN", "Jill Disis, CNN Business", ["Jill Disis"]),
        ("Beachbody", "Ilana Muhlstein, MS, RDN", ["Ilana Muhlstein"]),
        ("Inexhibit", "admin", []),
        ("Al Bawaba", "Al-Bawaba", []),
        ("Süddeutsche.de", "Süddeutsche.de GmbH, Munich, Germany", []),
        # a blogger whose site carries her name wrote the post; initials are not a company
        ("Martina Berg - Lady 50plus", "Martina Berg", ["Martina Berg"]),
        ("CNN", "James S.A. Corey and Tom Watkins", ["James S.A. Corey", "Tom Watkins"]),
    ],
)
def test_bylines_keep_the_people(site: str, byline: str, expected: list[str]) -> None:
    head = f'<meta property="og:site_name" content="{site}"><meta name="author" content="{byline}">'
    assert extract_metadata(_page(head=head), URL).authors == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # Blogger, WordPress and news templates: the byline's element, names only
        ('<span class="post-author vcard">Posted by <span class="fn">Ned Deily</span></span>',
         ["Ned Deily"]),
        ('<div class="byline">By Carrie Arnold November 20, 2019</div>', ["Carrie Arnold"]),
        ('<p class="author-name">Geschrieben von Meike Neitz</p>', ["Meike Neitz"]),
        ('<span itemprop="author">Ludwig van Beethoven</span>', ["Ludwig van Beethoven"]),
        ('<div class="byline">JILL LAWLESS Associated Press</div>',
         ["Jill Lawless", "Associated Press"]),
        # an element named for the author that holds a tool's label or a place: no author
        ('<div class="author-box"><label>Username</label></div>', []),
        ('<div class="author">So Artikel empfehlen</div>', []),
        ('<span class="author">Berlin</span>', []),
    ],
)
def test_a_byline_in_the_markup_is_the_last_resort(byline: str, expected: list[str]) -> None:
    """With no author in the metadata, the page's byline element names the author, cut to
    the names (its label, date and a tool's words are not a name)."""
    page = _page(body=f"<article><h1>A headline here</h1>{byline}<p>{'Story text. ' * 40}</p>"
                 "</article>")
    assert extract_metadata(page, URL).authors == expected


def test_the_metadata_s_author_wins_over_the_markup() -> None:
    page = _page('<meta name="author" content="Jane Doe">',
                 '<div class="byline">By Someone Else</div><p>Text.</p>')
    assert extract_metadata(page, URL).authors == ["Jane Doe"]


def test_dublin_core_names_surname_first_are_one_person_each() -> None:
    """``DC.Creator`` and ``citation_author`` write "Surname, Given": the comma is not a list."""
    page = _page('<meta name="DC.Creator" content="Kooman, F.">'
                 '<meta name="DC.Creator" content="Jong, Michiel de">')
    assert extract_metadata(page, URL).authors == ["F. Kooman", "Michiel de Jong"]
    page = _page('<meta name="citation_author" content="Doe, Jane A.">')
    assert extract_metadata(page, URL).authors == ["Jane A. Doe"]
    # a plain author tag with commas is still a list of people
    page = _page('<meta name="author" content="Jane Doe, John Roe">')
    assert extract_metadata(page, URL).authors == ["Jane Doe", "John Roe"]


def test_a_section_s_h1_gives_way_to_the_page_title() -> None:
    """With no title in the metadata, the page's one ``<h1>`` is the headline only when it
    shares a word with ``<title>``; a section's heading shares none."""
    page = _page("<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>",
                 "<h1>Allergies Health Center</h1><p>Text.</p>")
    assert extract_metadata(page, URL).title == "Babies Who Eat Peanuts Early May Avoid Allergy"
    page = _page("<title>Peanuts early may spare babies an allergy | Health</title>",
                 "<h1>Babies who eat peanuts early may avoid allergy</h1><p>Text.</p>")
    assert extract_metadata(page, URL).title == "Babies who eat peanuts early may avoid allergy"


def test_a_site_that_declares_no_name_gets_the_one_its_title_writes() -> None:
    page = _page('<meta property="og:title" content="L’évaluation et les listes de revues">'
                 "<title>L’évaluation et les listes de revues - La Vie des idées</title>")
    meta = extract_metadata(page, "https://laviedesidees.fr/L-evaluation.html")
    assert (meta.title, meta.site_name) == ("L’évaluation et les listes de revues",
                                            "La Vie des idées")
    # a declared name wins, and a suffix that is not the host's name is no site name
    page = _page('<meta property="og:site_name" content="LVDI">'
                 "<title>L’évaluation et les listes de revues - La Vie des idées</title>")
    assert extract_metadata(page, "https://laviedesidees.fr/a").site_name == "LVDI"
    page = _page("<title>Tesla Model 3 - First Drive</title>")
    assert extract_metadata(page, URL).site_name is None


def test_a_blog_s_printed_date_by_the_headline_is_the_last_resort() -> None:
    """No date in the metadata, the URL or a ``<time>``: the date printed by the headline
    is found; the footer's copyright year and a year alone by the headline are not dates."""
    story = "<p>" + "The post itself, long enough to be a story. " * 20 + "</p>"
    page = _page(body=(
        '<div class="hero"><h1>Our week at the trade fair</h1>'
        "<p>Posted on 30 July 2018 by Jane Roe</p></div>"
        f"{story}<footer>© 2015 Example Blog</footer>"
    ))
    assert extract_metadata(page, "https://blog.example.com/trade-fair").published == (
        "2018-07-30T00:00:00+00:00"
    )
    page = _page(body=(
        '<div class="hero"><h1>Our week at the trade fair</h1><p>Since 2015</p></div>'
        f"{story}"
    ))
    assert extract_metadata(page, "https://blog.example.com/trade-fair").published is None


def test_a_lazy_loaded_picture_is_read_from_data_src() -> None:
    body = (
        "<article><h1>Flood barrier holds</h1>"
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/barrier.jpg">'
        '<img src="/img/blank.gif" data-lazy-src="/img/second.jpg"><p>Text.</p></article>'
    )
    meta = extract_metadata(_page(body=body), "https://news.example/a/b")
    assert meta.image == "https://news.example/img/barrier.jpg"


def test_a_date_in_a_list_of_other_posts_in_main_is_not_the_story_s() -> None:
    """A ``<main>`` that lists the author's other posts, each with its ``<time>``, beside the
    story (a Mediapart blog page): the first ``<time>`` there dates another post, so it comes
    after htmldate's guess, which reads the date printed by the headline."""
    story = "<p>The council met on Tuesday evening to discuss the budget for the year.</p>" * 3
    page = f"""<html><head><title>Flood barrier vote</title></head><body><main>
    <ul class="other-posts">
      <li><a href="/blog/other">Another post</a> <time datetime="2019-07-30">30 July</time></li>
      <li><a href="/blog/older">An older post</a> <time datetime="2019-05-02">2 May</time></li>
    </ul>
    <div class="story"><h1>Flood barrier vote delayed again</h1>
    <ul class="info"><li>27 June 2019</li></ul>{story}</div></main></body></html>"""
    meta = extract_metadata(document_fromstring(page), "https://blog.example/posts/flood-barrier")
    assert meta.published == "2019-06-27T00:00:00+00:00"


def test_an_h1_that_links_to_the_home_page_is_a_masthead_not_the_headline() -> None:
    """A blog whose every page carries ``<h1><a href="/">Hi, I'm Nicolas.</a></h1>`` and
    names the story only in ``<title>`` (Readability's test page 001)."""
    # the masthead shares a word with <title>, so it passed for a headline of the story
    head = "<title>Get your Frontend JavaScript Code Covered | Code | Nicolas Perriault</title>"
    for home in ("/", "https://blog.example/", "//blog.example", "https://blog.example"):
        body = f"<header><h1><a href='{home}'>Hi, I'm <b>Nicolas.</b></a></h1></header><p>x</p>"
        meta = extract_metadata(_page(head, body), "https://blog.example/code/coverage.html")
        assert meta.title is not None, home
        assert meta.title.startswith("Get your Frontend JavaScript Code Covered | Code"), home


def test_an_h1_that_links_to_the_story_or_holds_a_small_home_link_stays_the_headline() -> None:
    head = "<title>Blog</title>"
    url = "https://blog.example/code/coverage.html"
    for h1 in (
        "<a href='/code/coverage.html' rel='bookmark'>Get your code covered</a>",
        "<a href='?page=2'>Get your code covered</a>",
        "<a href='/?p=123'>Get your code covered</a>",  # a WordPress permalink
        "Get your frontend code covered, says the <a href='/'>blog</a>",
    ):
        meta = extract_metadata(_page(head, f"<h1>{h1}</h1><p>x</p>"), url)
        assert meta.title is not None and meta.title.startswith("Get your"), h1
