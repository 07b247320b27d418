"""Pattern tests remembered by the text they ran on, for the class and id names of a page.

Why: a page repeats its class names on element after element, and each pass over it asks
again (trafilatura's selectors in every one of its calls, the byline search); Python's `re`
tries each branch of a long alternation at every position (3 us for a class name against
trafilatura's discard list), a dict lookup takes a fiftieth of that. A page has about 75
distinct class names.
"""

from __future__ import annotations

import re

__all__ = ["SearchMemo"]


class SearchMemo:
    """``re.search(pattern, text) is not None``, remembered by text.

    At most `size` texts are kept, then the memo starts afresh, so a long-running worker's
    memory stays bounded (2048 texts of a class name take about 250 KB)."""

    __slots__ = ("memo", "pattern", "size")

    def __init__(self, pattern: str, flags: int = 0, size: int = 2048) -> None:
        self.pattern = re.compile(pattern, flags)
        self.memo: dict[str, bool] = {}
        self.size = size

    def __call__(self, text: str) -> bool:
        found = self.memo.get(text)
        if found is None:
            if len(self.memo) >= self.size:
                self.memo.clear()
            found = self.memo[text] = self.pattern.search(text) is not None
        return found
