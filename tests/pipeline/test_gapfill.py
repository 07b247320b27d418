"""gapfill: default mode's second opinion, taken only inside the story precision mode kept."""

from __future__ import annotations

from pathlib import Path

import trafilatura
from lxml.html import HtmlElement

from workers.pipeline.extract import extract_article, parse_html
from workers.pipeline.gapfill import fill_gaps, has_gap, locate_story

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "gift-guide.html"
URL = "https://desk.example/reviews/gift-guide"

PRODUCTS = (
    "Northlight Adjustable LED Desk Lamp",
    "Fjord Aluminium Laptop Stand",
    "Quietkey Low Profile Wireless Keyboard",
)


# --- the whole stage on a page whose product names are single-link headings --------------------


def test_precision_mode_alone_loses_the_product_names() -> None:
    """The loss this module exists for: if trafilatura kept them, the next test proves nothing."""
    text = trafilatura.extract(PAGE.read_bytes(), favor_precision=True, include_comments=False)
    assert text is not None
    assert "The lamp has five colour temperatures" in text
    assert not any(name in text for name in PRODUCTS)


def test_page_keeps_the_product_names_in_place() -> None:
    paragraphs = extract_article(PAGE.read_bytes(), url=URL).text.split("\n\n")
    for name in PRODUCTS:
        assert name in paragraphs
    # each name heads the paragraph about it
    lamp = paragraphs.index("Northlight Adjustable LED Desk Lamp")
    assert paragraphs[lamp + 1].startswith("The lamp has five colour temperatures")
    keyboard = paragraphs.index("Quietkey Low Profile Wireless Keyboard")
    assert paragraphs[keyboard + 1].startswith("The keys are quiet enough")


def test_page_leaves_out_the_shouted_promotion_and_the_links_after_the_story() -> None:
    text = extract_article(PAGE.read_bytes(), url=URL).text
    # default mode keeps all three; they are not story text
    default = trafilatura.extract(PAGE.read_bytes(), include_comments=False) or ""
    assert "CLICK HERE TO GET OUR DEALS APP" in default
    assert "Webcams that make you look less tired" in default
    assert "CLICK HERE" not in text
    assert "Webcams that make you look less tired" not in text
    assert "Office chairs under two hundred pounds" not in text
    assert text.endswith("We will update this guide as the sales begin next month.")


INTERVIEW = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "interview.html"
QUESTIONS = (
    "How did you start working on sea walls?",
    "What is the hardest part of the job?",
    "What has changed in twenty years?",
    "What are you looking forward to next?",
)


def test_precision_mode_alone_loses_the_interview_questions() -> None:
    # each question is a heading with an empty anchor link; precision mode drops them
    text = trafilatura.extract(INTERVIEW.read_bytes(), favor_precision=True) or ""
    assert "The tides. You can only pour concrete" in text
    assert not any(question in text for question in QUESTIONS)


def test_headings_of_a_container_without_a_known_class_are_put_back() -> None:
    # the story's container ("post__content markdown-body") matches none of trafilatura's
    # container names when read alone; it is still read as a story, headings included
    paragraphs = extract_article(INTERVIEW.read_bytes(), url=URL).text.split("\n\n")
    for question in QUESTIONS:
        assert question in paragraphs
    hardest = paragraphs.index("What is the hardest part of the job?")
    assert paragraphs[hardest + 1].startswith("The tides.")
    assert paragraphs[-1].startswith("Finishing the breakwater at Carrick")
    assert not any("Related posts" in p or "lighthouse keeper" in p for p in paragraphs)


# --- has_gap -------------------------------------------------------------------------------------


def _tree(body: str) -> HtmlElement:
    tree = parse_html(f"<html><body>{body}</body></html>")
    assert tree is not None
    return tree


