"""headline: the page's own story among several, named by its title."""

from __future__ import annotations

from lxml.html import HtmlElement

from workers.pipeline.extract import extract_article, parse_html
from workers.pipeline.headline import (
    another_headline,
    cut_at_another_headline,
    headline_region,
    own_headlines,
    page_titles,
)

OWN = [
    f"Paragraph {n} of the page's story: the harbour board voted on Monday to close the old "
    "ferry terminal and build a new one on the north side of the bay."
    for n in range(2)
]
NEXT = [
    f"Paragraph {n} of the next story: the council voted seven to two on Tuesday night to "
    "approve the new bridge, ending a fight that began two years ago over its cost and route."
    for n in range(8)
]
NEXT_STORY = (
    "<article class='k2'><h1>Council approves new bridge after two-year fight</h1>"
    "<div class='k3'>By Jane Roe</div>" + "".join(f"<p>{p}</p>" for p in NEXT) + "</article>"
)


def _page(next_story: str, inside: bool = False) -> str:
    own = "".join(f"<p>{p}</p>" for p in OWN)
    story = f"<div class='k1'>{own}</div>{next_story if inside else ''}"
    return (
        "<html><head><title>Harbour board closes ferry terminal | The Courier</title></head>"
        "<body>"
        f"<div class='k0'><article class='k9'><h1>Harbour board closes ferry terminal</h1>"
        f"{story}</article></div>{'' if inside else next_story}</body></html>"
    )


def _tree(html: str) -> HtmlElement:
    tree = parse_html(html)
    assert tree is not None
    return tree


def test_an_endless_page_s_next_story_is_not_the_page_s_story() -> None:
    """The page's own story is short; the next story, longer, comes after it in an
    <article> of its own: the full cascade took the next story whole."""
    for inside in (False, True):
        text = extract_article(_page(NEXT_STORY, inside).encode(), url="https://c.example/a").text
        for paragraph in OWN:
            assert paragraph in text, (inside, text[:300])
        assert "next story" not in text, (inside, text[-300:])


def test_the_story_is_read_from_its_headline_when_another_is_read_instead() -> None:
    tree = _tree(_page(NEXT_STORY))
    region = headline_region(
        own_headlines(tree, "Harbour board closes ferry terminal | The Courier")
    )
    assert region is not None and region.get("class") == "k9"
    next_body = tree.find(".//article[@class='k2']")
    own = own_headlines(tree, "Harbour board closes ferry terminal")
    assert another_headline(tree, next_body, own) is not None
    own_body = tree.find(".//div[@class='k1']")
    assert another_headline(tree, own_body, own) is None


def test_a_site_header_that_repeats_the_headline_is_the_page_s_own() -> None:
    """National Review shows the headline in its sticky header and over the story: both
    match the title, and the story under the second is the page's."""
    own = "".join(f"<p>{p}</p>" for p in OWN * 3)
    html = (
        "<html><head><title>The Impeachment Clock</title></head><body>"
        "<header><h1 class='site-header__title'>The Impeachment Clock</h1></header>"
        f"<article><h1>The Impeachment Clock</h1><div class='body'>{own}</div></article>"
        "</body></html>"
    )
    tree = _tree(html)
    body = tree.find(".//div[@class='body']")
    assert another_headline(tree, body, own_headlines(tree, "The Impeachment Clock")) is None
    text = extract_article(html.encode(), url="https://c.example/b").text
    assert OWN[0] in text


