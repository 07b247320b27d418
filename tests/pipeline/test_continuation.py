"""A story split into containers of one kind, or into a container and a block of its rest:
its later parts are found and read, and the siblings that are not the story (related lists,
author boxes, the next story, a subscription pitch, the footer) are not."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.html import HtmlElement, document_fromstring

from workers.pipeline.continuation import (
    continuations,
    linked_ends,
    opening,
    standfirst,
    story_parts,
)
from workers.pipeline.extract import extract_article

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "story-split-by-ads.html"
URL = "https://riversidecourier.example/news/valley-fire-service"

FIRST = [
    "The harbour board voted on Monday to close the old ferry terminal, which has stood on "
    "the south quay since 1931, and to build a new one on the north side of the bay.",
    "Engineers told the board that the terminal's piles had rotted below the waterline and "
    "that repairing them would cost almost as much as starting again on the north quay.",
]
SECOND = [
    "The new terminal will have a covered waiting room, a ticket office and a ramp for cars, "
    "and the board hopes to open it before the summer timetable starts in two years.",
    "Ferry passengers will use a temporary pontoon on the north quay while the work goes on, "
    "the board said, and the crossing times will not change during the building work.",
]


def _page(after: str) -> HtmlElement:
    first = "".join(f"<p>{p}</p>" for p in FIRST)
    return document_fromstring(
        f'<html><body><div class="wrap"><div class="story-body">{first}</div>{after}'
        "</div></body></html>"
    )


def _part(paragraphs: list[str], cls: str = "story-body") -> str:
    return f'<div class="{cls}">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"


AD = '<div class="ad"><span>Advertisement</span><iframe src="https://ads.example/1"></iframe></div>'
KEPT = "\n".join(FIRST)


def test_the_parts_after_an_ad_are_found_in_page_order() -> None:
    tree = _page(AD + _part(SECOND[:1]) + AD + _part(SECOND[1:] + SECOND[:1]))
    parts = continuations(tree, KEPT)
    assert [part.text_content()[:20] for part in parts] == [SECOND[0][:20], SECOND[1][:20]]


def test_a_part_of_one_paragraph_is_not_the_story() -> None:
    # an author box or a one-line note is a sibling of the same class on many sites
    bio = ["Dana Whitfield covers the valley towns and county government for the Courier."]
    assert continuations(_page(AD + _part(bio)), KEPT) == []


def test_a_last_block_of_one_paragraph_in_the_story_s_words_is_its_last_paragraph() -> None:
    # a template that puts the story's last paragraph in a block of its own, of the kind or
    # of another: it names what the story named, which an author box or a call to join
    # the site's forums does not
    last = [
        "The harbour board will vote again on the north quay terminal in June, once the "
        "engineers have surveyed the rotted piles under the old ferry terminal."
    ]
    for cls in ("story-body", "story-end"):
        parts = continuations(_page(AD + _part(last, cls)), KEPT)
        assert [part.text_content()[:20] for part in parts] == [last[0][:20]]
    forums = [
        "Join our Space Forums to keep talking space on the latest missions, night sky and "
        "more! And if you have a news tip, correction or comment, let us know."
    ]
    for cls in ("story-body", "story-end"):
        assert continuations(_page(AD + _part(forums, cls)), KEPT) == []


def test_a_last_paragraph_beside_a_related_box_is_read_without_the_box() -> None:
    """SlashGear's last paragraph under the bench's ``--story-rest``, in a block with its
    "Story Timeline" list, which trafilatura deletes by name: the list's headlines name
    nothing of the story, and read with them the paragraph did not echo it."""
    last = "The harbour board will publish the new terminal's design in March."
    related = (
        '<div class="related-posts"><h2>More from the Courier</h2><ul>'
        '<li><a href="/a">Library opens on Sundays from next month</a></li>'
        '<li><a href="/b">Bridge repairs close the river crossing for six weeks</a></li>'
        '<li><a href="/c">Valley orchards expect their earliest cherry harvest</a></li></ul>'
        "</div>"
    )
    block = f'<div class="story-end"><p>{last}</p>{related}</div>'
    parts = continuations(_page(AD + block), KEPT)
    assert [part.get("class") for part in parts] == ["story-end"]
    # an author box beside the same list echoes the story neither way
    bio = "Dana Whitfield covers valley towns and county government for the Courier."
    box = f'<div class="story-end"><p>{bio}</p>{related}</div>'
    assert continuations(_page(AD + box), KEPT) == []


def test_a_related_list_of_the_same_class_is_not_the_story() -> None:
    links = "".join(
        f'<p><a href="/news/{n}">Another story about the harbour and its ferries, number {n}, '
        "which the desk wants you to read next</a></p>"
        for n in range(3)
    )
    assert continuations(_page(AD + f'<div class="story-body">{links}</div>'), KEPT) == []


def test_lines_of_one_link_each_neither_make_a_part_nor_unmake_one() -> None:
    # a deals page ends its last part with lines that are one link each ("Subscribe to our
    # channel", the latest video reviews): trafilatura drops them, so they count neither as
    # the part's paragraphs nor toward its share of link text (here over 30 % of its words)
    links = "".join(
        f'<p><a href="/video/{n}">Watch our review of the harbour ferry number {n} and '
        "every one of its new cabins on our channel</a></p>"
        for n in range(3)
    )
    rest = f'<div class="story-body"><p>{SECOND[0]}</p><p>{SECOND[1]}</p>{links}</div>'
    parts = continuations(_page(AD + rest), KEPT)
    assert [part.text_content()[:20] for part in parts] == [SECOND[0][:20]]
    # one paragraph and the link lines are a last part of one paragraph: an author box
    one = f'<div class="story-body"><p>{SECOND[0]}</p>{links}</div>'
    assert continuations(_page(AD + one), KEPT) == []


def test_a_last_part_that_ends_with_a_related_box_is_still_the_story() -> None:
    """TMZ ends a story's last block with its "See also" box: the box's links are most of
    the block's words, but trafilatura deletes the box by its name when it reads the part,
    so they say nothing of whether the part is story text."""
    related = (
        '<div class="related clearfix"><h3>See also</h3><ul>'
        + "".join(
            f'<li><a href="/news/{n}">Another story about the harbour and its ferries, number '
            f"{n}, which the desk wants you to read next</a></li>"
            for n in range(3)
        )
        + "</ul></div>"
    )
    last = _part(SECOND).replace("</div>", f"{related}</div>")
    parts = continuations(_page(AD + last), KEPT)
    assert [part.text_content()[:20] for part in parts] == [SECOND[0][:20]]
    # a box without such a name counts as it did: a list of links is no story's rest
    plain = _part(SECOND).replace("</div>", related.replace("related clearfix", "k1") + "</div>")
    assert continuations(_page(AD + plain), KEPT) == []
    # in a block of another kind, the box that holds most of its words does not name the
    # block chrome either: read alone, the block is its two paragraphs
    items = related[related.index("<li>") : related.index("</ul>")]
    longer = related.replace("</ul>", f"{items}</ul>")  # six items: most of the block's words
    rest = _part(SECOND, cls="k7").replace("</div>", f"{longer}</div>")
    assert [part.get("class") for part in continuations(_page(AD + rest), KEPT)] == ["k7"]


def test_the_parts_of_a_story_in_chinese_count_their_characters_as_words() -> None:
    """Chinese writes no spaces: a paragraph is a few runs of \\w between its commas, and it
    counts by its characters, as the cleaning counts it."""
    first = ["港务局周一投票决定，关闭南码头上的旧渡轮码头，并在海湾北侧建造一个新的码头。"] * 2
    second = [
        "新码头将设有带顶棚的候船室、售票处和汽车坡道，港务局希望在两年后夏季开放。",
        "施工期间，渡轮乘客将使用北码头的临时浮桥，港务局表示，航班时间不会改变。",
    ]
    tree = document_fromstring(
        '<html><body><div class="wrap"><div class="story-body">'
        + "".join(f"<p>{p}</p>" for p in first)
        + f"</div>{AD}{_part(second)}</div></body></html>"
    )
    parts = continuations(tree, "\n".join(first))
    assert [part.text_content()[:10] for part in parts] == [second[0][:10]]


def test_the_next_story_of_an_endless_page_is_not_the_story() -> None:
    headline = "<h1>Another story</h1>"
    assert continuations(_page(AD + _part(SECOND).replace(">", ">" + headline, 1)), KEPT) == []
    # nor a block that opens with a heading before any paragraph (a list's, another story's)
    section = _part(SECOND).replace(">", "><h2>Elsewhere in the bay</h2>", 1)
    assert continuations(_page(AD + section), KEPT) == []


def test_a_block_with_words_of_its_own_between_ends_the_story() -> None:
    between = "<div class='box'>" + " ".join(["word"] * 60) + "</div>"
    assert continuations(_page(between + _part(SECOND)), KEPT) == []


def test_a_block_of_another_kind_with_two_paragraphs_is_the_rest_of_the_story() -> None:
    # "article-body" then "article-body-rest": a template that puts the rest in a block of
    # its own, after an ad; a container without a class is continued so too
    parts = continuations(_page(AD + _part(SECOND, cls="story-rest")), KEPT)
    assert [part.get("class") for part in parts] == ["story-rest"]
    tree = _page(AD + _part(SECOND, cls="story-rest"))
    tree.find_class("story-body")[0].attrib.pop("class")
    assert len(continuations(tree, KEPT)) == 1
    # a block without names says nothing of what it is (a cookie dialog's settings)
    for element in tree.iter("div"):
        element.attrib.pop("class", None)
    assert continuations(tree, KEPT) == []
    # an ad or a share row inside the block does not make it chrome: the story is most of it
    inline = _part(SECOND, cls="story-rest").replace("</p>", '</p><div class="ad-slot"></div>', 1)
    assert len(continuations(_page(AD + inline), KEPT)) == 1


def test_a_rest_of_the_story_ending_in_a_linked_teaser_card_is_still_the_story() -> None:
    # the card is linked whole, its summary in a box trafilatura deletes by its names: those
    # words count neither as the part's text nor as its links (Süddeutsche's)
    card = (
        '<figure class="teaserable"><a href="/other"><div class="sz-teaser__overline">'
        "<p>New rail plan</p></div><h3>Trains every half hour</h3>"
        '<p class="sz-teaser__summary">The railway wants to run its first long-distance '
        "services every half hour from 2021 on, between the largest cities of the country "
        "first, and the smaller ones later.</p></a></figure>"
    )
    rest = _part(SECOND, cls="story-rest").replace("</div>", f"{card}</div>")
    parts = continuations(_page(AD + rest), KEPT)
    assert [part.get("class") for part in parts] == ["story-rest"]


@pytest.mark.parametrize(
    "names",
    [
        'class="comments"',
        'class="well cta-abonnement clearfix"',  # a subscription pitch
        'class="article__report"',  # "found a mistake? select it and press Ctrl+Enter"
        'class="clearfix" id="footer"',
        'class="authorBio"',
        'class="cli-modal" id="cliSettingsPopup"',  # a cookie dialog's settings
        'id="mission-statement"',  # an organisation's, below each of gnu.org's pages
    ],
)
def test_a_block_of_another_kind_named_for_chrome_is_not_the_story(names: str) -> None:
    block = f"<div {names}>" + "".join(f"<p>{p}</p>" for p in SECOND) + "</div>"
    assert continuations(_page(AD + block), KEPT) == []
    # nor when the names are on a box inside it that holds most of its words
    assert continuations(_page(AD + f'<div class="row">{block}</div>'), KEPT) == []


def test_a_block_of_another_kind_with_one_paragraph_or_a_list_is_not_the_story() -> None:
    note = _part(SECOND[:1], cls="story-note")
    assert continuations(_page(AD + note), KEPT) == []
    items = "".join(f"<li>{p}</li>" for p in SECOND)
    assert continuations(_page(AD + f'<div class="story-list"><ul>{items}</ul></div>'), KEPT) == []
    # a part must be a block: two paragraphs in an <aside> are a box beside the story
    aside = "<aside>" + "".join(f"<p>{p}</p>" for p in SECOND) + "</aside>"
    assert continuations(_page(AD + aside), KEPT) == []


def test_a_part_already_kept_is_not_read_twice() -> None:
    tree = _page(AD + _part(SECOND))
    assert continuations(tree, KEPT + "\n" + "\n".join(SECOND)) == []


def test_a_part_that_opens_as_the_kept_part_did_is_still_found() -> None:
    """A meal plan's next part opens with the same line as the one kept: the kept text
    holds that start once, as the container does, so the part was not read yet; kept
    twice, it was."""
    menu = [
        "Slow cooker beef chili with a spoon of cilantro and ten olives, eaten at six.",
        "A cup of tea before bed and a short walk around the block after dinner, then sleep.",
    ]
    tree = document_fromstring(
        f'<html><body><div class="wrap">{_part(FIRST + menu)}{AD}{_part(menu + SECOND)}'
        "</div></body></html>"
    )
    kept = KEPT + "\n" + "\n".join(menu)
    assert [part.text_content()[:20] for part in continuations(tree, kept)] == [menu[0][:20]]
    assert continuations(tree, kept + "\n" + "\n".join(menu + SECOND)) == []


def test_the_whole_split_story_is_extracted_and_the_related_list_and_bio_stay_out() -> None:
    text = extract_article(PAGE.read_bytes(), url=URL).text
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith("ASHFORD — Three valley towns voted")
    assert paragraphs[-1].startswith("The merged service will answer its first calls")
    assert len(paragraphs) == 11
    assert "Advertisement" not in text
    assert "More from the Courier" not in text and "Bridge repairs" not in text
    assert "Dana Whitfield covers" not in text


def test_trafilatura_alone_loses_the_parts_after_the_first() -> None:
    # if trafilatura kept them, the test above would prove nothing
    import trafilatura

    for precise in (True, False):
        text = trafilatura.extract(PAGE.read_bytes(), favor_precision=precise) or ""
        assert "ASHFORD" in text
        assert "Supporters said the merger" not in text
        assert "The merged service will answer" not in text


def test_a_block_for_each_paragraph_is_read_whole_but_a_last_one_paragraph_box_is_not() -> None:
    # a template that gives each paragraph a block of its own, with ads between some
    one_each = AD + _part(SECOND[:1]) + _part(SECOND[1:]) + AD + _part(SECOND[:1])
    assert len(continuations(_page(one_each), KEPT)) == 3
    # after a part of two paragraphs, a last block of one is an author box
    bio = ["Dana Whitfield covers the valley towns and county government for the Courier."]
    parts = continuations(_page(AD + _part(SECOND) + _part(bio)), KEPT)
    assert [part.text_content()[:20] for part in parts] == [SECOND[0][:20]]


def test_a_part_inside_a_wrapper_with_the_ad_is_found_but_not_one_beside_other_text() -> None:
    wrapped = f'<div class="inline-group">{AD}{_part(SECOND)}</div>'
    parts = continuations(_page(wrapped), KEPT)
    assert [part.get("class") for part in parts] == ["story-body"]
    # beside a teaser of another story, the wrapper is neither a part nor the story's rest
    teaser = f'<p><a href="/other">{" ".join(["other"] * 60)}</a></p>'
    crowded = f'<div class="inline-group">{teaser}{_part(SECOND)}</div>'
    assert continuations(_page(crowded), KEPT) == []


def test_a_short_split_story_is_continued_without_the_full_cascade(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the first part alone is short, which sends a page to trafilatura's full cascade; the
    # cascade may take a longer related list elsewhere for the story (a deals page did), so
    # when later parts of the story follow its container, they are read and it is not asked
    import workers.pipeline.extract as extract

    real = extract._trafilatura
    modes: list[bool] = []

    def spy(tree, url, *, fast, precise=True):  # type: ignore[no-untyped-def]
        modes.append(fast)
        return real(tree, url, fast=fast, precise=precise)

    monkeypatch.setattr(extract, "_trafilatura", spy)
    page = f'<div class="story-body">{"".join(f"<p>{p}</p>" for p in FIRST)}</div>{AD}'
    html = f"<html><body><div class='main'>{page}{_part(SECOND)}</div></body></html>"
    article = extract.extract_article(html.encode(), url="https://x.example/a")
    assert article.text.split("\n\n") == FIRST + SECOND
    assert False not in modes  # no full-cascade reading
    # without the later part, the short story does go to the cascade
    modes.clear()
    extract.extract_article(f"<html><body><div class='main'>{page}</div></body></html>".encode())
    assert False in modes


def test_the_rest_of_a_story_in_a_block_of_its_own_is_extracted_but_the_pitch_after_is_not() -> (
    None
):
    third = (
        "The harbour master said the old terminal would stay open for freight until the new "
        "one is finished, and that the board would sell the south quay site afterwards."
    )
    pitch = [
        "Subscribe to the Courier for every story from the valley, delivered to your inbox "
        "each morning before the first ferry leaves the quay.",
        "Your subscription supports local reporting on the harbour, the towns and the county "
        "government, and you can cancel it at any time you like.",
    ]
    story = "".join(f"<p>{p}</p>" for p in [*FIRST, third])
    html = (
        "<html><head><title>Harbour board closes old ferry terminal</title></head><body>"
        '<div class="wrap"><h1>Harbour board closes old ferry terminal</h1>'
        f'<div class="post-content">{story}</div>{AD}{_part(SECOND, cls="post-rest")}'
        f'{_part(pitch, cls="cta-subscribe")}</div></body></html>'
    ).encode()
    text = extract_article(html, url=URL).text
    assert text.split("\n\n") == [*FIRST, third, *SECOND]
    # trafilatura alone stops at the first block (its fast mode) or takes the pitch along
    # (its full cascade), or the test above would prove nothing
    import trafilatura

    for fast in (True, False):
        alone = trafilatura.extract(html, favor_precision=True, fast=fast) or ""
        assert SECOND[0][:30] not in alone or pitch[1][:30] in alone


WRAPPED = PAGE.with_name("story-in-wrapped-blocks.html")


def _blocks(tree: HtmlElement) -> list[HtmlElement]:
    return tree.find_class("cell-inner")


def test_parts_each_in_wrappers_of_their_own_are_found() -> None:
    """InfoWorld wraps each part of a story in wrappers of its own (three levels, the parts'
    outermost wrappers the siblings), with ads between whose wrappers hold an empty slot of
    the parts' kind, writes its paragraphs as text divs under the bench's
    ``--div-paragraphs``, and opens some parts with a section's ``<h2>``: every part after
    the first is found, more than eight of them."""
    tree = document_fromstring(WRAPPED.read_bytes())
    first, *rest = _blocks(tree)
    kept = "\n".join(div.text_content() for div in first)
    parts = continuations(tree, kept)
    assert [part.text_content().split()[:6] for part in parts] == [
        block.text_content().split()[:6] for block in rest
    ]
    assert len(parts) == 9
    # a part that opens with the story's subheading is among them
    openers = [block[0].tag for part in parts for block in part.find_class("cell-inner")]
    assert "h2" in openers


def test_the_parts_before_a_middle_part_kept_are_found_in_page_order() -> None:
    """trafilatura's fallback takes the longest part of a split story, which need not be
    the first (InfoWorld's under the bench's ``--scramble-classes --plain-tags
    --div-paragraphs``): the parts of its kind before it are the story's too."""
    tree = document_fromstring(WRAPPED.read_bytes())
    blocks = _blocks(tree)
    kept = "\n".join(div.text_content() for div in blocks[4])
    starts = [part.text_content().split()[:6] for part in story_parts(tree, kept)[0]]
    assert starts == [block.text_content().split()[:6] for block in blocks[:4]]
    assert len(continuations(tree, kept)) == 5