STORY = (
    "<div id='story'>"
    "<p>The council met on Monday to discuss the new flood barrier.</p>"
    "<p><a href='/x'>https://council.example/minutes/2019/flood-barrier</a></p>"
    "<p>Work is due to start in the spring and take two years.</p>"
    "</div>"
    "<ul id='more'><li>Another story about something else entirely</li></ul>"
)


def test_has_gap_returns_the_container_of_the_kept_blocks() -> None:
    tree = _tree(STORY)
    kept = (
        "The council met on Monday to discuss the new flood barrier.\n"
        "Work is due to start in the spring and take two years."
    )
    container = has_gap(tree, kept)
    assert container is not None
    assert container.get("id") == "story"


def test_has_gap_is_none_when_every_block_between_is_kept() -> None:
    tree = _tree(STORY)
    kept = (
        "The council met on Monday to discuss the new flood barrier.\n"
        "https://council.example/minutes/2019/flood-barrier\n"
        "Work is due to start in the spring and take two years."
    )
    assert has_gap(tree, kept) is None


def test_a_short_heading_is_kept_as_a_line_of_its_own_and_a_dropped_one_is_a_gap() -> None:
    """Headings shorter than a paragraph's prefix are looked up as lines (a list item's
    after "- "), and one that opens no line of the kept text is a hole between two kept
    paragraphs, however short."""
    first = "The council met on Monday to discuss the new flood barrier at last."
    last = "Work is due to start in the spring and take two years to finish."
    tree = _tree(
        f"<div id='s'><p>{first}</p><h2>What comes next</h2><p>{last}</p>"
        f"<h3>A to Z</h3><p>{last} Again.</p></div>"
    )
    assert has_gap(tree, f"{first}\nWhat comes next\n{last}\nA to Z\n{last} Again.") is None
    assert has_gap(tree, f"{first}\n- What comes next\n{last}\n- A to Z\n{last} Again.") is None
    # the heading's words opening a longer word do not make it kept
    container = has_gap(tree, f"{first}\nWhat comes next’s plan\n{last}\nA to Z\n{last} Again.")
    assert container is not None and container.get("id") == "s"
    # a heading missing from the text (and a short one under the index's length)
    assert has_gap(tree, f"{first}\n{last}\nA to Z\n{last} Again.") is not None
    assert has_gap(tree, f"{first}\nWhat comes next\n{last}\n{last} Again.") is not None


def test_a_short_subheading_dropped_is_a_gap_but_one_kept_outside_stretches_nothing() -> None:
    first = "The council met on Monday to discuss the new flood barrier at last."
    last = "Work is due to start in the spring and take two years to finish."
    tree = _tree(
        f"<div id='page'><h2>Contents</h2><div id='s'><p>{first}</p><h3>Fazit</h3>"
        f"<p>{last}</p></div><p>A label</p></div>"
    )
    container = has_gap(tree, f"{first}\n{last}")
    assert container is not None and container.get("id") == "s"
    assert has_gap(tree, f"{first}\nFazit\n{last}") is None
    # a short heading kept before the story is no end of it (nor a label that is no heading)
    container, gap = locate_story(tree, f"Contents\n{first}\nFazit\n{last}")
    assert container is not None and container.get("id") == "s" and not gap


def test_a_page_read_as_loose_paragraphs_gets_its_short_subheadings_back() -> None:
    # names trafilatura does not know: precision mode reads the page's loose paragraphs,
    # every subheading lost; default mode's reading of the container has them
    body = (
        f"<p>{FERRY[0]}</p><p>{FERRY[1]}</p><h3>Status Quo</h3><p>{FERRY[2]}</p>"
        f"<p>{FERRY[3]}</p><h3>Fazit</h3><p>{FERRY[4]}</p>"
    )
    html = (
        "<html><head><title>Ferry terminal</title></head><body><div class='xa1'>"
        f"<h1>Ferry terminal to close</h1><div class='xb2'>{body}</div></div>"
        "<div class='xc3'><a href='/a'>Home</a></div></body></html>"
    )
    paragraphs = extract_article(html.encode(), url=URL).text.split("\n\n")
    assert paragraphs == [*FERRY[:2], "Status Quo", *FERRY[2:4], "Fazit", FERRY[4]]