def test_section_headings_written_as_h1_cut_nothing() -> None:
    """A page builder writes each section heading as an <h1> in a widget of its own, and a
    blog's first <h1> may sit in a sidebar: no story of its own follows them."""
    headings = ["Where to stay in Montauk", "Lunch and dinner by the harbour", "The beaches"]
    sections = "".join(
        f"<div class='widget'><h1>{heading}</h1></div>"
        f"<div class='widget'><p>{NEXT[2 * n]}</p><p>{NEXT[2 * n + 1]}</p></div>"
        for n, heading in enumerate(headings)
    )
    html = (
        "<html><head><title>Where to stay in Montauk</title></head><body>"
        f"<main><article>{sections}</article></main></body></html>"
    )
    tree = _tree(html)
    lines = [(heading, NEXT[2 * n], NEXT[2 * n + 1]) for n, heading in enumerate(headings)]
    text = "\n".join(line for section in lines for line in section)
    own = own_headlines(tree, "Where to stay in Montauk")
    assert cut_at_another_headline(tree, text, own) == text
    assert extract_article(html.encode(), url="https://c.example/c").text.count("Paragraph") == 6
    # the same sections as the next stories of an endless page, each in its <article>
    stories = "".join(
        f"<article><h1>{heading}</h1><p>{NEXT[2 * n]}</p><p>{NEXT[2 * n + 1]}</p></article>"
        for n, heading in enumerate(headings)
    )
    tree = _tree(f"<html><body><main>{stories}</main></body></html>")
    own = own_headlines(tree, "Where to stay in Montauk")
    assert cut_at_another_headline(tree, text, own) == "\n".join(
        text.split("\n")[:3]
    )
    sidebar = (
        "<html><head><title>Summer on Long Island</title></head><body>"
        "<div class='sidebar'><h1>About this blog</h1><p>Short note.</p></div>"
        f"<article>{sections}</article></body></html>"
    )
    tree = _tree(sidebar)
    own = own_headlines(tree, "Summer on Long Island")
    assert another_headline(tree, tree.find(".//article"), own) is None
    assert headline_region(own) is None


def test_without_a_title_or_a_second_story_nothing_changes() -> None:
    tree = _tree(_page(""))
    assert headline_region(own_headlines(tree, None)) is None
    own_body = tree.find(".//div[@class='k1']")
    assert another_headline(tree, own_body, own_headlines(tree, None)) is None
    text = "\n".join(OWN)
    own = own_headlines(tree, "Harbour board closes ferry terminal")
    assert cut_at_another_headline(tree, text, own) == text


def test_each_of_the_page_s_titles_can_name_its_headline() -> None:
    """The BBC's og:title is a short headline of its own; its <title> repeats the <h1>."""
    html = (
        "<html><head><title>Harbour board closes ferry terminal - The Courier</title>"
        "<meta property='og:title' content='Ferry row seems to be over'>"
        "<meta name='twitter:title' content='Ferry row seems to be over'></head><body>"
        "<h1>Harbour board closes ferry terminal</h1><h1>Council approves new bridge</h1>"
        "</body></html>"
    )
    tree = _tree(html)
    titles = page_titles(tree)
    assert titles == [
        "Harbour board closes ferry terminal - The Courier",
        "Ferry row seems to be over",
    ]
    assert [h.text for h in own_headlines(tree, titles)] == ["Harbour board closes ferry terminal"]
    assert own_headlines(tree, titles[1:]) == []


def test_the_site_s_name_in_an_h1_is_not_the_page_s_headline() -> None:
    """An old WordPress theme writes the site's name as the <h1> and the headline as an
    <h2>: the <h1> matches the title's site part only."""
    html = (
        "<html><head><title>Harbour board closes ferry terminal | Kabar Dunia Courier</title>"
        "</head><body><div class='header'><h1>Kabar Dunia Courier</h1></div>"
        "<div class='post'><h2>Harbour board closes ferry terminal</h2>"
        f"{''.join(f'<p>{p}</p>' for p in OWN * 2)}</div>{NEXT_STORY}</body></html>"
    )
    tree = _tree(html)
    own = own_headlines(tree, page_titles(tree))
    assert [h.tag for h in own] == ["h2"]
    assert another_headline(tree, tree.find(".//article"), own) is not None
    assert another_headline(tree, tree.find(".//div[@class='post']"), own) is None


