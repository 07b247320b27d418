"""shield_story_container: the story's container kept from trafilatura's discards by name."""

from __future__ import annotations

import pytest
from lxml import etree

from workers.pipeline.extract import extract_article, parse_html
from workers.pipeline.shield import discarded_by_name, shield_story_container

STORY = [
    f"Paragraph {n} of the story: the council met on Tuesday to weigh the budget, and members "
    "spoke at length about roads, schools and the cost of the new bridge across the river."
    for n in range(6)
]
#: the page's other text: menus, a list of other stories and a footer, more than a seventh
#: of the page, so trafilatura does not undo a discard of the story
CHROME = (
    "<nav class='menu'><ul>"
    + "".join(f"<li><a href='/s/{n}'>Section number {n} of the site</a></li>" for n in range(12))
    + "</ul></nav>"
)
FOOTER = (
    "<div class='site-info'>"
    + "".join(f"<p>Footer line {n}: about us, contact, careers, terms.</p>" for n in range(8))
    + "</div>"
)


#: what the story's <article> holds besides it: more than a seventh of the article's text
AFTER = (
    "<div class='issue'>"
    + "".join(f"<p>Also in this issue, part {n}: the week's letters, puzzles and the weather "
              "outlook for the region.</p>" for n in range(3))
    + "</div>"
)  # fmt: skip


def _page(names: str) -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    return (
        "<html><head><title>Council weighs the budget</title></head><body>"
        f"{CHROME}<article><h1>Council weighs the budget</h1>"
        f"<div class='{names}'>{body}</div>{AFTER}</article>{FOOTER}</body></html>"
    )


@pytest.mark.parametrize(
    "names",
    ["post-body js-share-tracking", "entry-content with-sidebar", "article-text widget",
     "story js_expandable-container", "body-copy related-enabled", "text hidden-print"],
)  # fmt: skip
def test_a_container_named_with_a_discarded_word_keeps_its_story(names: str) -> None:
    text = extract_article(_page(names).encode(), url="https://news.example/budget").text
    for paragraph in STORY:
        assert paragraph in text, (names, text[:300])
    assert "Footer line" not in text and "Section number" not in text


def test_only_the_words_that_cause_the_discard_leave_the_names() -> None:
    tree = parse_html(_page("post-body js-share-tracking hidden-print"))
    shield_story_container(tree)
    container = tree.xpath("//article/div")[0]
    assert container.get("class") == "post-body"
    assert tree.xpath("//nav")[0].get("class") == "menu"  # the rest of the page is as it was
    assert tree.xpath("//div[@class='site-info']")


def test_boxes_beside_the_story_keep_their_names() -> None:
    related = "<div class='related-stories'><p>Other story one.</p><p>Other story two.</p></div>"
    html = _page("post-body").replace("</article>", f"{related}</article>")
    tree = parse_html(html)
    shield_story_container(tree)
    assert tree.xpath("//div[@class='related-stories']")
    text = extract_article(html.encode(), url="https://news.example/budget").text
    assert "Other story" not in text


#: more of a story, for pages whose story must hold most of their paragraph text
MORE = [
    f"Paragraph {n} of the story: residents asked the council why the bridge costs twice the "
    "first estimate, and the treasurer answered that steel and labour had both gone up."
    for n in range(6, 10)
]


def _unnamed_page(story: str) -> str:
    """A page whose blocks have names trafilatura does not know, nor a ``<section>`` or an
    ``<article>`` around the story: trafilatura's rules for hidden elements decide alone."""
    return (
        "<html><head><title>Council weighs the budget</title></head><body>"
        f"{CHROME}<div class='k1'><div class='k2'><h1>Council weighs the budget</h1>"
        f"{story}</div>{AFTER}</div>{FOOTER}</body></html>"
    )