def test_a_block_of_another_kind_or_of_one_paragraph_before_the_story_is_no_part() -> None:
    # a header's block and a standfirst of another kind stay out, as the footer's would not
    header = f'<div class="story-top"><p>{SECOND[0]}</p><p>{SECOND[1]}</p></div>'
    assert story_parts(_opened_page(header + AD), REST)[0] == []
    # a standfirst of the story's kind: a first part of one paragraph is no part
    lead = '<div class="story-body"><p>' + FIRST[0] + "</p></div>"
    assert story_parts(_opened_page(lead + AD), REST)[0] == []
    # two paragraphs of the kind are
    two = _part([FIRST[0], FIRST[0].replace("harbour board", "port authority")])
    assert [p.get("class") for p in story_parts(_opened_page(two + AD), REST)[0]] == ["story-body"]


def test_parts_each_in_a_wrapper_without_names_are_found() -> None:
    """MIT Technology Review puts each part of a story (a block whose first class is the
    same, its second its own) in a ``<div>`` without names: the wrappers' siblings wrap a
    block of the container's kind."""
    part = '<div><div class="rte {}">{}</div></div>'
    first = part.format("a1", "".join(f"<p>{p}</p>" for p in FIRST))
    second = part.format("b2", "".join(f"<p>{p}</p>" for p in SECOND))
    tree = document_fromstring(
        f'<html><body><div class="wrap">{first}{AD}{second}</div></body></html>'
    )
    assert [p.get("class") for p in continuations(tree, KEPT)] == ["rte b2"]