def test_an_endless_page_s_next_story_is_left_out_whatever_the_page_s_markup() -> None:
    """The next story comes after the page's own in an <article>; the page's own story is
    text in <div> elements beside a headline block of its own (no region around its
    headline), or an <h2> under the site's name, or its story is one <p> and many <div>
    (CNN's), which trafilatura's full cascade passes over for the next story: each is read
    from the page without the next story."""
    divs = "".join(f"<div class='para'>{p}</div>" for p in OWN * 2)
    opening = f"<p class='para'>{OWN[0]} {OWN[0]}</p>"  # over trafilatura's 250 characters
    pages = {
        "divs": (
            "<html><head><title>Harbour board closes ferry terminal</title></head><body>"
            "<div class='head'><h1>Harbour board closes ferry terminal</h1></div>"
            f"<div class='story'>{divs}</div>{NEXT_STORY}</body></html>"
        ),
        "h2": (
            "<html><head><title>Harbour board closes ferry terminal | Kabar Dunia Courier"
            "</title></head><body><div class='header'><h1>Kabar Dunia Courier</h1></div>"
            "<div class='post'><h2>Harbour board closes ferry terminal</h2>"
            f"<div class='entry'>{''.join(f'<p>{p}</p>' for p in OWN)}</div></div>"
            f"{NEXT_STORY}</body></html>"
        ),
        "cascade": (
            "<html><head><title>Harbour board closes ferry terminal - The Courier</title>"
            "<meta property='og:title' content='Ferry row seems to be over'></head><body>"
            "<div class='pg'><article class='pg-rail'><div class='l-container'>"
            "<h1 class='pg-headline'>Harbour board closes ferry terminal</h1></div>"
            f"<section><div class='l-container'>{opening}{divs}</div></section>"
            f"</article></div>{NEXT_STORY}</body></html>"
        ),
    }
    for name, html in pages.items():
        text = extract_article(html.encode(), url="https://c.example/d").text
        assert OWN[0] in text and OWN[1] in text, (name, text[:300])
        assert "next story" not in text, (name, text[-300:])


def test_a_next_story_read_without_its_headline_is_cut_at_its_first_paragraph() -> None:
    tree = _tree(_page(NEXT_STORY))
    own = own_headlines(tree, "Harbour board closes ferry terminal")
    story = OWN * 3  # 60 words and more before the next story
    text = "\n".join(story + NEXT[:3])
    assert cut_at_another_headline(tree, text, own) == "\n".join(story)
    # with too few words before it, the line is no next story's start
    assert cut_at_another_headline(tree, "\n".join(NEXT[:3]), own) == "\n".join(NEXT[:3])


def test_an_icon_s_title_is_no_title_of_the_page() -> None:
    html = (
        "<html><head><title>Harbour board closes ferry terminal</title></head><body>"
        "<svg><title>Menu</title></svg><h1>Harbour board closes ferry terminal</h1></body></html>"
    )
    assert page_titles(_tree(html)) == ["Harbour board closes ferry terminal"]


LATER = [
    f"Paragraph {n} of the page's story, after the box: the board said the new terminal "
    "would open in two years, and that ferries would run from the old one until then."
    for n in range(3)
]


def _split_page(inside_article: bool) -> str:
    """The page's story in two blocks with the next story's <article> between them (a
    template that shows another story in the middle of the page's)."""
    first = "".join(f"<p>{p}</p>" for p in OWN * 2)
    later = "".join(f"<p>{p}</p>" for p in LATER)
    tag = "article" if inside_article else "div"
    return (
        "<html><head><title>Harbour board closes ferry terminal | The Courier</title></head>"
        f"<body><div class='nav'><a href='/'>Home</a></div><main><{tag} class='k9'>"
        "<h1>Harbour board closes ferry terminal</h1>"
        f"<div class='k1'>{first}</div>{NEXT_STORY}<div class='k1'>{later}</div>"
        f"</{tag}></main><div class='foot'><p>Contact the newsroom.</p></div></body></html>"
    )


