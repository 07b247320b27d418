"""A real article's paragraphs, for tests that put one line in the middle of a story."""

from __future__ import annotations

BODY = [
    "Russian President Vladimir Putin has called for direct peace talks with Ukraine to be "
    "held on May 15 in Istanbul, signaling the most serious diplomatic overture in months.",
    "Speaking early Sunday from Moscow, Putin urged Kyiv to return to the negotiating table "
    "without preconditions, saying the aim should be more than a temporary ceasefire.",
    "The proposal comes more than three years into Russia's full-scale invasion of Ukraine, a "
    "conflict that has led to massive casualties and ruptured relations with the West.",
    "The Ukrainian government has yet to officially respond to the Kremlin's proposal, and "
    "officials in Kyiv said they would study the offer with their partners.",
]


def with_line(line: str) -> list[str]:
    """The line in the middle of a real article."""
    return [*BODY[:2], line, *BODY[2:]]


#: the share row of the seed page (``../shared/seed/``), as extractors leave it in the story
SEED_SHARE_ROW = [
    "Kindly share this story:",
    "Share on whatsapp",
    "Share on facebook",
    "Share on twitter",
    "Share on linkedin",
    "Share on telegram",
]
