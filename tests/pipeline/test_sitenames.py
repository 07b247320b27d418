"""The site's own name in titles and bylines: taken off where it is the site's, kept where
it is part of the headline or a person's name."""

from __future__ import annotations

import pytest

from workers.pipeline.sitenames import (
    author_name,
    is_person_or_agency,
    is_publisher,
    names_in_byline,
    site_in_title,
    site_labels,
    title_without_site,
)


@pytest.mark.parametrize(
    ("title", "site_name", "url", "expected"),
    [
        # the declared name, with a section, or with a separator of its own
        ("Takeaways from the trial | CNN Politics", "CNN", "https://www.cnn.com/a",
         "Takeaways from the trial"),
        ("A mystery bag for every woman - Martina Berg - Lady 50plus",
         "Martina Berg - Lady 50plus", "https://lady50plus.de/a", "A mystery bag for every woman"),
        ("CNN | Takeaways from the trial", "CNN", None, "Takeaways from the trial"),
        ("New court files expose a spy operation -- Sott.net", "Sott.net",
         "https://www.sott.net/article/1", "New court files expose a spy operation"),
        # the name in the host, capitalised as a name or written as a domain
        ("Internationale Steuerberatung | Kanzlei Viehbacher", None,
         "https://viehbacher.com/de/steuerrecht", "Internationale Steuerberatung"),
        ("Top 10 Women Talking Sports | Women Can Talk Sports", None,
         "http://www.womencantalksports.com/top-10", "Top 10 Women Talking Sports"),
        ("Outdoor lovers on tour | iloveponysmag.com", None, "http://iloveponysmag.com/a",
         "Outdoor lovers on tour"),
        ("Uncork the mystery of Frühburgunder | DW | 10.06.2013", None,
         "https://www.dw.com/en/a", "Uncork the mystery of Frühburgunder"),
        # the bare name before the headline
        ("Internet-Law » Verstößt der Ausschluss von Pseudonymen gegen Recht?", None,
         "http://www.internet-law.de/2011/07/a.html",
         "Verstößt der Ausschluss von Pseudonymen gegen Recht?"),
        # a Chinese portal's name joined without spaces
        ("短缺药品保供稳价 全力保障临床用药需求-新华网", None, "http://www.news.cn/a.htm",
         "短缺药品保供稳价 全力保障临床用药需求"),
        # a headline that names the site, a phrase, a brand, or one word left: kept whole
        ("Trump attacks the media - Washington Post responds", None,
         "https://www.washingtonpost.com/a", "Trump attacks the media - Washington Post responds"),
        ("Start-ups - Co founders tell their story", None, "https://www.bbc.co.uk/news/a",
         "Start-ups - Co founders tell their story"),
        ("Bohnenviertel - Stadt Stuttgart", None, "https://www.stuttgart.de/a",
         "Bohnenviertel - Stadt Stuttgart"),
        ("Tesla Model 3 - first drive review", None, "https://www.tesla.com/blog/a",
         "Tesla Model 3 - first drive review"),
        ("Review - The new phone from Apple", None, "https://www.example.com/a",
         "Review - The new phone from Apple"),
    ],
)
def test_title_without_site(
    title: str, site_name: str | None, url: str | None, expected: str
) -> None:
    assert title_without_site(title, site_name, site_labels(url)) == expected


def test_site_labels_skip_www_and_country_levels() -> None:
    assert site_labels("https://www.bbc.co.uk/news") == ["bbc"]
    assert site_labels("https://scilogs.spektrum.de/a") == ["scilogs", "spektrum"]
    assert site_labels("http://www.rs-ingenieure.de/") == ["rsingenieure"]
    assert site_labels(None) == [] and site_labels("http://[::1") == []


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("TOM KRISHER, AP Auto Writer", "Tom Krisher"),
        ("Troy L. Smith, Cleveland.com", "Troy L. Smith"),
        ("Amy Kuperinsky | NJ Advance Media for NJ.com", "Amy Kuperinsky"),
        ("Finian Cunningham. Sputnik International", "Finian Cunningham"),
        ("John Smith. Reuters", "John Smith. Reuters"),  # no role word: left as it is
        ("KWCH", "KWCH"),
    ],
)
def test_author_name_drops_the_role_and_the_capitals(byline: str, expected: str) -> None:
    assert author_name(byline) == expected