def test_a_story_that_goes_on_after_another_story_keeps_its_rest() -> None:
    """The other story's lines go and the page's story after them stays, inside the
    page's <article> or, without one, inside the element around both stories."""
    for inside_article in (True, False):
        tree = _tree(_split_page(inside_article))
        own = own_headlines(tree, page_titles(tree))
        text = "\n".join([*OWN * 2, *NEXT[:3], *LATER])
        assert cut_at_another_headline(tree, text, own) == "\n".join([*OWN * 2, *LATER])
        # a footer after the next story is no rest of the page's story
        ended = "\n".join([*OWN * 2, *NEXT[:3], "Contact the newsroom."])
        assert cut_at_another_headline(tree, ended, own) == "\n".join(OWN * 2)
        text = extract_article(_split_page(inside_article).encode(), url="https://c.example/f").text
        for paragraph in [*OWN, *LATER]:
            assert paragraph in text, (inside_article, text[:300])
        assert "next story" not in text, (inside_article, text[-300:])


def test_a_short_other_story_goes_alone_not_with_the_story_beside_it() -> None:
    """A short story in an <article> of its own beside the page's (fewer than 60 words of
    paragraphs): trafilatura reads the first <article>, and only that <article> goes."""
    own = "".join(f"<p>{p}</p>" for p in OWN * 2)
    html = (
        "<html><head><title>Harbour board closes ferry terminal | The Courier</title></head>"
        "<body><header><h1>Harbour board closes ferry terminal</h1></header><div class='k7'>"
        "<article class='k2'><h1>Council approves new bridge after two-year fight</h1>"
        f"<p>{NEXT[0]}</p></article><div class='k1'>{own}</div></div></body></html>"
    )
    text = extract_article(html.encode(), url="https://c.example/g").text
    for paragraph in OWN:
        assert paragraph in text, text[:300]
    assert "next story" not in text, text[-300:]


def test_a_title_s_site_part_names_no_headline_even_when_longer() -> None:
    """"OUTDOOR LOVERS | iloveponysmag.com": the site's domain is the longer part, and its
    <h1> in the page's header is no headline of the page's; the story's <h1> is."""
    html = (
        "<html><head><title>OUTDOOR LOVERS | iloveponysmag.com</title></head><body>"
        "<header><h1>iloveponysmag.com</h1></header><main><article><header>"
        "<h1>OUTDOOR LOVERS</h1></header><div>"
        + "".join(f"<h1>Subheading number {n} of the post</h1><p>{p}</p>" for n, p in
                  enumerate(OWN * 2))
        + "</div></article></main></body></html>"
    )
    tree = _tree(html)
    assert [h.text for h in own_headlines(tree, page_titles(tree))] == ["OUTDOOR LOVERS"]
    text = extract_article(html.encode(), url="https://c.example/h").text
    assert OWN[0] in text and OWN[1] in text, text[:300]
    tree = _tree("<html><head><title>Jangan Membenci Satu Kaum | Kabar Dunia Islam</title>"
                 "</head><body><h1>Kabar Dunia Islam</h1><h1>Lain</h1></body></html>")
    assert own_headlines(tree, page_titles(tree)) == []


def test_a_line_that_only_opens_with_the_other_story_is_cut_once() -> None:
    """The next story's first paragraph read joined to more text (a line that only opens
    with it): the line goes, and the cut ends (each pass of the cut removes a line)."""
    tree = _tree(_split_page(True))
    own = own_headlines(tree, page_titles(tree))
    joined = f"{NEXT[0]} And a sentence that no paragraph of the page holds."
    text = "\n".join([*OWN * 2, joined, *LATER])
    assert cut_at_another_headline(tree, text, own) == "\n".join([*OWN * 2, *LATER])


JA_OWN = [
    "港湾局は月曜日、古いフェリーターミナルを閉鎖し、湾の北側に新しいターミナルを建設することを"
    "決めた。工事は来年の春に始まり、三年後に完成する予定だという。",
    "地元の住民からは、通勤の時間が長くなるとの声が上がっている。港湾局の担当者は、新しい"
    "ターミナルまでの無料バスを運行すると説明した。",
]


def _cjk_page(headline: str, title: str, after: str = NEXT_STORY) -> str:
    own = "".join(f"<p>{p}</p>" for p in JA_OWN)
    return (
        f"<html><head><title>{title}</title></head><body>"
        f"<div class='k0'><article class='k9'><h1>{headline}</h1><div class='k1'>{own}</div>"
        f"</article>{after}</div></body></html>"
    )