FERRY = (
    "The harbour board voted on Monday to close the old ferry terminal, which has stood on "
    "the south quay since 1931.",
    "Engineers told the board that the terminal's piles had rotted below the waterline and "
    "could not be saved.",
    "The new terminal will have a covered waiting room, a ticket office and a ramp for cars "
    "and bicycles.",
    "Ferry passengers will use a temporary pontoon on the north quay while the work goes on "
    "for two years.",
    "The board will publish the plans in the library next week and take comments from the "
    "public until June.",
)


def test_a_block_outside_the_kept_run_is_not_a_gap() -> None:
    # the list after the story was not kept, but it lies after the last kept block
    tree = _tree(STORY)
    assert has_gap(tree, "Work is due to start in the spring and take two years.") is None
    assert has_gap(tree, "") is None
    assert has_gap(tree, "Nothing on this page matches this text at all.") is None


ASSEMBLY = (
    "<div id='main'><div id='story'>"
    "<p>Decisions of the education assembly of Tuesday</p>"
    "<p>The assembly brought together eighty teachers from thirty schools.</p>"
    "<p><a href='mailto:x@example.org'>follow.reforms.assembly@example.org</a></p>"
    "<p>It calls on everyone to send their reports to that address.</p>"
    "</div><div class='aside'><div class='menu'><ul id='same-section'>"
    "<li>Call of the assembly of Monday the second</li>"
    "<li>Decisions of the education assembly of Tuesday</li>"
    "</ul></div></div></div>"
)
ASSEMBLY_KEPT = (
    "Decisions of the education assembly of Tuesday\n"
    "The assembly brought together eighty teachers from thirty schools.\n"
    "It calls on everyone to send their reports to that address."
)


def test_the_container_holds_both_ends_when_they_sit_in_different_branches() -> None:
    # a sidebar's list item is kept after the story: the last kept block is deep in another
    # branch, so the container is the element above story and sidebar (a lookup by id() of
    # lxml's short-lived proxies once answered the sidebar's list here)
    kept = ASSEMBLY_KEPT + "\nCall of the assembly of Monday the second"
    container = has_gap(_tree(ASSEMBLY), kept)
    assert container is not None
    assert container.get("id") == "main"


def test_a_repeat_of_a_kept_block_below_the_story_does_not_stretch_the_container() -> None:
    """The story's title kept once and repeated in a sidebar list (as a comment below a
    story may quote one of its subheadings) is the story's block: the container is the
    story's, whose later parts and gaps are then looked for beside it and in it."""
    container = has_gap(_tree(ASSEMBLY), ASSEMBLY_KEPT)
    assert container is not None
    assert container.get("id") == "story"
    # kept twice, both blocks are the kept text's
    container = has_gap(_tree(ASSEMBLY), ASSEMBLY_KEPT + "\n" + ASSEMBLY_KEPT.split("\n")[0])
    assert container is not None and container.get("id") == "main"


def test_a_short_line_repeated_below_counts_whole_lines_not_longer_lines_it_opens() -> None:
    """A meal plan repeats its short lines ("Containers: 1 Purple") from one day to the
    next, and the kept day's longer lines open with them ("Containers: 1 Purple, 1 Red"):
    the short line kept once is held once, so its repeat in the next part, which was not
    kept, does not stretch the container to the part's parent."""
    page = (
        "<div id='page'><div id='day-one'>"
        "<p>Breakfast is two eggs with asparagus and a slice of toast.</p>"
        "<p>Containers: 1 Purple</p>"
        "<p>Containers: 1 Purple, 1 Red, 1 Yellow and a spoon of oil</p>"
        "<p>Lunch is a bowl of chicken noodles with sesame oil.</p>"
        "</div><div id='ad'>Advertisement</div><div id='day-two'>"
        "<p>Breakfast is porridge with blueberries and a spoon of honey.</p>"
        "<p>Containers: 1 Purple</p>"
        "</div></div>"
    )
    kept = (
        "Breakfast is two eggs with asparagus and a slice of toast.\n"
        "Containers: 1 Purple\n"
        "Containers: 1 Purple, 1 Red, 1 Yellow and a spoon of oil\n"
        "Lunch is a bowl of chicken noodles with sesame oil."
    )
    container, _ = locate_story(_tree(page), kept)
    assert container is not None and container.get("id") == "day-one"
    # kept twice as a line of its own, the second is the next part's
    container, _ = locate_story(_tree(page), kept + "\nContainers: 1 Purple")
    assert container is not None and container.get("id") == "page"