@pytest.mark.parametrize(
    "hidden",
    ["class='k3 hidden'", "class='k3 hide-on-load'", "class='k3 hideOnInit'",
     "class='k3' style='display: none'", "class='k3' aria-hidden='true'",
     "class='k3' style='overflow: hidden'", "style='display:none' id='k3'"],
)  # fmt: skip
def test_a_hidden_story_container_is_shown(hidden: str) -> None:
    """A paywall or a "Read more" toggle hides the story until a script shows it; a layout's
    "overflow: hidden" hides nothing, and trafilatura's hidden rule deletes it all the same.
    The story is read whole."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    html = _unnamed_page(f"<div {hidden}>{body}</div>")
    text = extract_article(html.encode(), url="https://news.example/budget").text
    for paragraph in STORY:
        assert paragraph in text, (hidden, text[:300])


def test_a_hidden_story_far_ahead_of_every_other_block_is_shown() -> None:
    """The Local's paywalled story ("display: none") held less than half of the page's
    paragraph text beside an open consent dialog of many blocks and a comment prompt, and
    stayed hidden: trafilatura then read the dialog (the bench's --scramble-classes
    --plain-tags --div-paragraphs, F1 0.000). A container of three times the text of any
    other is the story's all the same."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    purposes = "".join(
        f"<div class='k{n}'><p>Purpose {n}: cookies, device or similar online identifiers "
        "together with other information can be stored or read on your device to recognise "
        "it each time it connects to an app or to a website.</p></div>"
        for n in range(10, 18)
    )
    html = (
        "<html><head><title>Council weighs the budget</title></head><body>"
        f"<div class='k0'>{purposes}</div><div class='k1'><h1>Council weighs the budget</h1>"
        f"<div class='k3' style='display: none'>{body}</div></div></body></html>"
    )
    text = extract_article(html.encode(), url="https://news.example/budget").text
    for paragraph in STORY:
        assert paragraph in text, text[:300]


def test_a_hidden_story_written_mostly_as_a_list_is_shown() -> None:
    """A roundup ("10 things in tech") is an opening paragraph and a list of items of
    running text: its container's own <p> text was too short to be the story's, and the
    hidden container stayed hidden. An item of a sentence counts as a paragraph of the
    list's container; a menu's items (links) still do not."""
    items = "".join(f"<li><strong>Item {n}:</strong> {paragraph}</li>" for n, paragraph in enumerate(STORY))  # noqa: E501
    story = f"<p>Good morning! This is the news you need to know.</p><ol>{items}</ol>"
    html = _unnamed_page(f"<div class='k3' aria-hidden='true'>{story}</div>")
    text = extract_article(html.encode(), url="https://news.example/roundup").text
    for paragraph in STORY:
        assert paragraph in text, text[:300]
    # a menu of as many links is no story's container, and stays as trafilatura judges it
    links = "".join(f"<li><a href='/s/{n}'>{paragraph}</a></li>" for n, paragraph in enumerate(STORY))  # noqa: E501
    tree = parse_html(_unnamed_page(f"<div class='k3' aria-hidden='true'><ul>{links}</ul></div>"))
    assert tree is not None
    shield_story_container(tree)
    assert tree.xpath("//div[@class='k3']")[0].get("aria-hidden") == "true"


def test_only_what_hides_the_container_is_taken_off() -> None:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    tree = parse_html(
        _unnamed_page(
            "<div class='k3 hideOnInit' id='story' style='color: #333; display:none' "
            f"aria-hidden='true'>{body}</div>"
        )
    )
    shield_story_container(tree)
    container = tree.xpath("//div[@id='story']")[0]
    assert dict(container.attrib) == {"class": "k3", "id": "story", "style": "color: #333"}


@pytest.mark.parametrize(
    ("line", "joint"),
    [("<p>{}</p>", ""), ("{}", "<br><br>")],
    ids=["paragraphs", "lines between <br>"],
)
def test_the_rest_of_a_story_behind_a_toggle_is_read(line: str, joint: str) -> None:
    """The story's first paragraph shows; the rest waits behind a "Read more" toggle, inside
    the same block (as on Salon). Written as lines between ``<br>`` (Salon's under the bench's
    ``--br-paragraphs``), no ``<p>`` marks the story, and the toggle's block went with the
    rest in it."""
    rest = joint.join(line.format(paragraph) for paragraph in STORY[1:] + MORE)
    html = _unnamed_page(
        f"<div class='k3'>{line.format(STORY[0])}{joint}<a class='k4' href='#'>Read more</a>"
        f"{joint}<div class='toggle-group target hideOnInit'>{rest}{joint}</div></div>"
    )
    text = extract_article(html.encode(), url="https://news.example/budget").text
    for paragraph in STORY + MORE:
        assert paragraph in text, text[:300]


