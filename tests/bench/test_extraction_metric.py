"""The benchmark metric of bench/extraction.py on toy inputs with known answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.benchscript import load

BENCH = Path(__file__).resolve().parents[2] / "bench" / "extraction.py"


bench = load("extraction")


def test_tokenize_is_unicode_word_runs_with_case_kept() -> None:
    assert bench.tokenize("Hello, World! it's 2025 — café-au-lait") == [
        "Hello", "World", "it", "s", "2025", "café", "au", "lait",
    ]  # fmt: skip
    assert bench.tokenize("Привет мир 東京") == ["Привет", "мир", "東京"]
    assert bench.tokenize(" ... ") == []


def test_shingles_are_a_multiset_of_four_token_runs() -> None:
    assert bench.shingles(["a", "b", "c", "d", "e"]) == {
        ("a", "b", "c", "d"): 1,
        ("b", "c", "d", "e"): 1,
    }
    assert bench.shingles(list("aaaaaa")) == {("a", "a", "a", "a"): 3}
    assert bench.shingles(["a", "b"]) == {("a", "b"): 1}  # shorter than 4: one shingle
    assert bench.shingles([]) == {}


def test_page_counts_known_values() -> None:
    assert bench.page_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    assert bench.page_counts("", "") == (1.0, 0.0, 0.0)  # empty pair: a perfect page
    assert bench.page_counts("a b c d", "") == (0.0, 0.0, 1.0)
    assert bench.page_counts("", "a b c d") == (0.0, 1.0, 0.0)
    # truth a..e (2 shingles), predicted a..f (3 shingles): tp 2, fp 1, fn 0 -> scaled by 3
    tp, fp, fn = bench.page_counts("a b c d e", "a b c d e f")
    assert (tp, fp, fn) == pytest.approx((2 / 3, 1 / 3, 0.0))
    # multiset: a repeated shingle only matches as often as it occurs in both
    tp, fp, fn = bench.page_counts("x x x x", "x x x x x x")  # 1 vs 3 copies of (x,x,x,x)
    assert (tp, fp, fn) == pytest.approx((1 / 3, 2 / 3, 0.0))
    # case and punctuation: case matters, punctuation does not
    assert bench.page_counts("One, two; three four", "One two three four") == (1.0, 0.0, 0.0)
    assert bench.page_counts("One two three four", "one two three four") == (0.0, 0.5, 0.5)


def test_score_is_f1_of_mean_precision_and_mean_recall() -> None:
    pairs = [
        ("a b c d e", "a b c d e f"),  # P = 2/3, R = 1
        ("a b c d e f g", "a b c d"),  # P = 1, R = 1/4
    ]
    scores = bench.score(pairs)
    p, r = (2 / 3 + 1) / 2, (1 + 1 / 4) / 2
    assert scores.precision == pytest.approx(p)
    assert scores.recall == pytest.approx(r)
    assert scores.f1 == pytest.approx(2 * p * r / (p + r))
    mean_of_f1s = ((2 * (2 / 3) / (5 / 3)) + (2 * 0.25 / 1.25)) / 2
    assert scores.f1 != pytest.approx(mean_of_f1s)
    assert scores.accuracy == 0.0


def test_empty_predictions_count_for_recall_only_and_accuracy_compares_tokens() -> None:
    pairs = [
        ("a b c d", ""),  # nothing predicted: excluded from precision, recall 0
        ("a b c d", "a, b. c d"),  # same tokens: exact
        ("", ""),  # both empty: 1 for both, and exact
    ]
    scores = bench.score(pairs)
    assert scores.precision == pytest.approx(1.0)
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.accuracy == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        bench.score([])


def test_shared_dir_can_be_overridden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSRELAY_SHARED", str(tmp_path))
    assert bench.shared_dir() == tmp_path
    monkeypatch.delenv("NEWSRELAY_SHARED")
    assert bench.shared_dir() == BENCH.parents[1].parent / "shared"


def test_scramble_classes_renames_consistently_and_keeps_text_and_tags() -> None:
    html = (
        b'<div class="story body" id="main"><p class=\'story\'>The story stays</p>'
        b'<span CLASS = "caption">A caption</span></div>'
    )
    out = bench.scramble_classes(html)
    for name in (b'"story', b"'story'", b"body", b'"main"', b'"caption"'):
        assert name not in out
    names = re.findall(rb"""(?:class|id)\s*=\s*["']([^"']*)["']""", out, re.I)
    first = names[0].split()
    assert len(first) == 2 and first[0] == names[2]  # "story" twice: one token
    assert len(set(names[1:])) == 3
    assert b">The story stays</p>" in out and b">A caption</span></div>" in out


def test_plain_tags_writes_the_page_parts_as_divs_and_keeps_the_rest() -> None:
    html = (
        b'<body><ARTICLE class="story"><Header><h1>Title</h1></Header><section id="s">'
        b"<p>Text</p></section></ARTICLE><aside>Side</aside><nav>Menu</nav>"
        b'<mainframe>x</mainframe><sectioned/><footer data-x="1">Foot</footer></body>'
    )
    out = bench.plain_tags(html)
    assert out == (
        b'<body><div class="story"><div><h1>Title</h1></div><div id="s">'
        b"<p>Text</p></div></div><div>Side</div><div>Menu</div>"
        b'<mainframe>x</mainframe><sectioned/><div data-x="1">Foot</div></body>'
    )


def test_split_story_cuts_the_container_in_two_of_one_class_with_an_ad_between() -> None:
    paragraphs = "".join(f"<p>Paragraph {n} of the story.</p>" for n in range(6))
    html = (
        '<html><head><meta charset="windows-1252"><title>T</title></head><body>'
        f'<div class="menu"><p>Home</p></div><div class="story" id="s1">{paragraphs}</div>'
        "<div>Caf\xe9 footer</div></body></html>"
    ).encode("cp1252")
    out = bench.split_story(html)
    assert b'<meta charset="utf-8">' in out and b"windows-1252" not in out
    assert "Café footer".encode() in out  # decoded by the page's charset, written as UTF-8
    halves = re.findall(rb'<div class="story"[^>]*>(.*?)</div>', out)
    assert len(halves) == 2
    assert halves[0].count(b"<p>") == 3 and halves[1].count(b"<p>") == 3
    assert b"Paragraph 3" in halves[1] and b'id="s1"' in out and out.count(b'id="s1"') == 1
    assert re.search(rb'id="s1">.*?</div><div class="ad-slot">.*?</div><div class="story">', out)
    # a page without a container of four paragraphs is left as it was
    short = b'<html><body><div class="story"><p>One.</p><p>Two.</p></div></body></html>'
    assert bench.split_story(short) == short


def test_table_layout_puts_the_story_in_a_cell_beside_the_navigation() -> None:
    paragraphs = "".join(f"<p>Paragraph {n} of the story.</p>" for n in range(3))
    html = (
        f'<html><body><div class="page"><div class="story">{paragraphs}</div>tail text'
        "</div></body></html>"
    ).encode()
    out = bench.table_layout(html)
    assert re.search(
        rb'<table[^>]*><tr><td[^>]*><a href="/">Home</a>.*?</td><td[^>]*><div class="story">'
        rb"<p>Paragraph 0",
        out,
    )
    assert b"</div></td></tr></table>tail text</div>" in out  # the container's tail stays put
    assert bench.table_layout(b"<html><body>no paragraphs</body></html>") == (
        b"<html><body>no paragraphs</body></html>"
    )


def test_wrap_paragraphs_puts_each_story_paragraph_in_a_block_of_its_own() -> None:
    html = b'<html><body><div class="story"><p>One.</p>x<p>Two.</p></div></body></html>'
    out = bench.wrap_paragraphs(html)
    assert (
        b'<div class="story"><div class="text-block"><p>One.</p></div>x'
        b'<div class="text-block"><p>Two.</p></div></div>'
    ) in out


def test_related_boxes_go_after_the_second_and_the_middle_paragraph() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(6))
    html = f'<html><body><div class="s">{paragraphs}</div></body></html>'.encode()
    out = bench.related_boxes(html)
    boxes = re.findall(rb"<p>Paragraph (\d)\.</p><div class=\"bx-\d+\"><h3>([^<]+)</h3><ul>", out)
    assert [int(n) for n, _ in boxes] == [1, 3]
    assert all(heading.decode() in bench._BOX_HEADINGS for _, heading in boxes)
    assert out.count(b"<li><a href=") == 6


def test_teaser_cards_follow_the_story_s_container_with_a_label_and_three_cards() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(4))
    html = f'<html><body><div class="s">{paragraphs}</div>tail</body></html>'.encode()
    out = bench.teaser_cards(html).decode()
    story_end = out.index("<p>Paragraph 3.</p></div>") + len("<p>Paragraph 3.</p></div>")
    label = re.match(r'<div class="tw-\d+"><h3>([^<]+)</h3><div class="tl-\d+">', out[story_end:])
    assert label is not None and label.group(1) in bench._CARD_LABELS
    cards = re.findall(r'<a href="(/news/[^"]+)"><h3>([^<]+)</h3></a><p>([^<]+)</p>', out)
    assert [headline for _, headline, _ in cards] == list(bench._BOX_HEADLINES[:3])
    assert out.count("By <a href=\"/authors/") == 3
    assert out.rstrip().endswith("</div></div>tail</body></html>")


def test_comment_thread_follows_the_story_with_entries_and_a_form() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(4))
    html = (
        "<html><head><title>Ferry fares rise</title></head><body><main>"
        f'<div class="s">{paragraphs}</div><div class="t">Paragraph 4.</div></main></body></html>'
    ).encode()
    out = bench.comment_thread(html).decode()
    # after everything the container's parent holds, so a story in two containers stays whole
    assert out.index("Paragraph 4.") < out.index("says:")
    heading = re.search(r"<h3>([^<]+)</h3><ol", out)
    assert heading is not None
    assert heading.group(1) in [h.format(title="Ferry fares rise") for h in bench._THREAD_HEADINGS]
    assert out.count("says:") == 3 and out.count(">Reply</a>") == 3
    assert "<textarea>" in out and "Leave a Reply" in out


#: a container of fewer than four paragraphs: the probes that need a long story leave it as it was
SHORT = b'<html><body><div class="s"><p>One.</p><p>Two.</p></div></body></html>'


def test_signup_box_goes_after_the_middle_paragraph() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(4))
    html = f'<html><body><div class="s">{paragraphs}</div></body></html>'.encode()
    out = bench.signup_box(html).decode()
    box = re.search(r"<p>Paragraph 2\.</p><div class=\"s\d+\"><h4>([^<]+)</h4>", out)
    assert box is not None and box.group(1) in [h for h, _ in bench._SIGNUP_BOXES]
    assert '<input type="email"' in out and "By signing up" in out
    assert out.index("By signing up") < out.index("<p>Paragraph 3.</p>")
    assert bench.signup_box(SHORT) == SHORT


def test_tag_row_ends_the_story_s_container() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(2))
    html = f'<html><body><div class="s">{paragraphs}</div>tail</body></html>'.encode()
    out = bench.tag_row(html).decode()
    row = re.search(r'<p>Paragraph 1\.</p><div class="g\d+"><span>([^<]+)</span> <a', out)
    assert row is not None and row.group(1) in bench._TAG_LABELS
    assert out.count('href="/tag/') == 3 and "</a></div></div>tail" in out


def test_video_playlist_goes_after_the_second_paragraph() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(4))
    html = f'<html><body><div class="s">{paragraphs}</div></body></html>'.encode()
    out = bench.video_playlist(html).decode()
    cards = re.findall(r"<span>([^<]+)</span><h4>([^<]+)</h4><span>(\d:\d\d)</span>", out)
    labels = [(label, time) for label, _, time in cards]
    assert labels == [("Now Playing", "0:45"), ("Up Next", "1:12")]
    assert all(title in bench._BOX_HEADLINES for _, title, _ in cards)
    assert out.index("<p>Paragraph 1.</p>") < out.index("Now Playing") < out.index("Paragraph 2.")


def test_label_rows_go_at_the_start_middle_and_end_with_no_space_between_labels() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(4))
    html = f'<html><body><div class="s">{paragraphs}</div>tail</body></html>'.encode()
    out = bench.label_rows(html).decode()
    rows = re.findall(r'<div class="r\d+">(.*?)</div>', out)
    assert len(rows) == 3
    start, middle, end = rows
    assert start in bench._START_ROWS
    assert any(middle == row.format(headline=h) for row in bench._MIDDLE_ROWS
               for h in bench._BOX_HEADLINES)  # fmt: skip
    assert end in bench._END_ROWS
    # no space between a row's elements: the style sheet sets them apart
    assert all("> <" not in row for row in rows)
    assert out.index(start) < out.index("Paragraph 0.")
    assert out.index("Paragraph 2.") < out.index(middle) < out.index("Paragraph 3.")
    assert out.index("Paragraph 3.") < out.index(end) < out.index("tail")
    assert bench.label_rows(SHORT) == SHORT


def test_discarded_names_adds_one_word_to_the_container_s_class() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(4))
    html = f'<html><body><div class="post-body">{paragraphs}</div></body></html>'.encode()
    out = bench.discarded_names(html).decode()
    names = re.search(r'<div class="post-body ([^"]+)">', out)
    assert names is not None and names.group(1) in bench._DISCARDED_NAMES
    assert out.count("<p>Paragraph") == 4
    assert bench.discarded_names(SHORT) == SHORT


def test_div_story_writes_the_story_s_paragraphs_as_divs_and_no_other() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(4))
    html = (
        f'<html><body><div class="post"><p class="lead">Lead</p><div class="s">{paragraphs}'
        "</div></div><p>Footer.</p></body></html>"
    ).encode()
    out = bench.div_story(html).decode()
    assert "".join(f"<div>Paragraph {n}.</div>" for n in range(4)) in out
    assert '<p class="lead">Lead</p>' in out and "<p>Footer.</p>" in out
    assert bench.div_story(SHORT) == SHORT


def test_pasted_styles_and_paragraph_marks_style_the_story_s_paragraphs() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(7))
    html = f'<html><body><div class="s">{paragraphs}</div><p>Footer.</p></body></html>'.encode()
    pasted = bench.pasted_styles(html).decode()
    assert pasted.count(f'style="{bench._PASTED_STYLE}"') == 7
    assert "<p>Footer.</p>" in pasted
    marked = bench.paragraph_marks(html).decode()
    tags = re.findall(r"<p( [^>]*)?>Paragraph (\d)\.", marked)
    assert [number for attributes, number in tags if attributes] == ["1", "4"]
    assert len({attributes for attributes, _ in tags if attributes}) == 2  # in turn
    assert bench.pasted_styles(SHORT) == SHORT and bench.paragraph_marks(SHORT) == SHORT
    bordered = bench.bordered_story(html).decode()
    assert re.search(r'<div class="s" style="([^"]+)">', bordered).group(1) in bench._BOX_STYLES
    assert bench.bordered_story(SHORT) == SHORT


def test_linked_headings_links_each_plain_subheading_of_the_story_to_itself() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(4))
    html = (
        f'<html><body><h2>Site menu</h2><div class="s"><h2>Why it matters</h2>{paragraphs}'
        "<h3><em>Styled</em> heading</h3></div></body></html>"
    ).encode()
    out = bench.linked_headings(html).decode()
    assert '<h2><a href="#why-it-matters">Why it matters</a></h2>' in out
    assert "<h2>Site menu</h2>" in out and "<h3><em>Styled</em> heading</h3>" in out
    assert bench.linked_headings(b"<html><body></body></html>").startswith(b"<html>")


def test_next_story_puts_an_article_with_its_own_headline_after_the_story() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(4))
    placements = set()
    for site in range(12):
        html = (
            f'<html><body><div class="wrap"><h1>Story {site}</h1><div class="s">{paragraphs}'
            "</div></div></body></html>"
        ).encode()
        out = bench.next_story(html).decode()
        assert out.count("<h1>") == 2 and out.count("Paragraph ") == 4 + 8
        assert "<h1>Council approves new bridge after two-year fight</h1>" in out
        placements.add("</div><article" in out and "</div></div><article" not in out)
    assert placements == {True, False}  # right after the container, or after its wrapper


def test_hidden_story_hides_the_container_one_way_of_hidings() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}.</p>" for n in range(4))
    seen = set()
    for site in range(40):  # the page's bytes choose the way: every one of them is met
        html = (
            f'<html><body><h1>Site {site}</h1><div class="post-body">{paragraphs}</div>'
            "</body></html>"
        ).encode()
        out = bench.hidden_story(html).decode()
        tag = re.search(r"<div ([^>]*)><p>Paragraph 0\.</p>", out)
        assert tag is not None and tag.group(1) != 'class="post-body"', out
        seen.add(tag.group(1))
        assert out.count("<p>Paragraph") == 4
    assert seen == {
        'class="post-body" style="display: none"', 'class="post-body hideOnInit"',
        'class="post-body" aria-hidden="true"', 'class="post-body" style="overflow: hidden"',
        'class="post-body is-hidden"',
    }  # fmt: skip
    assert bench.hidden_story(SHORT) == SHORT


def test_story_rest_and_opening_block_move_one_end_of_the_container_beside_it_in_order() -> None:
    children = "<h2>Sub</h2><p>Paragraph 0.</p><p>Paragraph 1.</p><img src='a.jpg'>"
    children += "<p>Paragraph 2.</p><p>Paragraph 3.</p><span>Share</span>"
    html = f'<html><body><div class="s">{children}</div>tail</body></html>'.encode()
    rest = bench.story_rest(html).decode()
    block = re.search(r'</div><div class="(k\d+)"><p>Paragraph 2\.</p>(.*?)</div>tail', rest)
    assert block is not None and block.group(2) == "<p>Paragraph 3.</p><span>Share</span>"
    assert '<div class="s"><h2>Sub</h2><p>Paragraph 0.</p>' in rest
    assert '<img src="a.jpg"></div><div class="k' in rest
    opened = bench.opening_block(html).decode()
    first = re.search(r'<body><div class="(k\d+)"><h2>Sub</h2><p>Paragraph 0\.</p></div>', opened)
    assert first is not None
    assert '<div class="s"><p>Paragraph 1.</p><img src="a.jpg"><p>Paragraph 2.</p>' in opened
    assert bench.story_rest(SHORT) == SHORT and bench.opening_block(SHORT) == SHORT