# --- fill_gaps -----------------------------------------------------------------------------------


KEPT = "First paragraph of the story here.\nSecond paragraph of the story here.\nLast one."


def test_lines_between_shared_lines_are_put_back_in_order() -> None:
    fuller = (
        "First paragraph of the story here.\n"
        "Product Name Heading Here\n"
        "Second paragraph of the story here.\n"
        "https://example.org/the/cited/source\n"
        "Last one."
    )
    assert fill_gaps(KEPT, fuller).split("\n") == [
        "First paragraph of the story here.",
        "Product Name Heading Here",
        "Second paragraph of the story here.",
        "https://example.org/the/cited/source",
        "Last one.",
    ]


def test_lines_before_the_first_and_after_the_last_shared_line_are_not_taken() -> None:
    fuller = (
        "Sign up for our newsletter today please\n"
        "First paragraph of the story here.\n"
        "Second paragraph of the story here.\n"
        "Last one.\n"
        "A related story headline about something else"
    )
    assert fill_gaps(KEPT, fuller) == KEPT


def test_a_boilerplate_line_both_modes_kept_at_the_end_ends_nothing() -> None:
    """A share row at the container's end both modes keep: what lies between the story and
    it is not the story's middle."""
    share = "Share on X Share on Facebook Share on LinkedIn Share via Email"
    kept = f"{KEPT}\n{share}"
    fuller = (
        f"{KEPT}\n"
        "Subscribe to our YouTube channel for all of the latest videos\n"
        "The best phones of the year reviewed and ranked by our team\n"
        f"{share}"
    )
    assert fill_gaps(kept, fuller) == kept
    # between two story lines, a line is put back as before
    inside = fuller.replace("Second paragraph", "Put back, this line is.\nSecond paragraph")
    assert "Put back, this line is." in fill_gaps(kept, inside).split("\n")


def test_a_boilerplate_line_at_the_start_still_anchors_the_story_s_key_points() -> None:
    """A byline's row above the story: the key points precision mode dropped between it and
    the story's first paragraph are the story's."""
    byline = "By Jane Doe | Updated 2 hours ago"
    kept = f"{byline}\n{KEPT}"
    fuller = f"{byline}\n- Retiring early takes time and discipline.\n{KEPT}"
    assert "- Retiring early takes time and discipline." in fill_gaps(kept, fuller).split("\n")


def test_shouted_lines_and_short_labels_are_not_taken() -> None:
    fuller = (
        "First paragraph of the story here.\n"
        "CLICK HERE TO GET THE NEWS APP\n"
        "Explore further\n"
        "Second paragraph of the story here.\n"
        "Last one."
    )
    assert fill_gaps(KEPT, fuller) == KEPT


def test_a_rule_of_underscores_between_the_story_s_parts_is_taken() -> None:
    """The Associated Press's "___" between the parts of a story, which the annotators keep
    and precision mode dropped once the page's tags were divs."""
    fuller = KEPT.replace("\nSecond", "\n___\nSecond")
    assert fill_gaps(KEPT, fuller).split("\n")[1] == "___"
    assert fill_gaps(KEPT, KEPT.replace("\nSecond", "\n_\nSecond")) == KEPT


