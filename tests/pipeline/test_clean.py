"""The cleaning pass: boilerplate inside the article container goes, real sentences stay."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from support.article import BODY, SEED_SHARE_ROW

from workers.pipeline.boilerplate import is_related_heading
from workers.pipeline.clean import clean_paragraphs, clean_text, normalize_paragraph

SEED = Path(os.environ.get("NEWSRELAY_SHARED", Path(__file__).resolve().parents[3] / "shared"))
SEED_FILE = SEED / "seed" / "000_f325e58b63a52550.txt"
TITLE = "Putin Proposes Direct Peace Talks With Ukraine in Istanbul on May 15"

# --- the seed page -------------------------------------------------------------------------


def test_seed_text_keeps_every_paragraph_and_drops_the_boilerplate() -> None:
    assert SEED_FILE.exists(), f"{SEED_FILE} is missing: ../shared must sit beside the checkout"
    raw = SEED_FILE.read_text(encoding="utf-8")
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    assert lines[:2] == ["News", TITLE]
    story = lines[2 : lines.index("Kindly share this story:")]
    assert len(story) == 9

    cleaned = clean_text(raw, title=TITLE)
    paragraphs = cleaned.split("\n\n")
    assert paragraphs == [unicodedata.normalize("NFC", p) for p in story]
    for gone in ("Kindly share", "Share on", "Top News", "Related Articles", TITLE):
        assert gone not in cleaned
    assert not cleaned.startswith("News")


# --- boilerplate lines go ------------------------------------------------------------------

@pytest.mark.parametrize(
    "heading",
    [
        "Related Articles",
        "Top News",
        "Related Stories",
        "You may also like",
        "Most read in world news",
        "Other Opinion Columns",
        "More World News",
        "More Must-Reads From TIME",
        "Editors’ Recommendations:",
        "Suggested Reading",
        "Other People Are Reading",
        "In Case You Missed It",
        "Similar Articles",
        "People Also Ask",
        "Also on CNN",
        "Mehr zum Thema",
        "Weitere Nachrichten",
        "Últimas notícias",
        "Вам может быть интересно",
        "Pilihan Redaksi",
        "Vous aimerez aussi",
        "こちらもおすすめ",
        "Articles similaires",
        "Noticias relacionadas",
        "Похожие статьи",
        "相关新闻",
        # a site's name with its domain, a wiki's and a blog's links out (session 17)
        "More from WordPress.com",
        "À la une de libération.fr",
        "Sur le web",
        "Siehe auch:",
        "Weiterführende Links:",
        "External links[edit]",
        # a related heading that names where its links come from (session 21)
        "Related coverage from How to Do Everything: Money:",
        "Related stories from the BBC",
        # a list the site calls its own (CBS Sports's, session 36)
        "Our Latest Stories",
    ],
)
def test_related_heading_at_the_end_cuts_the_list_after_it(heading: str) -> None:
    assert is_related_heading(heading)
    text = [
        *BODY,
        heading,
        "Zelensky says Ukraine ready for ceasefire talks if truce holds",
        "EU ministers weigh new sanctions package against Moscow",
        "Fuel queues return to Abuja as depots ration supply",
    ]
    assert clean_paragraphs(text) == BODY


#: a site's footer read with the story, each line dropped by its own rules (cleveland.com's)
FOOTER = [
    "About Us Cleveland.com Sections Your Regional News Pages Registration on or use of this "
    "site constitutes acceptance of our User Agreement and Privacy Policy cleveland.com is "
    "powered by Plain Dealer Publishing Co. and Northeast Ohio Media Group. All rights "
    "reserved (About Us).",
    "The material on this site may not be reproduced, distributed, transmitted, cached or "
    "otherwise used, except with the prior written permission of Northeast Ohio Media Group "
    "LLC.",
    "Community Rules apply to all content you upload or otherwise submit to this site. "
    "Contact interactivity management.",
]


def test_related_heading_before_a_footer_takes_what_lies_between() -> None:
    # the footer's words, which go anyway, do not make the heading the text's middle
    promo = (
        "- DINING OUT CLE Cleveland's a big-league foodie town and we've got the news and "
        "reviews you need to navigate all of the area's dining-out options, plus a growing "
        "collection of essential dining guides. THE GUIDES"
    )
    text = [*BODY, "Related Stories", "Food & Dining Sections", promo, *FOOTER]
    assert clean_paragraphs(text) == BODY
    # a heading in the story's middle leaves the story after it, footer or not
    middle = [BODY[0], "Related Stories", *BODY[1:], *FOOTER]
    assert clean_paragraphs(middle) == BODY


@pytest.mark.parametrize(
    ("heading", "bio"),
    [
        (
            "Über Moritz Bachmann",
            "Als Inbound Sales Manager bildet Moritz Bachmann die Schnittstelle zwischen dem "
            "Online-Marketing und dem Vertrieb.",
        ),
        ("About the author", "Regan is a Connecticut native who lives with two sons and a cat."),
    ],
)
def test_author_box_at_the_end_goes(heading: str, bio: str) -> None:
    assert clean_paragraphs([*BODY, heading, bio]) == BODY


def test_an_author_box_with_the_company_s_address_after_it_goes() -> None:
    heading = "Über Moritz Bachmann"
    bio = (
        "Als Inbound Sales Manager bildet Moritz Bachmann die Schnittstelle zwischen dem "
        "Online-Marketing und dem Vertrieb."
    )
    address = ["comwrap GmbH", "Fleischmarkt 1", "A-1010 Wien"]
    assert clean_paragraphs([*BODY, heading, bio, *address]) == BODY
    # two paragraphs of the story after the biography are no address: the box is no box
    story = ["The council votes on the plan again in March.", "It may well pass, the mayor said."]
    after = [*BODY, heading, bio, *story]
    assert clean_paragraphs(after) == after


def test_a_contact_s_details_at_the_end_go_and_a_story_s_number_stays() -> None:
    """A station's footer read with the story when its names say nothing: the label, then
    lines of a label and a number or an address. One such line, a sentence with a number,
    or the lines inside the story stay."""
    contact = [
        "Station Contact Info:", "E-Mail: stats@catchitkansas.com", "Phone: 316-831-6143",
        "Fax: 316-831-6187",
    ]  # fmt: skip
    assert clean_paragraphs([*BODY, *contact]) == BODY
    assert clean_paragraphs([*BODY, *contact[2:]]) == BODY
    assert clean_paragraphs([*BODY, "Tel.: 08322 978 520", "Fax: 08322 978 521"]) == BODY
    for kept in (
        [*BODY, "Phone: 316-831-6143"],
        [*BODY, "Call 316-831-6143 for tickets.", "Fax: 316-831-6187"],
        [*BODY[:2], *contact[1:], *BODY[2:]],
    ):
        assert clean_paragraphs(kept) == kept


def test_the_short_lines_after_a_footer_s_legal_line_go_and_a_story_s_rest_stays() -> None:
    """Billboard's footer read with the story when its markup says nothing: the ownership
    line, then a modal's notice. Lines past the legal line go when they are few and short;
    more of them, or a legal line with no story before it, leave the text as it is."""
    legal = "Billboard is a subsidiary of Prometheus Global Media, LLC."
    modal = [
        "The Biz premium subscriber content has moved to Billboard.com/business.",
        "To simplify subscriber access, we have temporarily disabled the password requirement.",
    ]
    assert clean_paragraphs([*BODY, legal, *modal]) == BODY
    assert clean_paragraphs([*BODY, "© 2019 Ruoff Media. All rights reserved.", modal[0]]) == BODY
    # a notice without a legal line before it is no footer's (it stays)
    assert clean_paragraphs([*BODY, *modal]) == [*BODY, *modal]
    # a story's rest after a legal line it quotes runs longer, and a paragraph of the story
    # after the footer (a template's last paragraph put after it) is a sentence of its own
    rest = [*BODY, *BODY]
    assert clean_paragraphs([*BODY, legal, *rest]) == [*BODY, *rest]
    last = (
        '"I would expect more acquisitions like this going forward because it could be the new '
        'model for companies to acquire top-line growth," Petrides said.'
    )
    assert clean_paragraphs([*BODY, legal, last]) == [*BODY, last]
    assert clean_paragraphs([legal, *modal]) == modal


def test_a_box_s_heading_and_the_author_s_name_left_last_go() -> None:
    """A blog's sidebar read after the post: its signature ("Regan"), then the "About me"
    box whose biography and greeting other rules took. The heading and the byline's name
    alone go from the end; a name that is not the byline's, or a line after them, stays."""
    tail = ["Regan", "About me"]
    assert clean_paragraphs([*BODY, *tail], authors=["Regan"]) == BODY
    assert clean_paragraphs([*BODY, "About the author"]) == BODY
    assert clean_paragraphs([*BODY, *tail]) == [*BODY, "Regan"]
    story = [*BODY, *tail, "We hiked the Flatirons again in May."]
    assert clean_paragraphs(story, authors=["Regan"]) == story