def test_parts_in_article_elements_without_names_are_found() -> None:
    """A blog that writes its story as ``<article>`` elements without a class, an ad between
    them (joshua.hu under the bench's ``--split-story``): an ``<article>`` or a
    ``<section>`` is of its tag's kind; a ``<div>`` without names is of no kind."""
    for tag, found in (("article", ["article"]), ("section", ["section"]), ("div", [])):
        first = f"<{tag}>" + "".join(f"<p>{p}</p>" for p in FIRST) + f"</{tag}>"
        second = f"<{tag}>" + "".join(f"<p>{p}</p>" for p in SECOND) + f"</{tag}>"
        tree = document_fromstring(
            f'<html><body><div class="wrap">{first}{AD}{second}</div></body></html>'
        )
        assert [part.tag for part in continuations(tree, KEPT)] == found


def test_a_lone_paragraph_is_no_part_whose_wrapper_has_siblings() -> None:
    """A kept text of one paragraph in a box of its own (laviedesidees.fr's "chapo", the
    standfirst) is not climbed out of: the box's siblings are the story that the full
    cascade reads, not parts of the standfirst."""
    page = document_fromstring(
        f'<html><body><div class="wrap"><div class="x1"><p>{FIRST[0]}</p></div>'
        f'<div class="x1"><p>{SECOND[0]}</p><p>{SECOND[1]}</p></div></div></body></html>'
    )
    assert continuations(page, FIRST[0]) == []
    # two paragraphs are a part of the story, whose wrapper's siblings are its other parts
    page = document_fromstring(
        f'<html><body><div class="wrap"><div class="x1"><div class="x2"><p>{FIRST[0]}</p>'
        f'<p>{FIRST[1]}</p></div></div><div class="x1"><div class="x2"><p>{SECOND[0]}</p>'
        f"<p>{SECOND[1]}</p></div></div></div></body></html>"
    )
    assert [part.get("class") for part in continuations(page, KEPT)] == ["x1"]