def test_a_short_item_of_a_list_whose_items_come_back_comes_back_too() -> None:
    """A hiking kit's list between two paragraphs: its items of three words come back, and
    so do "- baby carrier" and "- camera" among them. A list of mostly short items (a
    menu's) leaves its short items out."""
    kit = ["- Arrowhead bottled water", "- baby carrier", "- healthy snack bars", "- camera"]
    fuller = KEPT.replace("\nSecond", "\n" + "\n".join(kit) + "\nSecond")
    assert fill_gaps(KEPT, fuller).split("\n")[1:5] == kit
    menu = ["- News", "- Sport", "- Weather reports and forecasts", "- Travel"]
    fuller = KEPT.replace("\nSecond", "\n" + "\n".join(menu) + "\nSecond")
    assert fill_gaps(KEPT, fuller).split("\n")[1:3] == [
        "- Weather reports and forecasts",
        "Second paragraph of the story here.",
    ]


def test_a_short_subheading_over_a_kept_paragraph_is_taken() -> None:
    """Shorter than a label, a subheading of the story's ("Fazit", "Status Quo") comes back
    when it is one of the container's headings and the first line after it (past other
    headings) is a paragraph of running text both readings kept."""
    kept = (
        "The council met on Monday to discuss the new flood barrier for the harbour.\n"
        "Work is due to start in the spring and take two years, the engineers told it.\n"
        "Last one."
    )
    fuller = (
        "The council met on Monday to discuss the new flood barrier for the harbour.\n"
        "Background\n"
        "Costs\n"
        "Work is due to start in the spring and take two years, the engineers told it.\n"
        "Last one."
    )
    headings = frozenset({"Background", "Costs"})
    lines = fill_gaps(kept, fuller, headings).split("\n")
    assert lines[1:3] == ["Background", "Costs"]
    assert fill_gaps(kept, fuller) == kept  # not known as headings: two labels
    # over a short line (an author box's greeting, a dateline) it is a label still
    dated = "Published: Monday, 3 March.\nWork is due"
    short = fill_gaps(kept.replace("Work is due", dated), fuller.replace("Work is due", dated),
                      headings)  # fmt: skip
    assert "Costs" not in short and "Published: Monday, 3 March." in short
    # nor is a shouted heading or a boilerplate one taken
    for label in ("MORE NEWS", "Advertisement"):
        loud = fuller.replace("Costs", label)
        assert label not in fill_gaps(kept, loud, headings | {label})


def test_a_video_or_podcast_card_s_title_is_not_taken_but_a_subheading_is() -> None:
    """A player's playlist between two paragraphs: precision mode drops it, default mode
    keeps its titles, and each title put back alone, without the running time after it
    that the cleaning pass drops it by, read as a subheading of the story."""
    fuller = (
        "First paragraph of the story here.\n"
        "Now Playing\n"
        "Five things to know before the election on Tuesday\n"
        "0:45\n"
        "The Daily Briefing from the newsroom\n"
        "Episode 42 · 23 min\n"
        "What the council decided on Tuesday\n"
        "Second paragraph of the story here.\n"
        "Last one."
    )
    lines = fill_gaps(KEPT, fuller).split("\n")
    assert "What the council decided on Tuesday" in lines  # a subheading comes back
    assert not any(line.startswith(("Five things", "The Daily Briefing")) for line in lines)


def test_a_long_line_repeating_kept_text_is_not_taken() -> None:
    kept = (
        "The council met on Monday to discuss the new flood barrier and its cost to residents.\n"
        "Work starts in spring."
    )
    fuller = (
        "The council met on Monday to discuss the new flood barrier and its cost to residents.\n"
        "The council met on Monday to discuss the new flood barrier and its cost to residents "
        "of the town.\n"
        "Work starts in spring."
    )
    assert fill_gaps(kept, fuller) == kept