def test_about_section_that_is_the_story_stays() -> None:
    # "About <Name>" whose paragraph is not about that name, or a long closing section
    other = [*BODY, "About Moritz Bachmann", "The council will vote on the plan in March."]
    assert clean_paragraphs(other) == other
    history = " ".join(["The mill was built in 1820 and rebuilt twice after floods."] * 12)
    long_section = [*BODY, "About the author", history]
    assert clean_paragraphs(long_section) == long_section


def test_wordpress_comment_heading_takes_the_comments_after_it() -> None:
    text = [
        *BODY,
        "3 thoughts on “Business Focus: Why Some People Triumph Online”",
        "Thanks so much for stopping by to read this long article, Gaye!",
        "Hi, Pamela, I am a guy in his mid-70s who has had two financial disasters. I spent all "
        "my savings just to survive, and I want to know how your plan would help me.",
    ]
    assert clean_paragraphs(text) == BODY
    # the same words without a quoted title are a subheading of the story
    story = [BODY[0], "3 responses to the flood", *BODY[1:]]
    assert clean_paragraphs(story) == story
    # with the page's title known, the heading must quote it
    title = "Business Focus: Why Some People Triumph Online"
    assert clean_paragraphs(text, title=title) == BODY
    quoting = [BODY[0], "Two responses to “the crisis”", *BODY[1:]]
    assert clean_paragraphs(quoting, title=title) == quoting


def test_wordpress_comment_heading_in_german_takes_the_comments_after_it() -> None:
    text = [*BODY, "5 Gedanken zu „Endlich wird es spannend“", "- Warum nicht alles offen?"]
    assert clean_paragraphs(text) == BODY


def test_front_page_box_at_the_end_goes_with_its_teasers_and_comment_counts() -> None:
    # a French site's "on the front page" box in the story's last quarter: headlines,
    # standfirsts and each teaser's comment count; the standfirsts are sentences, so only
    # the heading can tell them from the story
    story = [
        "Le conseil municipal a voté mardi soir le budget de la ville pour l'année prochaine, "
        "après trois heures de débat et deux suspensions de séance.",
        "La majorité a défendu une hausse modérée des investissements dans les écoles et les "
        "transports, tandis que l'opposition dénonçait un endettement croissant.",
        "Le maire a promis de présenter un plan de rénovation des gymnases avant l'été, "
        "financé en partie par la région et par l'État.",
        "Les élus écologistes se sont abstenus, regrettant l'absence de mesures pour les "
        "pistes cyclables du centre-ville et pour les jardins partagés.",
        "Le budget prévoit aussi la reprise en régie de la cantine centrale, qui nourrit chaque "
        "jour quatre mille élèves, et l'ouverture d'une deuxième crèche municipale.",
        "Le vote définitif des taux d'imposition aura lieu en mars, lorsque l'État aura "
        "communiqué le montant exact des dotations accordées aux communes.",
    ]
    box = [
        "À la une de exemple.fr",
        "Grève dans les transports : le trafic perturbé jusqu'à jeudi",
        "Les syndicats appellent à poursuivre le mouvement après l'échec des négociations.",
        "78 commentaires",
        "Tempête : trois départements en vigilance orange",
        "Les rafales pourraient atteindre 120 km/h sur le littoral dans la nuit.",
        "1 commentaire",
        "Sur le web",
    ]
    assert clean_paragraphs([*story, *box]) == story