def test_a_part_may_open_with_a_heading_the_story_uses_between_its_paragraphs() -> None:
    heading = "<h2>Where the ferries will berth</h2>"
    opens = '<div class="story-body">' + heading + "".join(f"<p>{p}</p>" for p in SECOND)
    opens += "</div>"
    # a heading before any paragraph of a block is another story's, or a list's
    assert continuations(_page(AD + opens), KEPT) == []
    # unless the story has used it as a subheading between its paragraphs before
    inside = _part(SECOND[::-1]).replace("</p><p>", f"</p>{heading}<p>", 1)
    tree = _page(AD + inside + AD + opens)
    assert [part.find("h2") is not None for part in continuations(tree, KEPT)] == [True, True]


def test_text_divs_are_paragraphs_only_in_blocks_of_the_story_s_kind() -> None:
    """On a page without ``<p>`` text (trafilatura's div mode) a block of the story's kind
    counts its text divs as paragraphs; a block of another kind must hold ``<p>``: CNN's
    column of teasers beside its story holds a standfirst's text div under each link."""
    first = "".join(f"<div>{p}</div>" for p in FIRST)
    same = '<div class="story-body">' + "".join(f"<div>{p}</div>" for p in SECOND) + "</div>"
    column = '<div class="rail">' + "".join(f"<div>{p}</div>" for p in SECOND) + "</div>"
    for after, found in ((same, ["story-body"]), (column, [])):
        tree = document_fromstring(
            f'<html><body><div class="wrap"><div class="story-body">{first}</div>{after}'
            "</div></body></html>"
        )
        assert [part.get("class") for part in continuations(tree, KEPT)] == found


