"""memo: pattern tests remembered by text, right and bounded."""

from __future__ import annotations

import re

from workers.pipeline.memo import SearchMemo


def test_answers_are_re_search_and_the_memo_stays_bounded() -> None:
    memo = SearchMemo("ab+c", size=3)
    texts = ["abc", "x", "abbbc", "y", "abc", "zabcz", "q"]
    assert [memo(t) for t in texts] == [True, False, True, False, True, True, False]
    assert len(memo.memo) <= 3


def test_flags_are_the_patterns() -> None:
    memo = SearchMemo("author", re.IGNORECASE)
    assert memo("post-Author-name") and memo("AUTHOR")
    assert not SearchMemo("author")("AUTHOR")