def test_related_heading_mid_article_takes_only_the_headlines_after_it() -> None:
    text = [
        BODY[0],
        "DON'T MISS",
        "China furious at Macron for Hong Kong protest jibe [INSIGHT]",
        "Lakers vs Nets: NBA make final decision on game amid China turmoil [VIDEO]",
        *BODY[1:],
    ]
    assert clean_paragraphs(text) == BODY


def test_related_list_of_dated_and_quoting_headlines_goes_with_its_heading() -> None:
    text = [
        "Relacionado",
        "08/01/2014 Miquel Roca: «La Infanta Cristina quiere que se haga justicia»",
        "08/01/2014 Castro confía en que la Audiencia valide la imputación",
        "Merkel: „Wir schaffen das“",
        "Miquel Roca: «La Infanta Cristina quiere que se haga justicia»",
        "2019-11-18 Police name the suspect in the harbour fire",
        "Etiquetas",
        *BODY,
    ]
    assert clean_paragraphs(text) == BODY


def test_a_quoted_sentence_after_a_related_heading_is_the_story() -> None:
    # a speaker's words after a colon are a sentence unless the colon follows a name
    text = [BODY[0], "Related", "He said: “We will appeal.”", *BODY[1:]]
    assert clean_paragraphs(text) == [BODY[0], "He said: “We will appeal.”", *BODY[1:]]


def test_further_reading_notes_that_end_a_post_stay_and_its_headlines_go() -> None:
    """A blog's "Further Reading" list says in a sentence what each linked work is; a
    related list under the same heading is headlines, which end in no full stop."""
    notes = [
        "- Dr Mark McKergow and Helen Bailey wrote a book on the subject in 2014.",
        "- The website of the project has ongoing information, including a blog.",
    ]
    assert clean_paragraphs([*BODY, "Further Reading", *notes]) == [
        *BODY, "Further Reading", *notes,
    ]  # fmt: skip
    headlines = [
        "- Zelensky says Ukraine ready for ceasefire talks if truce holds",
        "- EU ministers weigh new sanctions package against Moscow",
    ]
    assert clean_paragraphs([*BODY, "Further Reading", *headlines]) == BODY
    # a headline among the notes, or one note alone: the list goes as a related list
    assert clean_paragraphs([*BODY, "Further Reading", notes[0], headlines[0]]) == BODY
    assert clean_paragraphs([*BODY, "Further Reading", notes[0]]) == BODY
    # a tag row after the notes still lets them end the post, and goes itself
    tags = "Filed under Politics City Council Budget"
    assert clean_paragraphs([*BODY, "Further Reading", *notes, tags]) == [
        *BODY, "Further Reading", *notes,
    ]  # fmt: skip


def test_share_rows_and_lists_of_the_seed_site() -> None:
    text = [
        *BODY,
        "Kindly share this story:",
        *SEED_SHARE_ROW,
        "Share on facebook",
        "Top News",
        "Related Articles",
    ]
    assert clean_paragraphs(text) == BODY


def test_trailing_title_case_link_list_goes_but_a_real_list_stays() -> None:
    links = [
        "- 15 Amazing Images of Stars",
        "- 11 Fascinating Facts About Our Milky Way Galaxy",
        "- The Biggest Unanswered Questions About Dark Matter",
    ]
    assert clean_paragraphs([*BODY, *links, "Originally published on Live Science."]) == [
        *BODY,
        "Originally published on Live Science.",
    ]
    tips = ["- buy tickets early in the week", "- check the weather before you leave"]
    assert clean_paragraphs([*BODY, *tips]) == [*BODY, *tips]


@pytest.mark.parametrize(
    "story_list",
    [
        # winners: a label and a short value
        [
            "- Best Picture: Parasite",
            "- Best Director: Bong Joon Ho",
            "- Best Actress: Renee Zellweger",
        ],
        # titles of three words or fewer are not headlines
        ["- The Great Gatsby", "- War and Peace", "- Pride and Prejudice"],
        # a list the story introduces
        [
            "These are the three things to do:",
            "- Visit The Louvre Early In The Morning",
            "- Eat At The Local Market",
            "- Take The Night Train To Nice",
        ],
    ],
)
def test_a_title_case_list_of_the_story_at_the_end_stays(story_list: list[str]) -> None:
    assert clean_paragraphs([*BODY, *story_list]) == [*BODY, *story_list]


# --- real sentences stay -------------------------------------------------------------------

def test_read_more_heading_mid_article_keeps_the_following_paragraph() -> None:
    text = [BODY[0], "Read more", BODY[1], BODY[2], BODY[3]]
    assert clean_paragraphs(text) == BODY


def test_nothing_left_when_everything_is_boilerplate() -> None:
    assert clean_paragraphs(["Advertisement", "Share on facebook", "Related Articles"]) == []


# --- title, standfirst, normalisation -------------------------------------------------------


def test_headline_and_section_label_repeated_at_the_top_are_dropped() -> None:
    text = ["World", TITLE, *BODY]
    assert clean_paragraphs(text, title=TITLE) == BODY
    # the <h1> and og:title may differ slightly: any of several titles
    assert clean_paragraphs([TITLE + " - report", *BODY], title=["Other", TITLE]) == BODY
    # a paragraph that merely starts like the title stays
    assert clean_paragraphs(BODY, title="Russian President") == BODY