def test_a_chinese_or_japanese_headline_is_matched_by_its_characters() -> None:
    """Chinese and Japanese put no spaces between words: a headline is one or two runs of
    word characters, the author's name in the <h1> two short ones (that half of the runs are
    not in the title is no mismatch), and the story before the next one holds few runs."""
    cases = (
        # the <h1> holds the headline and the author's name
        ("港湾局がフェリー乗り場を閉鎖　北側に新設へ\n\t編集委員　中沢克二",
         "港湾局がフェリー乗り場を閉鎖　北側に新設へ　：日本経済新聞"),
        # one run of characters
        ("港务局关闭旧渡轮码头", "港务局关闭旧渡轮码头 - BBC中文网 - 两岸三地"),
    )  # fmt: skip
    for headline, title in cases:
        page = _cjk_page(headline, title)
        own = own_headlines(_tree(page), page_titles(_tree(page)))
        assert [h.text_content() for h in own] == [headline]
        text = extract_article(page.encode(), url="https://c.example/ja").text
        for paragraph in JA_OWN:
            assert paragraph in text, (title, text[:300])
        assert "next story" not in text, (title, text[-300:])


def test_a_japanese_headline_of_other_words_is_not_the_page_s() -> None:
    """Counting a run by its characters does not make a headline of other words match (the
    page has no second story, whose <h1> would make its first the page's)."""
    title = "港湾局がフェリー乗り場を閉鎖　北側に新設へ"
    page = _cjk_page("市議会が新しい橋の建設を承認　港湾局", title, after="")
    assert own_headlines(_tree(page), page_titles(_tree(page))) == []
    # one of the title's two runs is enough when it is most of the headline
    page = _cjk_page("港湾局がフェリー乗り場を閉鎖", title, after="")
    assert len(own_headlines(_tree(page), page_titles(_tree(page)))) == 1



def test_a_next_story_read_instead_of_a_story_in_divs_goes() -> None:
    """The page's story is short text in <div> elements, which precision mode does not
    read (a block named for the story's body holds only its source line); the next story,
    in an <article> with its own <h1> between the page's headline and its story, has more
    words in its paragraphs, and was read after the page's headline. The next story is
    taken out and the page read again (Al Jazeera's template under the bench's
    ``--div-story --next-story``)."""
    lines = [
        "Two ferry workers were hurt when a gangway gave way at the old terminal on Monday.",
        "The board did not say when the terminal would close for good.",
        "The harbour master has ruled out any fault in the new gangway.",
        "Roughly 4,000 people cross the bay by ferry on a working day, the board says.",
        "More than 300 of them drive onto the ferry, according to the board's own counts.",
    ]
    spans = "".join(f"<div><span>{line}</span></div>" for line in lines[1:])
    story = f"<div>{lines[0]}</div>{spans}"
    html = (
        "<html><head><title>Harbour board closes ferry terminal | The Courier</title></head>"
        "<body><form><div><section><div><div><h1>Harbour board closes ferry terminal</h1></div>"
        f"{'<article><h1>Council approves new bridge after two-year fight</h1>'}"
        f"{''.join(f'<p>{p}</p>' for p in NEXT[:3])}</article></div>"
        f"<div><article><div><div>{story}</div><div class='article-body-source'><p>SOURCE: "
        "<span>News agencies</span></p></div></div></article></div></section></div></form>"
        "</body></html>"
    )
    text = extract_article(html.encode(), url="https://c.example/d").text
    assert "next story" not in text, text
    for line in lines:
        assert line in text, text



