"""Notices printed inside a story: each kind is recognised, and a story about the same thing
is not."""

from __future__ import annotations

import pytest

from workers.pipeline.boilerplate import core_text, word_count
from workers.pipeline.notices import is_notice


def _is_notice(paragraph: str) -> bool:
    core = core_text(paragraph)
    return is_notice(core, word_count(core), core.lower())


@pytest.mark.parametrize(
    "paragraph",
    [
        # publishing systems
        "Your email address will not be published. Required fields are marked *",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "Data is a real-time snapshot *Data is delayed at least 15 minutes.",
        # paywalls
        "This article is only available to subscribers. Subscribe now for unlimited access.",
        "Il vous reste 74% de cet article à lire.",
        # the typo widget, a cookie banner, a comment policy
        "Found a typo? Select it and press Ctrl + Enter.",
        "We use cookies to improve your experience. By continuing, you agree to our use of "
        "cookies.",
        "Comments are moderated and will appear after approval.",
        "- ultimahora.es se reserva el derecho de eliminar cualquier comentario inapropiado.",
    ],
)
def test_notice_is_recognised(paragraph: str) -> None:
    assert _is_notice(paragraph), paragraph


@pytest.mark.parametrize(
    "paragraph",
    [
        "This article is for subscribers only, the publisher said, and the paywall will stay.",
        "To send the message, press Ctrl+Enter.",
        "“We use cookies to improve your experience. By continuing, you agree to our use of "
        "cookies,” the banner said, which the court found misleading.",
        "The regulator found that the site set cookies before users could agree, and fined it.",
        "Facebook reserves the right to remove comments that break its rules.",
        "Comments by the minister do not reflect the views of the government, a spokesman said.",
        "Your email address will not be published in the register, the council promised.",
    ],
)
def test_story_sentence_is_not_a_notice(paragraph: str) -> None:
    assert not _is_notice(paragraph), paragraph