def test_a_short_name_that_the_story_repeats_is_taken() -> None:
    kept = (
        "Intro line of the story.\n"
        "The Mophie 3-in-1 Wireless Charging Pad charges three devices."
    )
    fuller = (
        "Intro line of the story.\n"
        "Mophie 3-in-1 Wireless Charging Pad\n"
        "The Mophie 3-in-1 Wireless Charging Pad charges three devices."
    )
    assert "Mophie 3-in-1 Wireless Charging Pad" in fill_gaps(kept, fuller).split("\n")


def test_a_short_japanese_subheading_counts_its_characters_as_words() -> None:
    """"再起動して完了" ("restart, and it is done") is one run of word characters, but a
    subheading of seven words; "OK" between two paragraphs stays a label."""
    kept = (
        "ショートカットの欄を空欄にして適用をクリック。\n"
        "これでようやく元の操作性を取り戻せました。"
    )
    fuller = (
        "ショートカットの欄を空欄にして適用をクリック。\n再起動して完了\nOK\n"
        "これでようやく元の操作性を取り戻せました。"
    )
    assert fill_gaps(kept, fuller).split("\n") == [
        "ショートカットの欄を空欄にして適用をクリック。",
        "再起動して完了",
        "これでようやく元の操作性を取り戻せました。",
    ]


def test_lines_read_in_another_order_never_reorder_the_kept_text() -> None:
    kept = "Alpha paragraph one.\nBeta paragraph two.\nGamma paragraph three."
    # the fuller reading has Beta before Alpha; Alpha then anchors nothing
    fuller = (
        "Beta paragraph two.\n"
        "Alpha paragraph one.\n"
        "A product name between them\n"
        "Gamma paragraph three."
    )
    result = fill_gaps(kept, fuller).split("\n")
    assert [line for line in result if "paragraph" in line] == kept.split("\n")
    assert result.index("A product name between them") == 2


def test_a_line_the_fuller_reading_repeats_more_often_comes_back_each_time() -> None:
    """Bartleby's "I would prefer not to." comes again and again; precision mode kept it
    once. Each later copy between two shared lines is put back in its place, but not a
    copy right after itself (a heading shown twice), nor one read in another order."""
    reply = '"I would prefer not to."'
    kept = "\n".join(
        ["The first request of the day was put to him.", reply,
         "The second request came before noon.", "The third request came after lunch."]
    )  # fmt: skip
    fuller = "\n".join(
        ["The first request of the day was put to him.", reply,
         "The second request came before noon.", reply, reply,
         "The third request came after lunch."]
    )  # fmt: skip
    assert fill_gaps(kept, fuller).split("\n") == [
        "The first request of the day was put to him.", reply,
        "The second request came before noon.", reply,
        "The third request came after lunch.",
    ]  # fmt: skip
    # as often in both: nothing is added, whatever the order
    swapped = "\n".join(
        ["The first request of the day was put to him.", "The second request came before noon.",
         reply, "The third request came after lunch."]
    )  # fmt: skip
    assert fill_gaps(kept, swapped) == kept


def test_nothing_shared_leaves_the_kept_text_as_it_was() -> None:
    assert fill_gaps(KEPT, "Something else entirely\nAnd more of it here") == KEPT
    assert fill_gaps(KEPT, "") == KEPT


