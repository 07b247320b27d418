"""remove_signup_boxes: a newsletter box goes by its e-mail field and its names or words; a
story behind a form, a comment form, a search box and social links stay. remove_login_boxes:
a log-in box goes by its password field and its names."""

from __future__ import annotations

from pathlib import Path

from support.trees import article_tree, markup

from workers.pipeline.extract import extract_article
from workers.pipeline.signup import remove_login_boxes, remove_signup_boxes

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "markup-losses.html"


# --- newsletter sign-up boxes ---------------------------------------------------------------

NEWSLETTER_PAGE = PAGE.with_name("newsletter-box.html")
NEWSLETTER_URL = "https://coastline.example/ports/pilots-strike"
PITCH = "tide tables, ship movements and port gossip"


def test_newsletter_box_inside_the_story_goes_and_the_story_stays() -> None:
    text = extract_article(NEWSLETTER_PAGE.read_bytes(), url=NEWSLETTER_URL).text
    assert PITCH not in text
    assert "Pilot Daily" not in text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 4, paragraphs
    assert paragraphs[1].startswith("The pilots, who guide every large ship")
    assert paragraphs[2].startswith("A spokesperson for the port authority")
    # a sentence about subscribers is the story, not a prompt
    assert paragraphs[3].startswith("Subscribers to the pilots' union bulletin")


def test_trafilatura_alone_keeps_the_newsletter_pitch() -> None:
    # the box's call to action is a button, so only its markup gives it away
    import trafilatura

    text = trafilatura.extract(NEWSLETTER_PAGE.read_bytes(), favor_precision=True) or ""
    assert PITCH in text


FORM_MESSAGES = (
    "<p>Thank you for submitting your email! Explore more newsletters from the Gazette.</p>"
    "<p>It looks like something went wrong. We are having trouble saving your preferences. "
    "Try refreshing this page and updating them one more time. If you continue to get this "
    "message, reach out to us at the address below with a list of the newsletters you would "
    "like to receive, and we will add you to each of them by hand as soon as we can.</p>"
)


def test_signup_box_needs_an_email_field_a_signup_name_and_few_words() -> None:
    story = " ".join(["The council approved the harbour budget after a long debate."] * 12)
    tree = article_tree(
        # 1. named and with an e-mail field: removed
        '<div class="newsletter-signup"><h3>Morning Brief</h3>'
        '<p>Our best stories, every morning.</p><input type="email" name="e"></div>'
        # 2. an e-mail field in a box not named for sign-ups (a comment form): left alone
        '<div class="comment-form"><p>Leave a reply</p><input type="text" name="email"></div>'
        # 3. named for subscribers but long: a story behind a form, left alone
        f'<div class="subscriber-only"><p>{story}</p><input type="email" name="e"></div>'
        # 4. named, but no e-mail field (a search box): left alone
        '<div class="subscribe-promo"><p>Find a story</p><input type="search" name="q"></div>'
        # 5. named for its "Stay connected" heading, with an e-mail field: removed, though
        # the messages its form shows after sending take it past the words a box may hold
        '<div class="stayConnected__wrapper--b90e"><h3>Stay connected</h3>'
        "<h2>Get the latest updates from the Gazette</h2><p>Special offers and more.</p>"
        f'<form><input type="email" name="email"><button>Sign up</button>{FORM_MESSAGES}'
        "</form></div>"
        # 6. the same name without an e-mail field (social links): left alone
        '<div class="stay-connected"><p>Follow the Gazette</p><a href="/rss">RSS</a></div>'
    )
    remove_signup_boxes(tree)
    html = markup(tree)
    assert "Morning Brief" not in html and "Our best stories" not in html
    assert "Stay connected" not in html and "latest updates" not in html
    assert "Follow the Gazette" in html
    assert "Leave a reply" in html
    assert "The council approved the harbour budget" in html
    assert "Find a story" in html