def _opened_page(before: str) -> HtmlElement:
    rest = "".join(f"<p>{p}</p>" for p in FIRST[1:] + SECOND)
    return document_fromstring(
        f'<html><body><div class="wrap">{before}<div class="story-body">{rest}</div>'
        "</div></body></html>"
    )


REST = "\n".join(FIRST[1:] + SECOND)


def test_a_first_paragraph_in_a_block_of_its_own_before_the_container_is_the_opening() -> None:
    block = _part(FIRST[:1], cls="story-top")
    found = opening(_opened_page(block), REST)
    assert found is not None and found.get("class") == "story-top"
    # an ad between the block and the container does not part them
    found = opening(_opened_page(block + AD), REST)
    assert found is not None and found.get("class") == "story-top"
    # nor does an ad inside the block
    inline = block.replace("</p>", '</p><div class="ad-slot"></div>')
    assert opening(_opened_page(inline), REST) is not None


@pytest.mark.parametrize(
    "names",
    [
        'class="article-standfirst"',
        'class="c-article__intro"',  # what the benchmark's annotators leave out, mostly
        'class="b-article__lead"',
        'class="image-caption"',
        'class="author-bio"',
        'class="newsletter-promo"',
        "",  # a block without names says nothing of what it is
    ],
)
def test_a_standfirst_a_caption_or_chrome_before_the_container_is_not_the_opening(
    names: str,
) -> None:
    block = f"<div {names}><p>{FIRST[0]}</p></div>"
    assert opening(_opened_page(block), REST) is None


def test_a_first_paragraph_after_a_box_in_the_block_before_the_container_is_the_opening() -> (
    None
):
    # the block holds a box with a heading first (a magazine issue's promotion, heise's),
    # then the story's first paragraph: the paragraph alone is the opening
    box = (
        '<div class="inline-box"><h2>TR 7/2019</h2><p>This piece comes from the July issue, '
        'on sale now.</p><ul><li><a href="/a">Another story of the issue</a></li></ul></div>'
    )
    block = f'<div class="story-top">{box}<p>{FIRST[0]}</p></div>'
    found = opening(_opened_page(block), REST)
    assert found is not None
    assert " ".join(found.text_content().split()) == FIRST[0]
    # a header that holds the headline is no opening, whatever follows it
    header = f'<div class="story-top"><h1>Ferry terminal to close</h1><p>{FIRST[0]}</p></div>'
    assert opening(_opened_page(header), REST) is None
    # nor is a block that ends in something other than paragraphs
    ends = f'<div class="story-top">{box}<p>{FIRST[0]}</p><div class="k">Share</div></div>'
    assert opening(_opened_page(ends), REST) is None
    # an ad's block that ends in its short label is passed over, as an ad is
    ad = '<div class="ad-box"><div class="slot"></div><p>Advertisement</p></div>'
    found = opening(_opened_page(_part(FIRST[:1], cls="story-top") + ad), REST)
    assert found is not None and found.get("class") == "story-top"


def test_a_block_whose_text_is_the_page_description_is_a_standfirst() -> None:
    """Sputnik's lead is the page's description, word for word (a source's name after it at
    most); a description cut from the block's start, or run on into the next paragraph, was
    made from the story's first paragraph (SlashGear's, TechCrunch's), which the block is."""
    block = _part(FIRST[:1], cls="x7f3a")  # names that say nothing
    page = _opened_page(block)
    assert opening(page, REST, description=FIRST[0]) is None
    assert opening(page, REST, description=FIRST[0] + " (Reuters)") is None
    first = page.find_class("x7f3a")[0]
    for description in (
        FIRST[0][:90] + "...",
        f"{FIRST[0]} {FIRST[1]}",
        "Harbour board votes to close the old terminal",
    ):
        assert opening(page, REST, description=description) is first, description