def test_standfirst_equal_to_description_is_dropped_only_when_it_reads_as_a_headline() -> None:
    dek = "N.Y. completes frantic comeback to extend unbeaten streak to 15"
    assert clean_paragraphs([dek, *BODY], description=dek) == BODY
    # a description copied from the lead paragraph: the lead stays
    assert clean_paragraphs(BODY, description=BODY[0]) == BODY


def test_a_line_that_is_the_page_s_own_address_goes_and_a_cited_one_stays() -> None:
    page = "https://www.chron.com/news/world/article/Esper-says-coast-guard-14848382.php"
    cited = "http://syiahali.wordpress.com/2011/09/07/fatwa-para-ulama/"
    paragraphs = [
        BODY[0],
        "http://chron.com/news/world/article/Esper-says-coast-guard-14848382.php/",  # print line
        cited,  # a source the story cites, on a line of its own
        "www.chron.com",  # the site's name written as its domain
        "https://www.chron.com/",  # the home page is not the page
        BODY[1],
    ]
    cleaned = clean_paragraphs(paragraphs, urls=[page])
    assert cleaned == [BODY[0], cited, "www.chron.com", "https://www.chron.com/", BODY[1]]
    assert clean_paragraphs(paragraphs) == paragraphs  # without the page's address: all stay


def test_normalisation() -> None:
    decomposed = "Cafe\u0301 au lait\u00a0 with\u200b  cre\u0300me"
    assert normalize_paragraph(decomposed) == "Café au lait with crème"
    assert unicodedata.is_normalized("NFC", normalize_paragraph(decomposed))
    text = "  First   paragraph\there.  \n\n\nSecond\u2003paragraph.\n"
    assert clean_text(text) == "First paragraph here.\n\nSecond paragraph."


def test_click_to_tweet_label_is_stripped_from_quotes() -> None:
    assert clean_paragraphs(["Every business exists in space and time.Click To Tweet"]) == [
        "Every business exists in space and time."
    ]


# --- block rules: series lists, headline boxes, press-release boilerplate -------------------


def test_trailing_series_headlines_go_but_a_date_range_stays() -> None:
    series = [
        "Milan Design Week 2018 | FLOS pays tribute to Achille Castiglioni",
        "Milano Design Week 2018 | Seiko's 'The Flow of Time' at the Triennale",
        "Milano Design Week 2018 | a preview of DOUTDESign at Zona Santambrogio",
    ]
    assert clean_paragraphs([*BODY, *series]) == BODY
    info = ["7th Amsterdam Light Festival", "29 November 2018 | 20 January 2019"]
    assert clean_paragraphs([*BODY, *info]) == [*BODY, *info]
    # bars with different kickers are not one series
    mixed = ["Tickets | £10 for adults", "Opening hours | 9.30 A.M. to 7 P.M. daily"]
    assert clean_paragraphs([*BODY, *mixed]) == [*BODY, *mixed]


def test_a_list_of_headlines_with_excerpts_cut_short_goes() -> None:
    excerpts = [
        "Apple AirPods Pro already discounted, grab a pair for only $234.99",
        "Apple recently launched the new Apple AirPods Pro for $250, but surprisingly it is "
        "already possible to grab a pair at a considerable discount. The AirPods Pro f...",
        "Big Amazon Echo Show 8 discount available even before launch",
        "In September Amazon announced a slew of devices that expands all nooks and crannies "
        "of the Amazon Echo ecosystem, with one of the most popular likely being the ...",
        "Cool 14″ and 15″ Lenovo Yoga C940 laptops with improved Alexa suppor...",
        "In September, Lenovo announced seven new Yoga 2-in-1 Windows PCs and today the C940 "
        "range have become available for purchase. Lenovo made the following […]",
    ]
    assert clean_paragraphs([*BODY, *excerpts]) == BODY
    # in the middle of the text too, with the story going on after it
    assert clean_paragraphs([BODY[0], *excerpts, *BODY[1:]]) == BODY


def test_three_excerpts_cut_short_in_a_row_go_without_their_headlines() -> None:
    # a slider of the site's latest news above the story, its headlines gone (div mode)
    excerpts = [
        "Die CDU-Fraktion im Stadtrat ist verärgert über die erneute Diskussion zu den "
        f"Eintrittspreisen, Folge {n}. Nachdem nach langer Diskussion der Stadtrat..."
        for n in range(3)
    ]
    assert clean_paragraphs([*excerpts, *BODY]) == BODY
    # two are no list, and a page of excerpts alone is left as it is
    assert clean_paragraphs([*excerpts[:2], *BODY]) == [*excerpts[:2], *BODY]
    assert clean_paragraphs(excerpts) == excerpts


def test_a_label_widget_s_entries_and_counts_go_with_its_heading() -> None:
    labels = ["Labels", *(f"- Singer number {n} ({n + 1})" for n in range(6))]
    assert clean_paragraphs([*BODY, *labels]) == BODY
    # four are no widget, and a line of the story that ends in a figure stays
    short = ["Labels", *labels[1:5]]
    assert clean_paragraphs([*BODY, *short]) == [*BODY, *short]
    results = [f"- Scorers: Kane, Sterling and Rashford, number {n} (2)" for n in range(6)]
    story = [BODY[0], *results, *BODY[1:]]
    assert clean_paragraphs(story) == story


def test_a_headline_said_over_in_one_line_goes() -> None:
    # a template's variants of one headline for each screen size, the last cut short
    headline = "How Stores Manipulate Your Senses So You Spend More Money"
    variants = f"{headline} {headline} {headline[:-3]}"
    assert clean_paragraphs([BODY[0], variants, *BODY[1:]]) == BODY
    # a table row whose cells open alike, a chant and a sentence said over stay
    row = "| Right-clicking on a page | Right-clicking on a link |"
    chant = "Go team go team go team"
    filler = "The council approved the budget on Monday. " * 3
    # the last time cut short, as a page's filler may be: its sentences' ends tell it
    cut = filler * 2 + "The council approved the bud"
    kept = [*BODY, row, chant, filler.strip(), cut]
    assert clean_paragraphs(kept) == kept