def test_a_next_story_in_a_box_of_the_story_s_container_leaves_the_story_alone() -> None:
    """The page's story, text in <div> elements, was read whole from its container; a box
    inside the container after the story holds the next story, whose <h1> is then the
    container's first. The text read holds nothing of that story: it is the page's, and
    stays (it was read again from around the page's headline, whose region, a list of
    related links, gave only the date: National Review's template under the bench's
    ``--div-story --next-story``)."""
    lines = [
        f"Line {n} of the page's story, written in a div of its own: the harbour board voted "
        "on Monday to close the old ferry terminal and to build a new one north of the bay."
        for n in range(12)
    ]
    headlines = [
        "The Testimony's Revelations about the Harbour Board and Its Contracts",
        "Two Ferry Workers Arrested over the Loss of a Gangway",
        "Councillor Disparages the Harbour Master before His Testimony on the Terminal",
        "Mayor Threatens to Call the Board before the Council If It Refuses to Answer",
        "Engineer to Testify He Was Unaware of Any Effort to Delay the New Bridge",
    ]
    related = "".join(f"<div><div><p><a>{headline}</a></p></div></div>" for headline in headlines)
    box = (
        "<div><div><div><div><p>If you enjoyed this article, join our members: they read "
        f"everything without a paywall and support our reporting.</p></div>{NEXT_STORY}"
        "</div></div></div>"
    )
    html = (
        "<html><head><title>Harbour board closes ferry terminal | The Courier</title></head>"
        "<body><div><div><header><div><h1>Harbour board closes ferry terminal</h1></div>"
        "</header><div><span>Nov. 20, 2019</span></div>"
        f"<section><div><div>{related}</div></div></section></div>"
        "<div><div><main><article><div><div><div>"
        + "".join(f"<div>{line}</div>" for line in lines)
        + f"{box}</div></div></div></article></main></div></div></div></body></html>"
    )
    text = extract_article(html.encode(), url="https://c.example/e").text
    assert "next story" not in text, text[:300]
    for line in lines:
        assert line in text, text[:300]



def _under_site_name(site_h1: str, title: str) -> str:
    """A page whose story sits under the site's name (or a one-word headline) in an
    ``<h1>``, whose titles name no ``<h1>``, with an endless page's next story after it."""
    own = "".join(f"<p>{p}</p>" for p in OWN * 2)
    return (
        f"<html><head><title>{title}</title></head><body>"
        f"<div class='top'><h1>{site_h1}</h1></div><div class='entry'>{own}</div>"
        f"{NEXT_STORY}</body></html>"
    )


def test_the_story_under_the_site_s_name_is_the_page_s_before_the_next_story() -> None:
    """Simon Willison's quote pages: the <h1> is the site's name, the title names no
    heading, and the next story's <article> follows the quote: the <h1> over the words
    before that <article> is the page's, and the next story is left out."""
    html = _under_site_name("Simon Willison’s Weblog", "A quote from the harbour board")
    tree = _tree(html)
    own = own_headlines(tree, page_titles(tree))
    assert [h.text for h in own] == ["Simon Willison’s Weblog"]
    assert another_headline(tree, tree.find(".//article"), own) is not None
    assert another_headline(tree, tree.find(".//div[@class='entry']"), own) is None
    text = extract_article(html.encode(), url="https://c.example/q").text
    assert all(p in text for p in OWN) and "next story" not in text, text


def test_an_article_after_a_site_s_name_and_no_story_is_the_page_s_own() -> None:
    """Without a story's words between the site's <h1> and the <article>, the <article>'s
    <h1> heads the page's own story, whatever the title says: nothing is cut."""
    html = (
        "<html><head><title>Morning briefing</title></head><body><div class='top'>"
        "<h1>The Courier Online</h1><p>News from the bay.</p></div>"
        f"{NEXT_STORY}</body></html>"
    )
    tree = _tree(html)
    assert own_headlines(tree, page_titles(tree)) == []
    text = extract_article(html.encode(), url="https://c.example/r").text
    assert all(p in text for p in NEXT), text


def test_a_one_word_headline_matches_a_title_of_that_word() -> None:
    """"Mandelplätzchen | kulinaria@home": the <h1> is the title's headline part, whole; a
    one-word section heading that is not ("Rezepte") is no headline."""
    html = _under_site_name("Rezepte", "Mandelplätzchen | kulinaria@home").replace(
        "<div class='entry'>", "<div class='entry'><h1>Mandelplätzchen</h1>"
    )
    tree = _tree(html)
    assert [h.text for h in own_headlines(tree, page_titles(tree))] == ["Mandelplätzchen"]
    text = extract_article(html.encode(), url="https://c.example/m").text
    assert all(p in text for p in OWN) and "next story" not in text, text


