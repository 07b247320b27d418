"""Bylines and date lines judged alone (`workers.pipeline.bylines`); `test_boilerplate.py`
tests them through `is_boilerplate`, beside the other line rules."""

from __future__ import annotations

import re

import pytest

from workers.pipeline.bylines import BYLINE, RELATIVE_TIME, ROLE_BYLINE, is_dateline


@pytest.mark.parametrize(
    "line",
    [
        "5:45 AM PST 11/19/2019 by Jane Doe",
        "sexta-feira, 22 de outubro de 2010 às 20:13",
        "Associated Press November 19, 2019, 9:02 AM",
        "November 19, 2019 | Updated November 19, 2019",
        "2 hours ago",
        "公開日：2019年11月19日",
    ],
)
def test_a_date_line_is_one(line: str) -> None:
    assert is_dateline(line, len(line.split()))


@pytest.mark.parametrize(
    "line",
    [
        "1991",  # a year alone heads a part of a timeline
        "29 November 2018 | 20 January 2019",  # a date range: the story's
        "The council met on November 19, 2019 to vote on the budget.",
    ],
)
def test_a_year_a_range_or_a_sentence_with_a_date_is_no_date_line(line: str) -> None:
    assert not is_dateline(line, len(line.split()))


def test_bylines_need_two_capitalised_names_or_an_agency() -> None:
    assert BYLINE.fullmatch("By Jane Doe")
    assert BYLINE.fullmatch("By JOHN SMITH and Jane Roe, Associated Press")
    assert BYLINE.fullmatch("By REUTERS")
    assert not BYLINE.fullmatch("By Tuesday, the company had sold it")
    assert ROLE_BYLINE.fullmatch("Robert Burns, AP National Security Writer")
    assert re.fullmatch(RELATIVE_TIME, "vor 2 Stunden", re.IGNORECASE)