def test_a_story_that_trails_off_keeps_its_paragraphs() -> None:
    # one subheading and a sentence that trails off is the story's own
    trailing = [
        "What Comes Next",
        "The council meets again in March, and until then the families can only wait and "
        "hope that the money comes through ...",
    ]
    assert clean_paragraphs([*BODY, *trailing]) == [*BODY, *trailing]
    # a writer's ellipses without headlines before them stay too
    styled = [
        "Here's the thing …",
        "Most people who start an online business give up in the first year, and the reason "
        "is almost never the product …",
        "So frustrating …",
        "Because once you understand my approach, the rest of the work gets far easier than "
        "you would expect …",
    ]
    assert clean_paragraphs([*BODY, *styled]) == [*BODY, *styled]


def test_headline_box_above_the_story_goes_but_two_headings_stay() -> None:
    box = [
        "2019 American Music Awards",
        "Post Malone, Ariana Grande & Billie Eilish Lead Nominations: See Full List",
        "Jonas Brothers Added to American Music Awards Performance Lineup",
        "Ciara to Host American Music Awards, Plus New Performers Announced",
    ]
    assert clean_paragraphs([*box, *BODY]) == BODY
    headings = ["Peace Talks in Istanbul", "What Moscow Wants"]
    assert clean_paragraphs([*headings, *BODY]) == [*headings, *BODY]
    # a list that is the whole text is not a box above a story
    assert clean_paragraphs(box) == box


def test_a_table_that_opens_the_text_is_no_headline_box() -> None:
    """A page of standings: its introduction in a block of its own was not read, and the
    text opens with the table, whose rows read as Title Case lines without a full stop."""
    table = [
        "| Pos. | Driver | Points | Wins | Poles |",
        "| 1 | Kyle Busch | 5040 | 5 | 1 |",
        "| 2 | Martin Truex Jr. | 5035 | 7 | 0 |",
        "| 3 | Kevin Harvick | 5033 | 4 | 6 |",
        "| 4 | Denny Hamlin | 5027 | 6 | 3 |",
    ]
    assert clean_paragraphs([*table, *BODY]) == [*table, *BODY]


COMPANY = [
    "Ascom is a global solutions provider focused on healthcare ICT and mobile workflow "
    "solutions. The vision of Ascom is to close digital information gaps.",
    "Ascom is headquartered in Baar (Switzerland), has subsidiaries in 15 countries and employs "
    "around 1,300 people worldwide. Ascom registered shares are listed on the SIX Swiss Exchange.",
]


def test_press_release_company_description_at_the_end_goes() -> None:
    assert clean_paragraphs([*BODY, *COMPANY]) == BODY
    assert clean_paragraphs([*BODY, "About Ascom", *COMPANY]) == BODY
    one = "Acme Corp. is a leading maker of anvils, headquartered in Phoenix with 800 employees."
    assert clean_paragraphs([*BODY, one]) == BODY
    # with the company's news service's pitch after it (Ascom's)
    service = [
        "Ascom corporate news at your fingertips.",
        "Ascom offers to all interested persons a News Service that brings Ascom's corporate "
        "media releases directly to the user's desktop or mobile device.",
    ]
    assert clean_paragraphs([*BODY, *COMPANY, *service]) == BODY


def test_company_facts_inside_the_story_stay() -> None:
    # the same paragraphs in the middle of the story, or a last paragraph with one fact
    assert clean_paragraphs([BODY[0], *COMPANY, *BODY[1:]]) == [BODY[0], *COMPANY, *BODY[1:]]
    last = "Gannett is a media company whose shares have fallen by half since the merger talks."
    assert clean_paragraphs([*BODY, last]) == [*BODY, last]
    story = "The company, headquartered in Austin, employs 300 people, a spokesman said."
    assert clean_paragraphs([*BODY, story]) == [*BODY, story]
    # a reporter's background paragraph: the facts, but not a press release's words
    background = (
        "WeWork is a provider of shared office space headquartered in New York; it employs "
        "12,500 people and has offices in 29 countries."
    )
    assert clean_paragraphs([*BODY, background]) == [*BODY, background]


def test_a_short_biography_of_the_author_at_the_end_goes() -> None:
    bio = "Brigit Katz is a freelance writer based in Toronto. Her work has appeared in NYMag."
    follow = "Follow her on Twitter @brigitkatz."
    authors = ["Brigit Katz"]
    assert clean_paragraphs([*BODY, bio], authors=authors) == BODY
    assert clean_paragraphs([*BODY, bio, follow], authors=authors) == BODY  # both go
    # by the surname, or the first name alone when the byline holds nothing more
    surname = "Katz was the paper's Moscow correspondent."
    assert clean_paragraphs([*BODY, surname], authors=authors) == BODY
    assert clean_paragraphs([*BODY, "Regan is a Connecticut native."], authors=["Regan"]) == BODY
    # in German, French and Spanish too
    for bio in (
        "Henning Lobin ist seit 2018 Direktor des Instituts für Deutsche Sprache in Mannheim.",
        "Brigit Katz est une journaliste indépendante installée à Toronto.",
        "Brigit Katz es una periodista independiente que vive en Toronto.",
        # a role without an article (CHIP's author box)
        "Inga Buller ist Head of Social & Community bei CHIP. Wenn sie gerade nichts bei Ebay "
        "Kleinanzeigen verkauft, testet sie gerne neue Haushalts-Gadgets.",
        "Brigit Katz is senior editor at the Toronto Star.",
        "Brigit Katz ist freie Journalistin in Toronto.",
        "Brigit Katz est rédactrice en chef adjointe du magazine.",
    ):
        author = " ".join(bio.split()[:2])
        assert clean_paragraphs([*BODY, bio], authors=[author]) == BODY, bio
    # a word that only starts like a role is none
    headed = "Brigit Katz is headed to Toronto next week for the hearing."
    assert clean_paragraphs([*BODY, headed], authors=authors) == [*BODY, headed]