def test_a_block_the_description_reads_on_from_into_the_story_is_its_opening() -> None:
    """TechCrunch's ``<p id="speakable-summary">``, the story's first paragraph, whose
    description runs on into the container's first paragraph: it is the opening whatever
    its names say. A description that is the block alone, or that runs on into other
    words, leaves a block named for a summary the standfirst it reads as."""
    block = f'<div class="k29"><p id="speakable-summary">{FIRST[0]}</p></div>'
    page = _opened_page(block)
    run_on = f"{FIRST[0]} {FIRST[1][:60]} […]"
    found = opening(page, REST, description=run_on)
    assert found is not None and found.get("class") == "k29"
    assert opening(page, REST) is None
    assert opening(page, REST, description=FIRST[0]) is None
    assert opening(page, REST, description=f"{FIRST[0]} Harbour board votes to close") is None
    # a description of the block's first words only is no run-on
    assert opening(page, REST, description=FIRST[0][:40]) is None


def test_the_description_above_a_block_of_the_story_s_paragraphs_is_a_standfirst() -> None:
    """The Local's standfirst, its names scrambled: a paragraph that is the page's
    description, then an ad, then the body's block of paragraphs. The same paragraph among
    the story's paragraphs (TechCrunch's first, which its description repeats) is the
    story's, as is any paragraph when the page has no description."""
    lead = (
        "Liberal party leader Troels Lund Poulsen has rejected calls from the far right to "
        "reduce the number of Muslims in Denmark, ahead of this month's election."
    )
    header = "<h1>Danish PM candidate rejects far-right call</h1>"
    body = "".join(f"<p>{p}</p>" for p in FIRST + SECOND)
    page = (
        f'<html><head><meta name="description" content="{lead}"></head><body><main>{header}'
        f'<p class="x1">{lead}</p>{AD}<div class="x2">{body}</div></main></body></html>'
    )
    text = extract_article(page.encode(), url=URL).text
    assert lead not in text and text.startswith(FIRST[0])
    kept = f"{header[4:-5]}\n{lead}\n" + "\n".join(FIRST + SECOND)
    assert standfirst(document_fromstring(page), kept, lead) == lead
    assert standfirst(document_fromstring(page), kept, None) is None
    # a description of no words names no line, not even a line of no words
    assert standfirst(document_fromstring(page), "* " * 30 + "\n" + kept, "…") is None
    among = page.replace(f'{AD}<div class="x2">{body}</div>', body)
    assert standfirst(document_fromstring(among), kept, lead) is None
    assert lead in extract_article(among.encode(), url=URL).text
    # the Express's: an <h3> at the end of the header, the body's block after the header
    header_page = page.replace(
        f'{header}<p class="x1">{lead}</p>{AD}', f'<div class="x0">{header}<h3>{lead}</h3></div>'
    )
    assert standfirst(document_fromstring(header_page), kept, lead) == lead
    text = extract_article(header_page.encode(), url=URL).text
    assert lead not in text and text.startswith(FIRST[0])
    # Fox Business's: a video's card with a headline of its own opens the body's block, and
    # the block is still the body (a heading standfirst is read past the body's headings)
    card = '<div class="x3"><h2><a href="/v">Ferry chiefs on the new timetable</a></h2></div>'
    card_page = header_page.replace('<div class="x2">', f'<div class="x2">{card}')
    assert standfirst(document_fromstring(card_page), kept, lead) == lead
    # the Express's under the bench's --div-paragraphs: a body of text divs on a page read
    # in div mode (no <p> text) is a body too
    divs = header_page.replace(body, "".join(f"<div>{p}</div>" for p in FIRST + SECOND))
    assert standfirst(document_fromstring(divs), kept, lead) == lead
    # a <p> alone in a block before the body is the story's first paragraph as often
    header_p = header_page.replace(f"<h3>{lead}</h3>", f"<p>{lead}</p>")
    assert standfirst(document_fromstring(header_p), kept, lead) is None
    # and a line after a paragraph of the story is no standfirst (a quote it repeats)
    after = f"{SECOND[0]}\n{lead}\n" + "\n".join(FIRST)
    assert standfirst(document_fromstring(page), after, lead) is None


def test_a_header_a_crowded_gap_or_a_kept_block_is_not_the_opening() -> None:
    # a header's block: the headline before the paragraph
    header = f'<div class="story-top"><h1>Ferry terminal to close</h1><p>{FIRST[0]}</p></div>'
    assert opening(_opened_page(header), REST) is None
    # a block with words of its own between it and the container
    between = "<div class='box'>" + " ".join(["word"] * 60) + "</div>"
    assert opening(_opened_page(_part(FIRST[:1], cls="story-top") + between), REST) is None
    # the opening kept already
    assert opening(_opened_page(_part(FIRST[:1], cls="story-top")), KEPT + "\n" + REST) is None
    # a short line is a label, not a paragraph
    label = '<div class="story-top"><p>Updated at noon</p></div>'
    assert opening(_opened_page(label), REST) is None


def test_a_story_whose_first_paragraph_has_a_block_of_its_own_is_extracted_whole() -> None:
    html = (
        "<html><head><title>Harbour board closes old ferry terminal</title></head><body>"
        '<div class="wrap"><h1>Harbour board closes old ferry terminal</h1>'
        f'<div class="article-standfirst"><p>{SECOND[0]}</p></div>'
        f"{_part(FIRST[:1], cls='story-top')}{AD}"
        f'<div class="post-content">{"".join(f"<p>{p}</p>" for p in FIRST[1:] + SECOND[1:])}'
        "</div></div></body></html>"
    ).encode()
    text = extract_article(html, url=URL).text
    # the opening is put back; the standfirst above it stays out
    assert text.split("\n\n") == [*FIRST, *SECOND[1:]]
    # trafilatura alone reads the container by its name and loses the opening
    import trafilatura

    alone = trafilatura.extract(html, favor_precision=True) or ""
    assert FIRST[1][:30] in alone and FIRST[0][:30] not in alone