def test_signup_box_whose_names_say_nothing_is_known_by_its_words() -> None:
    story = "<p>The council approved the harbour budget after a long debate on Tuesday night.</p>"
    tree = article_tree(
        f'<div class="c7">{story}'
        # 1. meaningless names: its words ask for a sign-up, so it goes with its fine print
        '<div class="n41"><h4>Get the Morning Briefing</h4>'
        "<p>The news you need to start your day.</p>"
        '<form><input type="email" placeholder="Enter your email"><button>Sign up</button>'
        "</form><small>By signing up, you agree to our Terms of Use.</small></div>"
        f"{story}</div>"
        # 2. a brief with a form inside its own container: a story's sentence, left alone
        '<div class="c8"><p>The ferry will run on a new timetable from April, the operator '
        "said on Friday, the third change in two years.</p>"
        '<input type="email" name="e"><button>Subscribe</button></div>'
        # 3. an e-mail field that asks for no sign-up (a contact form): left alone
        '<div class="c9"><h4>Contact the editor</h4><input type="email" name="from">'
        "<textarea></textarea></div>"
    )
    remove_signup_boxes(tree)
    html = markup(tree)
    assert "Morning Briefing" not in html and "By signing up" not in html
    assert html.count("approved the harbour budget") == 2
    assert "third change in two years" in html
    assert "Contact the editor" in html


def test_signup_box_known_by_its_words_goes_with_its_forms_messages_beside_it() -> None:
    """CBS Sports's box, its names scrambled: the messages its form shows after sending sit
    beside the form, not in it, and take the box to 73 words; a heading, a pitch, the
    consent line and those messages are still all about signing up."""
    story = "<p>The council approved the harbour budget after a long debate on Tuesday night.</p>"
    box = (
        '<div class="x1"><div class="x2"><h3>Pick Six Newsletter</h3>'
        "<h4>Get the day's big stories + fun stuff you love like mock drafts, picks and power "
        'rankings.</h4><form><input type="text" name="emailAddress" placeholder="Email Address">'
        '<input type="submit" value="Sign Up"></form><label><input type="checkbox">'
        '<span>I agree that CBS Sports can send me the "Pick Six Newsletter" newsletter.</span>'
        '</label><div class="x3"><a href="/newsletters">See All Newsletters</a></div></div>'
        '<div class="x4">Please check the opt-in box to acknowledge that you would like to '
        'subscribe.</div><div class="x5"><h3>Thanks for signing up!</h3><h4>Keep an eye on '
        'your inbox for the latest sports news.</h4></div><div class="x6"><h3>Sorry!</h3>'
        "<h4>There was an error processing your subscription.</h4></div></div>"
    )
    tree = article_tree(f'<div class="c7">{story}<section class="x0">{box}</section>{story}</div>')
    remove_signup_boxes(tree)
    html = markup(tree)
    for words in ("Pick Six", "opt-in box", "Thanks for signing up", "error processing"):
        assert words not in html, words
    assert html.count("approved the harbour budget") == 2


# --- log-in boxes -----------------------------------------------------------------------------


def test_a_log_in_dialog_goes_with_its_lines_and_the_story_stays() -> None:
    story = " ".join(["The council approved the harbour budget after a long debate."] * 12)
    tree = article_tree(
        f"<p>{story}</p>"
        # Vox Media's dialog after the story: its messages and links outside the form
        '<div class="m-auth-modal__wrapper"><div class="m-auth-modal"><p>We\'ll email you a '
        'reset link.</p><form><input type="text" name="u"><input type="password" name="p">'
        "</form><p>Forgot password?</p><p>Choose an available username to complete sign up."
        "</p></div></div>"
    )
    remove_login_boxes(tree)
    text = tree.text_content()
    assert "Forgot password" not in text and "reset link" not in text
    assert "harbour budget" in text


def test_a_password_field_in_a_box_not_named_for_logging_in_or_a_long_one_stays() -> None:
    story = " ".join(["The council approved the harbour budget after a long debate."] * 50)
    for box in (
        # names that say nothing of a log-in
        '<div class="x1"><p>Members only.</p><input type="password" name="p"></div>',
        # a wrapper named "account" that holds the story too
        f'<div class="account-page"><p>{story}</p><input type="password" name="p"></div>',
    ):
        tree = article_tree(box)
        remove_login_boxes(tree)
        assert "input" in markup(tree), box