def test_a_hidden_story_of_text_divs_is_shown() -> None:
    """A paywall hides a story written as text-only divs on a page with no paragraph text
    (The Local's, under the bench's ``--scramble-classes --div-paragraphs``): trafilatura reads
    such divs as paragraphs itself, but its hidden rule deleted the block that held them."""
    divs = "".join(f"<div>{paragraph}</div>" for paragraph in STORY)
    footer = "".join(f"<div>Footer line {n}: about us, contact, careers.</div>" for n in range(6))
    html = (
        "<html><head><title>Council weighs the budget</title></head><body>"
        f"{CHROME}<div class='k1'><h1>Council weighs the budget</h1>"
        f"<div class='k3' id='body' style='display: none'>{divs}</div></div>"
        f"<div class='k9'>{footer}</div></body></html>"
    )
    tree = parse_html(html)
    shield_story_container(tree)
    assert tree.xpath("//div[@id='body']")[0].get("style") in (None, "")
    text = extract_article(html.encode(), url="https://news.example/budget").text
    for paragraph in STORY:
        assert paragraph in text, text[:300]


def test_lines_beside_a_story_of_paragraphs_are_not_its_container() -> None:
    """Loose lines count only where no container holds enough paragraphs: a story of ``<p>``
    stays the story's container beside a hidden block of longer loose text (a cookie
    policy's lines)."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    policy = "<br><br>".join(paragraph.replace("story", "policy") for paragraph in STORY + MORE)
    html = _unnamed_page(f"<div class='k3'>{body}</div><div class='k5 hidden'>{policy}</div>")
    tree = parse_html(html)
    shield_story_container(tree)
    assert tree.xpath("//div[contains(@class, 'k5')]")[0].get("class") == "k5 hidden"


def test_the_hidden_parts_of_a_split_story_are_shown_alike() -> None:
    """A "Read more" toggle's block cut in two by an ad: both halves are hidden by one class,
    and the second half is shown with the first."""
    half = len(STORY) // 2
    first = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[:half] + MORE)
    second = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[half:])
    html = _unnamed_page(
        f"<div class='k3 hideOnInit'>{first}</div><div class='ad'>Advertisement</div>"
        f"<div class='k3 hideOnInit'>{second}</div>"
    )
    tree = parse_html(html)
    shield_story_container(tree)
    assert [div.get("class") for div in tree.xpath("//div[p]")][:2] == ["k3", "k3"]
    text = extract_article(html.encode(), url="https://news.example/budget").text
    for paragraph in STORY + MORE:
        assert paragraph in text, text[:300]


def test_a_part_of_a_split_story_hidden_alone_is_shown() -> None:
    """A story split into blocks of one kind, one of them (not the container, which holds
    the most text) hidden as a "Read more" toggle hides it: it is shown like the container
    would be (BuzzFeed's superlist under the bench's ``--hidden-story``)."""
    half = len(STORY) // 2
    first = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[:half] + MORE)
    second = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[half:])
    for hiding in ("style='display: none'", "aria-hidden='true'", "style='overflow: hidden'"):
        html = _unnamed_page(
            f"<div class='k3'>{first}</div><div class='ad'>Advertisement</div>"
            f"<div class='k3' {hiding}>{second}</div>"
        )
        text = extract_article(html.encode(), url="https://news.example/budget").text
        for paragraph in STORY + MORE:
            assert paragraph in text, (hiding, text[-300:])


def test_a_story_container_with_a_border_loses_it() -> None:
    """trafilatura's precision rule deletes every element whose style mentions a border: a
    line drawn above the story's box took the story."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    bordered = "<div class='k3' style='border-top: 1px solid #eee; padding-top: 20px'>"
    html = _unnamed_page(f"{bordered}{body}</div>")
    text = extract_article(html.encode(), url="https://news.example/budget").text
    for paragraph in STORY:
        assert paragraph in text, text[:300]
    tree = parse_html(html)
    shield_story_container(tree)
    assert tree.xpath("//div[@class='k3']")[0].get("style") == "padding-top: 20px"