def test_a_blogger_s_about_me_box_at_the_end_goes_and_the_biography_before_it() -> None:
    """A sidebar's "About me" box read after the story (a blog under the bench's
    ``--scramble-classes --plain-tags``): its greeting and what follows it go, and the
    author's biography before it is then the last paragraph, and goes too."""
    bio = "Regan is a Southeastern Connecticut native now living in Central Massachusetts."
    about = [
        "Hi there! I'm Regan.",
        "Thank you for stopping by! My name is Regan and I live in Massachusetts with my "
        "husband and two sons. Here you will read about raising boys and family travel.",
    ]
    assert clean_paragraphs([*BODY, bio, *about], authors=["Regan"]) == BODY
    assert clean_paragraphs([*BODY, "Welcome to my blog!"]) == BODY


def test_a_greeting_inside_the_story_or_before_a_long_text_stays() -> None:
    greeting = "Hi there, I'm the new mayor, she told the crowd, and I am here to listen."
    text = [BODY[0], greeting, *BODY[1:]]
    assert clean_paragraphs(text) == text
    long_rest = [greeting, *BODY]  # more than an about box's words after it
    assert clean_paragraphs([*BODY, *long_rest]) == [*BODY, *long_rest]


def test_a_biography_of_someone_else_or_before_the_end_stays() -> None:
    someone = "Smith is a former mayor of the city and ran for governor in 2018."
    assert clean_paragraphs([*BODY, someone], authors=["Brigit Katz"]) == [*BODY, someone]
    bio = "Brigit Katz is a freelance writer based in Toronto."
    text = [BODY[0], bio, *BODY[1:], *BODY]
    assert clean_paragraphs(text, authors=["Brigit Katz"]) == text
    # without a byline to match, a name and "is a ..." alone is no biography
    assert clean_paragraphs([*BODY, someone]) == [*BODY, someone]


def test_a_writers_biography_goes_by_its_own_words_when_no_byline_names_the_writer() -> None:
    """A theme prints its author box's biography without the byline the metadata holds."""
    for bio in (
        "Brigit Katz is a freelance writer based in Toronto.",
        "Maria Gonzalez is a senior correspondent covering health policy and science.",
        "Tom Lee is a reporter for the Herald. Follow him on Twitter @tomlee.",
    ):
        assert clean_paragraphs([*BODY, bio]) == BODY, bio
    # a story's closing fact about the reporter it tells of says no beat, base or handle
    fact = "Jane Doe is a reporter for the Moscow bureau of Reuters."
    assert clean_paragraphs([*BODY, fact]) == [*BODY, fact]
    # a journalist's role without "is a": a story's sentence
    quote = "Maria Gonzalez, a correspondent based in Lagos, said the border was closed."
    assert clean_paragraphs([*BODY, quote]) == [*BODY, quote]
    # before the end it stays: a story may be about a writer
    bio = "Brigit Katz is a freelance writer based in Toronto."
    assert clean_paragraphs([BODY[0], bio, *BODY[1:], *BODY]) == [BODY[0], bio, *BODY[1:], *BODY]


def test_an_author_heading_left_last_goes() -> None:
    """The biography went by a rule of its own ("Follow her on Twitter ..."), and its box's
    heading was left as the story's last line."""
    assert clean_paragraphs([*BODY, "About the author"]) == BODY
    assert clean_paragraphs([*BODY, "Über den Autor"]) == BODY
    # in the middle, a heading is the story's
    text = [BODY[0], "About the author", *BODY[1:]]
    assert clean_paragraphs(text) == text


def test_a_timeline_keeps_its_year_headings() -> None:
    timeline = [
        BODY[0],
        "1989",
        "The wall that divided the city for 28 years was opened on the night of 9 November.",
        "1990",
        "The two German states were reunited on 3 October, less than a year later.",
    ]
    assert clean_paragraphs(timeline) == timeline


@pytest.mark.timeout(30)
def test_a_long_word_after_about_at_the_end_does_not_make_the_rule_backtrack() -> None:
    # "About <name>:" heads a press release's company description; a name of one long word
    # could be split five ways at every letter, which took longer than any page may
    long_about = "About " + "A-" * 600 + " | x"
    text = [*BODY, long_about]
    assert clean_paragraphs(text) == text


@pytest.mark.timeout(30)
def test_a_run_of_capitals_after_a_related_heading_does_not_backtrack() -> None:
    # every split of the run into up to five "capitalised words" was tried before the name
    # took whole, space-separated words: about two minutes for this line
    line = "X" * 200 + " went on and on!"
    assert clean_paragraphs([BODY[0], "Related", line, *BODY[1:]]) == [BODY[0], line, *BODY[1:]]


# --- labels that introduce nothing ---------------------------------------------------------

STORY = (
    "Gun control advocates are looking for new options, including some tech strategies, "
    "after seven measures failed in the Senate on Wednesday."
)


def test_labels_left_at_the_end_of_the_story_go() -> None:
    kept = clean_paragraphs(
        [STORY, "Empfehlungen von Matthias:", "Empfehlungen von Tomislav:", "See more photos:"]
    )
    assert kept == [STORY]


def test_a_label_followed_by_its_text_list_quotation_or_another_label_stays() -> None:
    paragraphs = [
        "Zutaten:", "Für den Teig:", "300 g Mehl", "Pros:",
        "- comes with Python, no extra tooling", "Cons:",
        "- only aware of installed packages", "She writes:", STORY,
        # a sentence that ends in a colon is no label, even last
        "The minister closed his statement to the council with these words:",
    ]  # fmt: skip
    assert clean_paragraphs(paragraphs) == paragraphs


