"""The official twitter-text conformance data (weighted-length sections), loaded at test time.

The `tweets` section still assumes the retired 140-character limit and is skipped (see the
data's README); the v2 section runs without the emoji discount, the others with v3.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from twitter_text import parse_tweet

from workers.formatters.twitter import V2_CONFIG, V3_CONFIG, weighted_length

SECTIONS: dict[str, dict[str, Any]] = {
    "WeightedTweetsCounterTest": V2_CONFIG,
    "WeightedTweetsWithDiscountedEmojiCounterTest": V3_CONFIG,
    "UnicodeDirectionalMarkerCounterTest": V3_CONFIG,
}
EXPECTED_COUNTS = {
    "WeightedTweetsCounterTest": 20,
    "WeightedTweetsWithDiscountedEmojiCounterTest": 22,
    "UnicodeDirectionalMarkerCounterTest": 2,
}


def _shared() -> Path:
    """/work/shared beside the checkout (tests/formatters -> repo -> ..), or NEWSRELAY_SHARED."""
    env = os.environ.get("NEWSRELAY_SHARED")
    if env:
        return Path(env).resolve()
    return (Path(__file__).resolve().parents[2] / ".." / "shared").resolve()


def _validate_yml() -> Path:
    return _shared() / "conformance" / "twitter-text" / "validate.yml"


def _cases() -> list[Any]:
    path = _validate_yml()
    if not path.is_file():
        return [pytest.param(None, None, None, id="missing-conformance-data")]
    tests = yaml.safe_load(path.read_text(encoding="utf-8"))["tests"]
    out = []
    for section in SECTIONS:
        for index, case in enumerate(tests[section]):
            out.append(pytest.param(section, case["text"], case["expected"],
                                    id=f"{section}-{index}"))
    return out


def test_conformance_data_is_complete() -> None:
    tests = yaml.safe_load(_validate_yml().read_text(encoding="utf-8"))["tests"]
    for section, count in EXPECTED_COUNTS.items():
        assert len(tests[section]) == count, section
    assert "tweets" in tests  # present, deliberately not run (140-char era)


@pytest.mark.parametrize(("section", "text", "expected"), _cases())
def test_weighted_conformance(section: str | None, text: str | None,
                              expected: dict[str, Any] | None) -> None:
    if section is None:
        pytest.fail(f"conformance data not found at {_validate_yml()}")
    assert text is not None and expected is not None
    result = parse_tweet(text, SECTIONS[section]).asdict()
    for key, value in expected.items():
        assert result[key] == value, (key, result)
    # the formatter's faster counter agrees with the reference on every case
    assert weighted_length(text, SECTIONS[section]) == expected["weightedLength"]


def test_emoji_prefilter_covers_every_emoji_code_point() -> None:
    """The fast counter skips the emoji scan for text without a _MAY_BE_EMOJI character: no
    code point outside that class may start an emoji in twitter-text's table."""
    from twitter_text.regexp.emoji import emoji

    from workers.formatters.twitter import _MAY_BE_EMOJI

    missed = [
        hex(cp)
        for cp in range(0x30000)
        if not 0xD800 <= cp <= 0xDFFF
        and not _MAY_BE_EMOJI.match(chr(cp))
        and emoji.search(chr(cp))
    ]
    assert missed == []