def _teasers(count: int) -> str:
    """`count` teaser cards, each paragraph in a card of its own (none is a container)."""
    return "".join(
        f"<div class='card'><p>Teaser {n}: the mayor's office answered questions about the "
        "new bridge, the ferry timetable and the school year in a long interview.</p></div>"
        for n in range(count)
    )


def test_a_bordered_container_loses_its_border_beside_many_teasers() -> None:
    """CBS's story sits in a ``<section>`` with a line above it, on a page whose teasers
    hold more paragraph text than the story (the bench's ``--bordered-story``: the story
    went, F1 0.013): the border goes while the story holds a third of the page's paragraph
    text, or three times that of any other parent (CBS's under ``--scramble-classes``: a
    quarter, among thirty cards of a paragraph each); with less, the container is no sure
    story, and the page stays as it was."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in STORY + MORE)
    bordered = "<section class='k3' style='border-top: 1px solid #eee; padding-top: 20px'>"
    box = "<div class='k7'>" + "".join(f"<p>{p}</p>" for p in STORY[:4]) + "</div>"
    for after, kept in ((_teasers(7), True), (_teasers(30), True), (box + _teasers(30), False)):
        html = _unnamed_page(f"{bordered}{body}</section>{after}")
        tree = parse_html(html)
        shield_story_container(tree)
        style = tree.xpath("//section[@class='k3']")[0].get("style")
        assert (style == "padding-top: 20px") is kept, (after[:40], style)
    html = _unnamed_page(f"{bordered}{body}</section>{_teasers(7)}")
    text = extract_article(html.encode(), url="https://news.example/budget").text
    for paragraph in STORY:
        assert paragraph in text, text[:300]


def test_a_hidden_dialog_stays_hidden() -> None:
    """A cookie policy in a dialog may hold more than half of a short page's paragraph text:
    it is no story, and stays hidden, whatever hides it."""
    policy = "".join(
        f"<p>Cookie policy, section {n}: we and our partners store and read cookies on your "
        "device to measure visits, remember your settings and show you advertising.</p>"
        for n in range(12)
    )
    story = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[:3])
    for names in ("modal fade", "k9 cookie-settings", "overlay-box"):
        html = (
            "<html><head><title>Council weighs the budget</title></head><body>"
            f"{CHROME}<div class='k1'><h1>Council weighs the budget</h1>"
            f"<div class='k3'>{story}</div></div>{FOOTER}"
            f"<div class='{names}' style='display: none'>{policy}</div></body></html>"
        )
        tree = parse_html(html)
        shield_story_container(tree)
        assert tree.xpath("//div[@style='display: none']"), names
        text = extract_article(html.encode(), url="https://news.example/budget").text
        assert "Cookie policy" not in text, names
        assert STORY[0] in text, names


def test_a_page_held_still_behind_a_cookie_dialog_is_read_whole() -> None:
    """A consent manager stops the page from scrolling while its dialog is open ("overflow:
    hidden" on the <body>, "modal-open" in its names), which trafilatura's precision mode
    takes for a hidden body: the page went before its readability fallback read it, and
    the dialog's words were read with the story (a story in text <div>, as The Local's
    under the bench's --scramble-classes --plain-tags --div-paragraphs)."""
    story = [
        f"Line {n} of the story, as told: the harbour board voted on Monday to close the old "
        "ferry terminal, and to build a new one on the north side of the bay, a plan long "
        "debated, by many, for years."
        for n in range(10)
    ]
    dialog = (
        "<div class='c1'><p>On this website we use cookies and similar functions to process "
        "end device information and personal data.</p><p>Store and/or access information on "
        "a device</p><button>Accept all</button></div>"
    )
    for names in ("style='overflow: hidden'", "class='modal-open' style='overflow:hidden'"):
        html = (
            "<html><head><title>Harbour board closes ferry terminal</title></head>"
            f"<body {names}>{dialog}<div class='x1'><h1>Harbour board closes ferry terminal</h1>"
            f"<div class='x2'>{''.join(f'<div class=x3>{line}</div>' for line in story)}</div>"
            "</div></body></html>"
        )
        tree = parse_html(html)
        shield_story_container(tree)
        assert "hidden" not in (tree.find("body").get("style") or ""), names
        text = extract_article(html.encode(), url="https://news.example/ferry").text
        assert all(line in text for line in story), (names, text[:200])
        assert "cookies" not in text, (names, text[:200])


def test_a_wrapper_of_more_than_the_story_is_left_as_it_was() -> None:
    """A page-wide wrapper named "bottom-area" holds the story and much else: its other
    parts are for trafilatura to judge, as before."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
    others = "".join(f"<li>Promo line {n} of the page, about the site's other services.</li>"
                     for n in range(10))  # fmt: skip
    html = (
        f"<html><body><div class='bottom-area'><div class='post-body js-share-tracking'>{body}"
        f"</div><ul>{others}</ul></div></body></html>"
    )
    tree = parse_html(html)
    shield_story_container(tree)
    assert tree.xpath("//div[@class='bottom-area']")
    assert tree.xpath("//div[@class='post-body']")


def test_no_story_no_change() -> None:
    html = f"<html><body>{CHROME}<div class='share-box'><p>Share this.</p></div></body></html>"
    tree = parse_html(html)
    before = etree.tostring(tree)
    shield_story_container(tree)
    assert etree.tostring(tree) == before


def test_the_other_parts_of_a_split_story_take_the_same_names() -> None:
    """A story in two containers of one class, an ad between them: told apart by the
    shield, the parts were no longer read as one story (its second half was lost)."""
    first = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[:5])
    second = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[5:])
    html = (
        f"<html><body>{CHROME}<article><div class='elementor-widget-container'>{first}</div>"
        "<div class='ad-slot'><span>Advertisement</span></div>"
        f"<div class='elementor-widget-container'>{second}</div></article>{FOOTER}"
        "</body></html>"
    )
    tree = parse_html(html)
    shield_story_container(tree)
    parts = tree.xpath("//article/div[p]")
    assert len(parts) == 2 and parts[0].get("class") == parts[1].get("class")
    assert "widget" not in (parts[0].get("class") or "")
    text = extract_article(html.encode(), url="https://news.example/budget").text
    for paragraph in STORY:
        assert paragraph in text


def test_paragraphs_quoted_inside_the_container_count_as_the_story_s() -> None:
    """A review that quotes readers in ``<blockquote>`` paragraphs: the container's own
    paragraphs are under half of the page's (the footer's and another box's beside them),
    the paragraphs inside it are over."""
    own = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[:3])
    quoted = "".join(f"<blockquote><p>{paragraph}</p></blockquote>" for paragraph in STORY[3:])
    html = (
        f"<html><body>{CHROME}<article><div class='post-body widget'>{own}{quoted}</div>"
        f"</article>{AFTER}{FOOTER}</body></html>"
    )
    tree = parse_html(html)
    shield_story_container(tree)
    assert tree.xpath("//article/div")[0].get("class") == "post-body"


def test_the_parts_of_a_split_story_count_together_by_their_first_class_name() -> None:
    """Three parts of one story, the first with a class name more ("hidden-print"): alone
    it holds under half of the page's paragraphs, the three together over half."""
    seventh = STORY[0].replace("Paragraph 0", "Paragraph 6")
    parts = [STORY[:3], STORY[3:5], [*STORY[5:], seventh]]
    blocks = [
        f"<div class='{names}'>" + "".join(f"<p>{p}</p>" for p in part) + "</div>"
        for names, part in zip(
            ("article__content hidden-print", "article__content", "article__content"),
            parts,
            strict=True,
        )
    ]
    html = f"<html><body>{CHROME}<article>{''.join(blocks)}</article>{AFTER}{FOOTER}</body></html>"
    tree = parse_html(html)
    shield_story_container(tree)
    assert [div.get("class") for div in tree.xpath("//article/div")] == ["article__content"] * 3
    # a lone container of under half of the page's paragraphs is left alone: the story
    # might be elsewhere
    others = [f"<div class='x{n}'>{b[b.index('>') + 1 :]}" for n, b in enumerate(blocks[1:])]
    lone = "".join([blocks[0], *others])
    tree = parse_html(f"<html><body>{CHROME}<article>{lone}</article>{AFTER}{FOOTER}</body></html>")
    shield_story_container(tree)
    assert tree.xpath("//article/div")[0].get("class") == "article__content hidden-print"


def test_each_part_of_a_split_story_loses_a_discarded_word() -> None:
    """BuzzFeed splits a story into "buzz_superlist_item" blocks, one of them also named
    "widget" by its layout: it is no container of most of the story, and went alone."""
    first = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[:3])
    second = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[3:5])
    third = f"<p>{STORY[5]}</p><p>{STORY[0].replace('Paragraph 0', 'Last paragraph')}</p>"
    body = (
        f"<div class='item item-text'>{first}</div><div class='ad-slot'>Advertisement</div>"
        f"<div class='item item-text widget'>{second}</div>"
        f"<div class='item item-text'>{third}</div>"
    )
    html = _page("k3").replace(
        "<div class='k3'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div>", body
    )
    assert "item-text widget" in html
    text = extract_article(html.encode(), url="https://news.example/budget").text
    for paragraph in STORY:
        assert paragraph in text, text[:300]
    assert "Last paragraph" in text