def test_a_byline_of_the_author_s_one_name_goes_near_the_top() -> None:
    # a blog's pseudonym, in the list of the post's date, author and blog (Mediapart's)
    assert clean_paragraphs(["- Par Elba", STORY], authors=["Elba"]) == [STORY]
    assert clean_paragraphs(["By Roe", STORY], authors=["Jane Roe"]) == [STORY]
    # one capitalised word that is not the author's is a day or a place
    for line in ("By Tuesday", "By Elba"):
        assert clean_paragraphs([line, STORY], authors=["Jane Roe"]) == [line, STORY]
    # far down the story, such a line is the story's own
    later = [STORY, STORY.replace("Senate", "House"), STORY.replace("seven", "six"), "By Roe"]
    assert clean_paragraphs(later, authors=["Jane Roe"]) == later


def test_a_source_label_that_the_dateline_names_goes() -> None:
    dateline = "WASHINGTON (CNN) — " + STORY
    assert clean_paragraphs(["CNN", dateline, STORY]) == [dateline, STORY]
    # a short first line that the dateline does not name stays, and so does a later one
    assert clean_paragraphs(["Gun control", dateline]) == ["Gun control", dateline]
    assert clean_paragraphs([STORY, "CNN", dateline]) == [STORY, "CNN", dateline]


def test_a_related_list_at_the_end_goes_in_languages_beyond_the_corpus() -> None:
    story = [
        "Het kabinet wil de regels voor huurwoningen strenger maken, zo maakte de minister "
        "dinsdag bekend na afloop van de ministerraad in Den Haag.",
        "Verhuurders die te veel vragen, krijgen volgend jaar een boete van de gemeente.",
    ]
    for heading, headlines in (
        ("Gerelateerde artikelen", ["Huurprijzen stijgen opnieuw", "Minister wil meer woningen"]),
        ("Podobne artykuły", ["Ceny mieszkań rosną", "Rząd zapowiada nowe przepisy"]),
        ("Benzer Haberler", ["Kira fiyatları yine arttı", "Bakan yeni konut planını açıkladı"]),
        ("Tin liên quan", ["Giá thuê nhà tăng mạnh", "Bộ trưởng công bố kế hoạch mới"]),
        ("مقالات ذات صلة", ["ارتفاع أسعار الإيجارات", "الوزير يعلن خطة جديدة للإسكان"]),
    ):
        assert clean_paragraphs([*story, heading, *headlines]) == story, heading


def test_video_card_titles_before_their_running_time_go() -> None:
    story = [
        "The ferry returned to service on Monday after the storm closed the harbour for a week.",
        "Ferry service resumes after the storm",
        "0:45",
        "Council votes on the harbour budget today",
        "1:12",
        "The operator said the timetable would stay as it was until the spring.",
    ]
    assert clean_paragraphs(story) == [story[0], story[-1]]


def test_a_podcast_card_s_title_goes_with_its_episode_and_length() -> None:
    story = [
        "The ferry returned to service on Monday after the storm closed the harbour for a week.",
        "The Daily Briefing",
        "Episode 42 · 23 min",
        "The operator said the timetable would stay as it was until the spring.",
    ]
    assert clean_paragraphs(story) == [story[0], story[-1]]
    # an episode named without its length is a show's own heading, and stays
    notes = [story[0], "Episode 42", "The hosts talk to the harbour master about the storm."]
    assert clean_paragraphs(notes) == notes


def test_a_poll_s_question_goes_after_its_label_but_a_story_s_question_stays() -> None:
    story = [
        "The council voted on Monday to build a new bridge across the river by 2024.",
        "Quick Poll",
        "What do you think about the new bridge?",
        "Yes No",
        "1,234 votes",
        "Work on the bridge will start in the spring, the council said.",
    ]
    assert clean_paragraphs(story) == [story[0], story[-1]]
    # a question on a line of its own without a poll's label is the story's subheading
    asked = [story[0], "What happens next?", story[-1]]
    assert clean_paragraphs(asked) == asked


def test_a_live_blog_s_heading_after_its_time_and_a_results_list_stay() -> None:
    live = [
        "The council met on Monday to vote on the harbour budget for next year.",
        "12:45",
        "Council approves the harbour budget",
        "The vote was eleven to four, after a debate of two hours.",
    ]
    assert "Council approves the harbour budget" in clean_paragraphs(live)
    results = ["Race results from the harbour regatta on Sunday were close.", "Ann Lee", "1:32:10"]
    assert "Ann Lee" in clean_paragraphs(results)


def test_a_comment_section_s_heading_near_the_end_takes_the_rest() -> None:
    rules = (
        "Quanta Magazine moderates comments to facilitate an informed, substantive, civil "
        "conversation. Abusive or off-topic comments will be rejected."
    )
    for heading in ("Comment on this article", "Leave a Reply", "12 Comments", "Kommentare"):
        assert clean_paragraphs([STORY, STORY, heading, rules]) == [STORY, STORY]


def test_a_comment_heading_early_in_the_story_or_a_discussion_section_stays() -> None:
    body = [f"{STORY} Part {n} of the account of the hearing." for n in range(6)]
    # "Comments" heading a section of a long report, with most of it after: the label alone
    # may go as a tool's label, the section stays
    assert clean_paragraphs([STORY, "Comments", *body]) == [STORY, *body]
    # a paper's "Discussion" ends it, and is the story
    paper = [STORY, STORY, "Discussion", "The results suggest the tuft cells respond early."]
    assert clean_paragraphs(paper) == paper


def test_a_comment_count_before_a_short_story_takes_nothing() -> None:
    """A byline line's "3 Comments" opens a short story: what follows it is the story."""
    brief = ["By Jane Doe, March 3, 2019", "3 Comments", STORY, STORY]
    assert clean_paragraphs(brief)[-2:] == [STORY, STORY]