def test_a_short_first_paragraph_with_a_link_in_a_block_of_its_own_is_extracted() -> None:
    """Billboard's "A half century on, The Doobie Brothers are still smoking.", moved into a
    block of its own: ten words, under a paragraph's twelve, and a link that precision
    mode, reading the block alone, judges as a list's last link."""
    lead = (
        'A century on, <a href="/ferries"><strong>the harbour ferry</strong></a> is still '
        "sailing every day."
    )
    words = "A century on, the harbour ferry is still sailing every day."
    html = (
        "<html><head><title>Harbour board closes old ferry terminal</title></head><body>"
        '<div class="wrap"><h1>Harbour board closes old ferry terminal</h1>'
        f'<div class="x7f3a"><p>{lead}</p></div>'
        f'<div class="post-content">{"".join(f"<p>{p}</p>" for p in FIRST + SECOND)}'
        "</div></div></body></html>"
    )
    found = opening(document_fromstring(html), "\n".join(FIRST + SECOND))
    assert found is not None and found.get("class") == "x7f3a"
    text = extract_article(html.encode(), url=URL).text
    assert text.split("\n\n") == [words, *FIRST, *SECOND]


def test_a_picture_with_a_long_caption_between_parts_does_not_end_the_story() -> None:
    """Quanta puts a figure between the parts of a story whose caption runs to fifty
    words: a caption is no words of the page's own, but as many words outside one are."""
    caption = " ".join(["micrograph"] * 50)
    figure = f"<figure><img src='/a.jpg'><figcaption>{caption}</figcaption></figure>"
    parts = continuations(_page(figure + _part(SECOND)), KEPT)
    assert [p.get("class") for p in parts] == ["story-body"]
    words = f"<div class='box'><img src='/a.jpg'><span>{caption}</span></div>"
    assert continuations(_page(words + _part(SECOND)), KEPT) == []


def test_a_part_before_the_kept_one_may_open_with_the_story_s_header() -> None:
    """The first part of a split story holds the story's header (Quanta's byline and share
    row in ``<h3>`` headings before its first paragraph): before the part kept, headings
    before a part's paragraphs do not make it another story's; after it they do."""
    header = "<h3>Carrie Arnold</h3><h3>Share this article</h3>"
    first = _part(FIRST).replace(">", ">" + header, 1)
    tree = document_fromstring(
        f"<html><body><div class='wrap'>{first}{AD}{_part(SECOND)}</div></body></html>"
    )
    before, after = story_parts(tree, "\n".join(SECOND))
    assert [p.text_content()[:13] for p in before] == ["Carrie Arnold"] and after == []
    second = _part(SECOND).replace(">", ">" + header, 1)
    assert continuations(_page(AD + second), KEPT) == []


def test_a_split_story_keeps_the_subheading_ending_a_part_and_a_source_line_in_the_next() -> None:
    # precision mode, which reads each part, drops a part's closing subheading (trafilatura
    # ends no text on a heading) and a paragraph that is one bare link; default mode's second
    # opinion puts both back when it reads the parts' contents as one block (read whole, the
    # container spanning them is read as its first part only; read part by part, the
    # subheading still ends one). "entry" is a name trafilatura looks for
    source = "https://harbourboard.example/minutes/2026/03/ferry-terminal-vote.html"
    first = "".join(f"<p>{p}</p>" for p in FIRST) + "<h2>The new terminal</h2>"
    second = (
        f'<div class="entry"><p>{SECOND[0]}</p><p><a href="{source}">{source}</a></p>'
        f"<p>{SECOND[1]}</p><p>{SECOND[0].replace('covered', 'heated')}</p></div>"
    )
    html = (
        f'<html><body><div class="main"><div class="entry">{first}</div>{AD}{second}'
        "</div></body></html>"
    )
    text = extract_article(html.encode(), url="https://x.example/a").text
    lines = text.split("\n\n")
    assert lines[:4] == [*FIRST, "The new terminal", SECOND[0]]
    assert lines[4] == source
    assert "Advertisement" not in text


LINKED_PAGE = PAGE.with_name("div-story.html")
LINKED_OPENING = (
    "Harbour City (Herald Business)A muddled view of the trade talks once again weighed on "
    "investors."
)


def test_a_short_first_paragraph_with_a_link_on_a_page_of_text_divs_is_kept() -> None:
    """trafilatura reads a page without paragraph text in its div mode, where precision mode
    deletes every div under 200 characters that holds a link: CNN's and Fox News's first
    paragraphs, which link a name, were lost. The photo's credit in the header and the
    byline, short divs with links too, stay out."""
    html = LINKED_PAGE.read_bytes()
    text = extract_article(html, url="https://harbourherald.example/business/markets").text
    lines = text.split("\n\n")
    assert lines[0] == LINKED_OPENING
    assert lines[1].startswith("The main market indexes were mixed")
    assert "Photo by" not in text and "Jane Doe" not in text


def _div_story(before: str, after: str = "") -> tuple[HtmlElement, HtmlElement]:
    """A page of text divs: `before`, the story's paragraphs and `after` in its container,
    and the container."""
    rest = "".join(f"<div>{p}</div>" for p in FIRST[1:] + SECOND)
    tree = document_fromstring(
        f'<html><body><div class="story">{before}{rest}{after}</div></body></html>'
    )
    return tree, tree.find_class("story")[0]


LINKED = FIRST[0].replace("the old ferry terminal", '<a href="/t/ferry">the old ferry terminal</a>')
#: the story's last paragraph, of one sentence, which links another story of the site by
#: most of its words (`prepare` takes a link out of a text div of a story whose words are
#: mostly not link text)
CLOSING = "Last year the board dropped its earlier plan to repair the old terminal."
PLAN = "its earlier plan to repair the old terminal"  # more than half its words
LINKED_CLOSING = CLOSING.replace(PLAN, f'<a href="/t/plan">{PLAN}</a>')