@pytest.mark.parametrize(
    ("sidebar", "widget"),
    [("<div id='sidebar'>", "<div id='text-3' class='widget widget_text'>"),
     ("<div class='k9'>", "<div class='widget widget_text'>"),
     ("<div class='sidebar'>", "<div class='k8'>")],
)  # fmt: skip
def test_a_sidebar_s_long_text_widget_keeps_its_names(sidebar: str, widget: str) -> None:
    # a short story beside a long text widget in a sidebar written with divs: the widget
    # holds most of the paragraph text, and is still no story to shield
    manifesto = "".join(
        f"<p>Principle {n} of our manifesto: we stand for openness, participation and "
        "transparency at every level of the state, from the town hall to the parliament, "
        "and we ask every member to carry it into the debates of the coming year.</p>"
        for n in range(6)
    )
    story = "".join(f"<p>{paragraph}</p>" for paragraph in STORY[:3])
    html = (
        "<html><head><title>Council weighs the budget</title></head><body>"
        f"{CHROME}<div class='post'><h1>Council weighs the budget</h1>"
        f"<div class='entry'>{story}</div></div>"
        f"{sidebar}{widget}<h3>Our manifesto</h3><div class='textwidget'>{manifesto}</div>"
        f"</div></div>{FOOTER}</body></html>"
    )
    tree = parse_html(html)
    shield_story_container(tree)
    assert tree.xpath("//div[@class='textwidget']")
    text = extract_article(html.encode(), url="https://news.example/budget").text
    for paragraph in STORY[:3]:
        assert paragraph in text, text[:300]
    assert "manifesto" not in text


def test_blogger_s_posts_widget_is_shielded() -> None:
    # Blogger names the block of its posts "widget Blog": a story's, not a sidebar's
    html = _page("widget Blog")
    text = extract_article(html.encode(), url="https://news.example/budget").text
    for paragraph in STORY:
        assert paragraph in text, text[:300]


def test_a_tag_name_lxml_cannot_create_is_judged_without_a_crash() -> None:
    # the parser keeps "but&#99999999;ton" from broken markup, but lxml will not create an
    # element of that name: it is judged as a tag no discard expression names
    html = (
        "<html><body><div class='story'>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
        + "</div><div class='rest'><p>"
        + STORY[0]
        + "</p><but&#99999999;ton class='share-bar'>Share</but&#99999999;ton></div>"
        "</body></html>"
    )
    tree = parse_html(html)
    odd = next(e for e in tree.iter() if isinstance(e.tag, str) and e.tag.startswith("but"))
    assert discarded_by_name(odd) is False
    text = extract_article(html.encode(), url="https://news.example/budget").text
    assert STORY[0] in text