@pytest.mark.parametrize(
    ("author", "site", "among", "kept"),
    [
        ("RDN", "Beachbody", 2, False),
        ("admin", "Inexhibit", 1, False),
        ("Al-Bawaba", "Al Bawaba", 1, False),
        ("CNN Business", "CNN", 2, False),
        ("SPIEGEL ONLINE", "SPIEGEL ONLINE", 1, False),
        ("Martina Berg", "Martina Berg - Lady 50plus", 1, True),
        ("Reuters", "Valley Courier", 1, True),
        ("Jill Disis", "CNN", 2, True),
    ],
)
def test_is_person_or_agency(author: str, site: str, among: int, kept: bool) -> None:
    assert is_person_or_agency(author, site, among) is kept


def test_is_publisher() -> None:
    assert is_publisher("Süddeutsche.de GmbH, Munich, Germany")
    assert not is_publisher("James S.A. Corey and Tom Watkins")


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Posted by Ned Deily", ["Ned Deily"]),
        ("By Carrie Arnold November 20, 2019", ["Carrie Arnold"]),
        ("Carrie Arnold November", ["Carrie Arnold"]),  # the date's figures already gone
        ("Jane Doe Updated 3 hours ago", ["Jane Doe"]),
        ("Von Max Muster am 3. März 2020", ["Max Muster"]),
        ("Geschrieben von Meike Neitz", ["Meike Neitz"]),
        ("JILL LAWLESS Associated Press", ["Jill Lawless", "Associated Press"]),
        ("TOM KRISHER", ["TOM KRISHER"]),  # author_name makes it "Tom Krisher" later
        ("AFP", ["AFP"]),
        # a month or a particle that is part of the name stays
        ("Theresa May", ["Theresa May"]),
        ("June Smith", ["June Smith"]),
        ("Laurent Le Gall", ["Laurent Le Gall"]),
        ("Ludwig van Beethoven", ["Ludwig van Beethoven"]),
        # what an element named "author" holds that is not a name
        ("Username", []),
        ("Submitted", []),
        ("So Artikel empfehlen", []),
        ("Autor john", []),
        ("Berlin", []),
        ("K A", []),
        ("Detroit News wire services Published", ["Detroit News"]),  # the newsroom
        ("Comments 12", []),
        # scripts without capitals: the name, without the reporter's label or title
        ("记者：王小明", ["王小明"]),
        ("記者 張三", ["張三"]),
        ("김민수 기자", ["김민수"]),
        ("文俊", ["文俊"]),  # a surname that is also the "text by" label
        ("محمد علي", ["محمد علي"]),
        ("编辑", []),
        ("기자", []),
        ("作者", []),  # "author", a label before the names, alone
        ("记者", []),
    ],
)
def test_names_in_byline(byline: str, expected: list[str]) -> None:
    assert names_in_byline(byline) == expected


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        ("L’évaluation et les listes de revues - La Vie des idées",
         "https://laviedesidees.fr/L-evaluation.html", "La Vie des idées"),
        ("Top 10 Women Talking Sports | Women Can Talk Sports",
         "http://www.womencantalksports.com/top-10", "Women Can Talk Sports"),
        ("Takeaways from the trial | Politics | CNN", "https://www.cnn.com/a", "CNN"),
        # a suffix that is not the host's name
        ("Tesla Model 3 - First Drive", "https://www.example.com/a", None),
    ],
)
def test_site_in_title(title: str, url: str, expected: str | None) -> None:
    labels = site_labels(url)
    headline = title_without_site(title, None, labels)
    assert site_in_title(title, headline, labels) == expected
