"""bench/broken_markup.py's placing of broken markup and its word count (html5lib, which the
bench compares against, is not a test dependency: those parts are not run here)."""

from __future__ import annotations

import random

import lxml.html
from support.benchscript import load

bench = load("broken_markup")
PAGE = (
    '<html lang="en"><head><title>T</title></head><body><p>One two.</p><p>Three.</p></body>'
    "</html>"
)


def test_the_markup_goes_at_a_tag_boundary_of_the_body() -> None:
    placed = 0
    for seed in range(20):
        page = bench.broken(PAGE, "<xmp>", random.Random(seed))
        if page == PAGE:
            continue  # the random place fell after the last tag: the page is left as it was
        placed += 1
        at = page.index("<xmp>")
        assert at > page.index("<body>")
        assert page[at + len("<xmp>")] == "<"  # before a tag, not inside text or a tag
        assert page.replace("<xmp>", "", 1) == PAGE
    assert placed >= 10


def test_the_root_is_closed_by_itself_in_place() -> None:
    page = bench.broken(PAGE, bench.SELF_CLOSED_ROOT, random.Random(0))
    assert page.startswith('<html lang="en" /><head>')


def test_words_leave_out_scripts_styles_and_titles_but_count_tails() -> None:
    tree = lxml.html.document_fromstring(
        "<html><head><title>Title words</title><style>p {}</style></head><body>"
        "<p>One <b>two</b> three</p><script>var x = 1;</script>four</body></html>"
    )
    assert bench._words(tree) == {"One": 1, "two": 1, "three": 1, "four": 1}