def test_a_headline_whose_words_open_the_story_is_not_a_kept_block() -> None:
    """TMZ's headline's first line, "Lupita Nyong'o", is the start of the story's first
    sentence; taken for kept, it made the post's wrapper the container, and the rest of the
    story after an ad (a sibling of the story's block) was never looked for."""
    first = (
        "Lupita Nyong'o's now-famous Oscar dress -- adorned in pearls -- was stolen right out "
        "of her hotel room, TMZ has learned from law enforcement sources."
    )
    second = "The dress is made of 6,000 white Akoya pearls and is valued at $150,000 in all."
    tree = _tree(
        "<div class='post'><div class='headline'><h2>Lupita Nyong'o</h2>"
        "<h1>Pearl Oscar Dress STOLEN</h1></div>"
        f"<div class='post-body'><p>{first}</p><p>{second}</p></div></div>"
    )
    container, _ = locate_story(tree, f"{first}\n{second}")
    assert container is not None and container.get("class") == "post-body"
    # kept as a line of its own, or as a list item's, the heading is a kept block
    for line in ("Lupita Nyong'o", "- Lupita Nyong'o"):
        container, _ = locate_story(tree, f"{line}\n{first}\n{second}")
        assert container is not None and container.get("class") == "post", line


def test_a_short_block_whose_words_sit_inside_a_kept_line_is_not_a_kept_block() -> None:
    """MIT Technology Review's logo, "MIT Technology Review", is in the kept text only
    inside a digest's lines ("... (MIT Technology Review)"): taken for kept, it made the
    page's wrapper the container, and default mode's second opinion on its gaps read the
    page's header instead of the story."""
    first = "Gulf states are racing against time to intercept the drone attacks this week."
    second = "What it is like to be banned for fighting online hate. (MIT Technology Review)"
    tree = _tree(
        "<div class='app'><header><div>MIT Technology Review</div></header>"
        f"<div class='story'><p>{first}</p><p>{second}</p></div></div>"
    )
    container, _ = locate_story(tree, f"{first}\n{second}")
    assert container is not None and container.get("class") == "story"
    # kept as a line of its own, the block is a kept block
    container, _ = locate_story(tree, f"MIT Technology Review\n{first}\n{second}")
    assert container is not None and container.get("class") == "app"


def test_a_list_between_paragraphs_comes_back_when_the_kept_text_spans_the_page() -> None:
    """A page whose names trafilatura does not know, its kept text running from a header's
    line to a footer's: the story's container is the whole ``<body>``, and default mode's
    second opinion on it, without a container of its own, gathered the same loose
    paragraphs. Read as one ``<article>``, the story's list between them comes back."""
    paragraphs = [
        f"Paragraph {n} of the story: the security and performance teams worked together for "
        "months on the release, and the results surprised the managers who had doubted them."
        for n in range(8)
    ]
    items = [
        ("Reframe security", " shift the mindset from one against the other."),
        ("Embed the checks", " run them with the load tests the team already has."),
        ("Measure both", " one dashboard shows latency and findings side by side."),
    ]
    listed = "".join(f"<li><strong>{label}:</strong>{rest}</li>" for label, rest in items)
    story = (
        "".join(f"<p>{p}</p>" for p in paragraphs[:3])
        + f"<ul>{listed}</ul>"
        + "".join(f"<p>{p}</p>" for p in paragraphs[3:])
    )
    html = (
        "<html><head><title>How I got a team to care</title></head><body>"
        "<div class='k0'><p>A weekly letter for engineering leaders, written by engineering "
        "leaders who care.</p></div>"
        f"<div class='k1'><h1>How I got a team to care</h1>{story}</div>"
        "<div class='k9'><p>Copyright notice: all of this site's words belong to its writers "
        "and its publisher.</p></div></body></html>"
    )
    text = extract_article(html.encode(), url="https://leaddev.example/a").text
    for label, rest in items:
        assert f"{label}:{rest}" in text, text[:600]
    assert text.index(paragraphs[2]) < text.index("Reframe security") < text.index(paragraphs[3])