def test_the_linked_ends_are_the_divs_just_before_and_after_the_kept_blocks() -> None:
    tree, story = _div_story(f"<div><div>{LINKED}</div></div>", f"<div>{LINKED_CLOSING}</div>")
    assert linked_ends(tree, REST, story) == (FIRST[0], CLOSING)
    # a div the story kept is none to add
    assert linked_ends(tree, KEPT + "\n" + REST + "\n" + CLOSING, story) == (None, None)
    # on a page of paragraphs, precision mode judges a <p> by its share of link text
    paragraphs = document_fromstring(
        "<html><body><div class='story'>"
        + "".join(f"<p>{p}</p>" for p in [LINKED, *FIRST[1:], *SECOND, LINKED_CLOSING])
        + "</div></body></html>"
    )
    assert linked_ends(paragraphs, REST, paragraphs.find_class("story")[0]) == (None, None)


def test_a_linked_paragraph_in_a_div_of_its_own_is_a_linked_end_on_any_page() -> None:
    """CNN's first paragraph under the bench's ``--wrap-paragraphs``: a ``<p>`` that links a
    name, alone in a div, on a page of paragraphs. Precision mode tests that div as it tests
    a text div, and drops the paragraph with it. A div that holds more than the paragraph,
    or a text div off div mode (which trafilatura does not read), is none."""
    rest = "".join(f"<p>{p}</p>" for p in FIRST[1:] + SECOND)

    def opening(before: str) -> str | None:
        tree = document_fromstring(
            f"<html><body><div class='story'>{before}{rest}</div></body></html>"
        )
        return linked_ends(tree, REST, tree.find_class("story")[0])[0]

    assert opening(f"<div class='tb'><p>{LINKED}</p></div>") == FIRST[0]
    for before in (
        f"<div><p>{LINKED}</p><span>Updated 9:41 AM</span></div>",
        f"<div>{LINKED}</div>",
    ):
        assert opening(before) is None, before
    html = (
        "<html><head><title>Terminal to close</title></head><body><main><h1>Terminal to "
        f"close</h1><div class='story'><div class='tb'><p>{LINKED}</p></div>{rest}</div>"
        "</main></body></html>"
    )
    assert extract_article(html.encode(), url=URL).text.startswith(FIRST[0])


@pytest.mark.parametrize(
    "before",
    [
        # a photo's credit beside its picture, with names or without
        f'<div><a href="/p"><img src="/p.jpg"></a><div>{LINKED}</div></div>',
        f'<div class="wp-caption-text">{LINKED}</div>',
        f"<figure><div>{LINKED}</div></figure>",
        # a byline: no sentence
        '<div>By <a href="/s/jane">Jane Doe</a> and <a href="/s/john">John Roe</a>, business '
        "desk staff writers</div>",
        # no link: precision mode does not drop it for one
        f"<div>{FIRST[0]}</div>",
        # a block further from the story's first kept block than its parent's parent
        f"<div><div><div><div>{LINKED}</div></div></div></div>",
        # a paragraph's length: precision mode keeps a div of 200 characters or more
        f"<div>{LINKED} {FIRST[1]}</div>",
    ],
)
def test_a_caption_a_byline_or_a_far_block_is_no_linked_opening(before: str) -> None:
    tree, story = _div_story(before)
    assert linked_ends(tree, REST, story)[0] is None


@pytest.mark.parametrize(
    "after",
    [
        # a call that is all link, which precision mode drops as a paragraph too
        '<div><a href="/youtube">Subscribe to our YouTube channel for all of the latest '
        "videos and reviews.</a></div>",
        # a teaser's excerpt, cut short
        f'<div><a href="/t/plan">{CLOSING[:-1]}</a> and the board said that...</div>',
    ],
)
def test_a_call_or_an_excerpt_after_the_story_is_no_linked_closing(after: str) -> None:
    tree, story = _div_story("", after)
    assert linked_ends(tree, KEPT + "\n" + REST, story)[1] is None


def test_a_short_last_paragraph_with_a_link_on_a_page_of_text_divs_is_kept() -> None:
    """The Local's last paragraph under the bench's ``--div-paragraphs``: "Earlier this week,
    the Liberals announced <a>plans for a new five-year probationary period ...</a>"."""
    divs = "".join(f"<div>{p}</div>" for p in [*FIRST, *SECOND, LINKED_CLOSING])
    html = f"<html><body><article><h1>Ferry terminal to close</h1>{divs}</article></body></html>"
    text = extract_article(html.encode(), url=URL).text
    assert text.split("\n\n")[-1] == CLOSING


def test_a_short_rest_of_the_story_with_a_link_is_read() -> None:
    """A block of the story's last paragraph and a "Disclaimer" link after its container
    (CNBC's, under the bench's ``--story-rest``) is under 200 characters: read alone as a
    ``<div>``, precision mode deleted it whole for the link."""
    last = (
        "The harbour board will vote on the new ferry terminal's design in March, the board "
        "said on Monday."
    )
    story = "".join(f"<p>{p}</p>" for p in FIRST + SECOND)
    html = (
        f'<html><body><div class="wrap"><div class="story-body">{story}</div>'
        f'<div class="k33"><p>{last}</p><p><a href="/disclaimer">Disclaimer</a></p></div>'
        "</div></body></html>"
    )
    text = extract_article(html.encode(), url=URL).text
    assert text.split("\n\n")[-1] == last



def test_the_parts_of_a_story_written_in_lines_keep_their_first_lines() -> None:
    """The split story's page with its paragraphs written as lines between <br>: each part
    read alone as a <section> lost its first line, which trafilatura drops there."""
    html = PAGE.with_name("story-split-in-lines.html").read_bytes()
    text = extract_article(html, url=URL).text
    for line in (
        "ASHFORD — Three valley towns voted on Tuesday night",
        "Supporters said the merger would let the towns buy a second ladder truck",
        "The councils agreed to that request before the vote",
        "The merged service will answer its first calls",
    ):
        assert line in text