COOKIE_NOTICE = [
    "This website uses cookies to improve your experience while you navigate through the "
    "website. Out of these cookies, the cookies that are categorized as necessary are stored "
    "on your browser as they are essential for the working of basic functionalities of the "
    "website. We also use third-party cookies that help us analyze how you use this website.",
    "Necessary",
    "Always Enabled",
    "Necessary cookies are absolutely essential for the website to function properly. This "
    "category only includes cookies that ensures basic functionalities and security features "
    "of the website. These cookies do not store any personal information.",
]


def test_a_cookie_notice_after_the_story_goes_from_its_heading_or_its_opening() -> None:
    """A consent plugin's settings dialog (CookieYes's "Privacy Overview") read after the
    story where its names say nothing."""
    for heading in (["Privacy Overview"], ["Cookie-Einstellungen"], []):
        assert clean_paragraphs([STORY, STORY, *heading, *COOKIE_NOTICE]) == [STORY, STORY]


def test_a_story_about_cookies_keeps_its_paragraphs() -> None:
    """A report on cookie rules opens no run with the site's own use of cookies, or has a
    paragraph that does not speak of them; a notice before the story's end is no notice."""
    report = [
        "The regulator said on Tuesday that sites must ask before they set cookies.",
        "Cookie Policy",
        "Regulators said cookies that track readers need consent under the new rules.",
        "The rules take effect in May, and fines can reach four percent of turnover.",
    ]
    # the heading alone may go, as a page's link to its policy does
    assert clean_paragraphs([STORY, *report])[-2:] == report[-2:]
    assert clean_paragraphs([STORY, *COOKIE_NOTICE[:1], STORY]) == [
        STORY, *COOKIE_NOTICE[:1], STORY
    ]  # fmt: skip


SOURCES = [
    'CNN, "China exempts US soybeans and pork from tariffs," Sept. 13, 2019',
    'Marijuana Policy Group, "Market Size and Demand for Marijuana in Colorado," 2017 market '
    "update",
    "Federal Reserve Bank of St. Louis, CPI historical data, accessed Nov. 5, 2019",
    "Email interview with Mary E. Lovely, Syracuse University economist, Nov. 5, 2019",
]


def test_a_fact_check_s_list_of_sources_goes_with_its_heading() -> None:
    """PolitiFact's "About this statement:" box, its names scrambled: a publisher, a quoted
    title and a date on each line, read as the story's end."""
    story = [f"{STORY} Part {n} of the fact-check." for n in range(4)]
    for heading in (["About this statement:"], ["Our Sources"], []):
        assert clean_paragraphs([*story, *heading, *SOURCES]) == story


def test_quotes_and_dates_in_a_story_stay() -> None:
    """Lines that quote someone and end in a date are a story's when they are few or open
    it; a quote without a date is no citation."""
    story = [f"{STORY} Part {n} of the report." for n in range(4)]
    assert clean_paragraphs([*SOURCES[:2], *story]) == [*SOURCES[:2], *story]
    quotes = [
        'The mayor said, "We will build the bridge," and the council agreed.',
        'Her rival answered, "Not with our money," to applause.',
        'A resident added, "It is about time," outside the hall.',
    ]
    assert clean_paragraphs([*story, *quotes]) == [*story, *quotes]


@pytest.mark.parametrize(
    "notice",
    [
        "This email address is being protected from spambots. You need JavaScript enabled to "
        "view it.",
        "Diese E-Mail-Adresse ist gegen Spambots geschützt! JavaScript muss aktiviert werden, "
        "damit sie angezeigt werden kann.",
        "Diese E-Mail-Adresse ist vor Spambots geschützt! Zur Anzeige muss JavaScript "
        "eingeschaltet sein!",
        "Cette adresse e-mail est protégée contre les robots spammeurs. Vous devez activer le "
        "JavaScript pour la visualiser.",
    ],
)
def test_joomla_s_notice_for_a_hidden_address_goes_and_its_sentence_stays(notice: str) -> None:
    """Joomla's e-mail cloaking writes a notice where the address was, for a reader without
    its script: the notice goes, alone or in a sentence or a table's cell; a sentence about
    spam and JavaScript stays."""
    assert clean_paragraphs([*BODY, notice]) == BODY
    assert clean_paragraphs([f"Kontakt: {notice} Telefon 0345 123."]) == [
        "Kontakt: Telefon 0345 123."
    ]
    sentence = "The council says spam filters blocked the letters; the map needs JavaScript."
    assert clean_paragraphs([sentence]) == [sentence]


def test_a_series_contents_below_one_of_its_parts_goes_with_its_heading() -> None:
    """Simon Willison's guide lists its chapters under "Chapters in this guide" below each
    one; a story that names its series in a sentence keeps it."""
    chapters = ["- Writing code is cheap now", "- Hoard things you know how to do"]
    assert clean_paragraphs([*BODY, "Chapters in this guide", *chapters]) == BODY
    assert clean_paragraphs([*BODY, "Other posts in this series", *chapters]) == BODY
    sentence = "The other posts in this series looked at the harbour's ferries and its fishing."
    assert clean_paragraphs([*BODY, sentence]) == [*BODY, sentence]


def test_a_headline_repeated_three_times_in_a_row_is_a_slideshow_s_title_and_goes() -> None:
    """CNN's gallery writes its title once a slide; a page of filler text repeats whole
    paragraphs, which stay, as do a line said twice and a list's one-word links."""
    story = [
        "The storm reached the coast on Tuesday night, the weather service said.",
        "Flights were cancelled at both airports as the winds rose through the evening.",
    ]
    title = "Weather threatens holiday plans"
    assert clean_paragraphs([story[0], *[title] * 14, story[1]]) == story
    twice = [story[0], title, title, story[1]]
    assert clean_paragraphs(twice) == twice
    long = story[1] + " " + story[1] + " " + story[0]
    assert clean_paragraphs([long] * 3) == [long] * 3
    assert clean_paragraphs([story[0], *["link"] * 5]) == [story[0], *["link"] * 5]