def test_a_title_of_the_site_s_name_alone_cuts_no_story_under_its_own_h1() -> None:
    """A title that is the site's name alone ("The Courier") matches the site's <h1> ("The
    Courier Online"); the story under the <article>'s own <h1> after it is the page's, not
    an endless page's next story: no story's words lie under the site's name (a cookie
    notice's are no story's, nor is a page's only story when it sits in the <article>)."""
    story = "".join(f"<p>{p}</p>" for p in NEXT)
    notices = (
        "",
        "<p>We use cookies and similar technologies to improve your experience, analyse "
        "traffic and personalise ads; by continuing you agree to our policy.</p>"
        "<p>By clicking Accept, you agree to the storing of cookies on your device to enhance "
        "site navigation, analyze site usage, and assist in our marketing efforts.</p>",
    )
    for title, notice in (("The Courier", ""), ("The Courier", notices[1]),
                          ("Morning briefing", notices[1])):  # fmt: skip
        html = (
            f"<html><head><title>{title}</title></head><body><header>"
            f"<h1>The Courier Online</h1></header><div class='notice'>{notice}</div>"
            "<article><h1>Council approves new bridge after two-year fight</h1>"
            f"<p>By Jane Roe</p>{story}</article></body></html>"
        )
        tree = _tree(html)
        assert own_headlines(tree, page_titles(tree)) == [], (title, notice[:20])
        text = extract_article(html.encode(), url="https://c.example/s").text
        assert all(p in text for p in NEXT), (title, notice[:20], text[:200])


def test_a_next_story_s_h1_that_is_the_page_s_only_one_is_not_the_page_s_story() -> None:
    """A Medium story or a HEY World post writes its headline as an <h2>: the next story's
    <h1> is then the page's only one, and its <article>, after the story or inside its
    container, is the first trafilatura finds. The <h2> that matches the title is the
    page's headline all the same."""
    for inside in (False, True):
        story = "".join(f"<p>{p}</p>" for p in OWN) + (NEXT_STORY if inside else "")
        html = (
            "<html><head><title>Harbour board closes ferry terminal – Backchannel – Medium"
            "</title></head><body><div class='post'><h2>Harbour board closes ferry terminal</h2>"
            f"<div class='body'>{story}</div></div>{'' if inside else NEXT_STORY}</body></html>"
        )
        text = extract_article(html.encode(), url="https://c.example/m").text
        assert OWN[0] in text and OWN[1] in text, (inside, text[:300])
        assert "next story" not in text, (inside, text[-300:])


def test_a_medium_story_s_h3_headline_is_the_page_s_before_the_next_story() -> None:
    """Medium writes a story's headline as an <h3>: with no <h1> or <h2> that matches the
    title, the next story's <h1> in its <article> after the story, longer, was read with it.
    The <h3> that matches the title is the page's own headline there; elsewhere an <h3> is
    as often a section's heading, and names no story."""
    story = "".join(f"<p>{p}</p>" for p in OWN * 2)
    html = (
        "<html><head><title>Harbour board closes ferry terminal — Medium</title></head><body>"
        "<div class='k1'><section><div class='k2'><h3>Harbour board closes ferry terminal</h3>"
        f"{story}</div>{NEXT_STORY}</section></div></body></html>"
    )
    tree = _tree(html)
    own = own_headlines(tree, page_titles(tree))
    assert [h.tag for h in own] == ["h3"]
    text = extract_article(html.encode(), url="https://medium.example/s").text
    assert OWN[0] in text and OWN[1] in text, text[:300]
    assert "next story" not in text, text[-300:]
    # without another story after it, an <h3> that matches the title names no headline
    alone = _tree(html.replace(NEXT_STORY, ""))
    assert own_headlines(alone, page_titles(alone)) == []