def test_a_page_of_text_divs_gets_its_dropped_paragraph_back() -> None:
    """A site that writes every paragraph as a <div> (no <p> on the page: trafilatura reads
    the divs as paragraphs in its div mode). Precision mode drops a short div with a link
    (a reader's quip, the post embedded after it); the page's text divs are its blocks, so
    the hole between two kept ones is seen and default mode's reading puts it back (The
    Hill under the bench's ``--div-paragraphs``)."""
    story = [
        f"Paragraph {n} of the story: the state launched an anti-drug campaign this week with "
        "a slogan that drew ridicule online, and the governor defended it on Tuesday."
        for n in range(10)
    ]
    quip = "“South Dakota: if we were any higher, we’d be North Dakota,”"
    divs = [f"<div>{line}</div>" for line in story]
    link = "<a href='https://social.example/status/1'>one user quipped</a>"
    post = (
        "<blockquote><div>I love that they trademarked it. Nobody is going to take your "
        "slogan.</div>— A reader (@reader) </blockquote>"
    )
    divs[5:5] = [f"<div>{quip} {link}.</div>", "<div>Another wondered why.</div>", post]
    html = (
        "<html><head><title>Governor doubles down</title></head><body><article><div><div>"
        f"<div><div>{''.join(divs)}</div></div></div></div></article></body></html>"
    )
    text = extract_article(html.encode(), url="https://news.example/meth").text
    for line in story:
        assert line in text, text
    assert quip in text, text
    assert text.index(story[4]) < text.index(quip) < text.index(story[5])


def test_a_standfirst_that_opens_as_a_paragraph_does_is_not_a_kept_block() -> None:
    """Fox Business's standfirst, an <h2> in the header, opens with the same 40 characters as
    a paragraph of the story: the paragraph's line goes on otherwise, and the heading is not
    kept, so the story's container is its body's block, after which the rest of a story is
    looked for (and not the article around header and body)."""
    lead = "The home-improvement retailer earned $2.8 billion"
    paragraphs = [
        f"{lead}, or $2.53 per diluted share, as revenue rose 3.5 percent to $27.2 billion.",
        "Comparable sales rose 3.6 percent, missing the 4.8 percent gain that was expected.",
    ]
    page = (
        f"<article id='wrap'><header><h1>Home Depot sales miss</h1><h2>{lead} in the third "
        "quarter.</h2></header><div id='body'>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</div></article>"
    )
    container, _ = locate_story(_tree(page), "\n".join(paragraphs))
    assert container is not None and container.get("id") == "body"
    # the heading kept is a kept block
    kept = f"{lead} in the third quarter.\n" + "\n".join(paragraphs)
    container, _ = locate_story(_tree(page), kept)
    assert container is not None and container.get("id") == "wrap"


def test_a_kept_footer_after_the_story_does_not_stretch_its_container() -> None:
    """On a page whose names trafilatura does not know, it keeps the footer's copyright line
    (and CNBC's market data notice after it); the story's container stretched to the page's
    wrapper, beside which the rest of a split story was never looked for. A licence's own
    copyright line, the licence's text after it, is kept text like any other."""
    story = [
        "During the design week the showroom features a light installation by the designer.",
        "The installation presents a new collection of chandeliers made of modular parts.",
    ]
    notice = "Data is a real-time snapshot. Data is delayed at least 15 minutes."
    page = (
        "<div id='page'><div id='main'><div id='story'>"
        + "".join(f"<p>{p}</p>" for p in story)
        + "</div><div id='rest'><p>More of the story after an advertisement.</p></div></div>"
        "<div id='footer'><p>© 2019 Inexhibit LLC. All Rights Reserved.</p>"
        f"<p>{notice}</p></div></div>"
    )
    kept = "\n".join([*story, "© 2019 Inexhibit LLC. All Rights Reserved.", notice])
    container, _ = locate_story(_tree(page), kept)
    assert container is not None and container.get("id") == "story"
    # a licence's text after its copyright line spans the container as the story does
    terms = " ".join(f"Term {n} of the licence says what may be copied and how." for n in range(8))
    licence = page.replace(f"<p>{notice}</p>", f"<p>{terms}</p>")
    kept = "\n".join([*story, "© 2019 Inexhibit LLC. All Rights Reserved.", terms])
    container, _ = locate_story(_tree(licence), kept)
    assert container is not None and container.get("id") == "page"
