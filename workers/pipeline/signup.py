"""Newsletter sign-up boxes and log-in boxes, removed by their markup before trafilatura
reads the page.

A newsletter box inside the story's container ("Pick Six Newsletter / Get the day's big
stories + fun stuff you love") has its call to action only on a button, so the text-level
newsletter rule of the cleaning pass, which needs "sign up" or "subscribe" in the words,
cannot see it. `remove_signup_boxes` removes the box by its markup (an e-mail field inside an
element named newsletter/subscribe/sign-up, or inside a short element whose words, its
button's among them, ask for a sign-up) before the form fields are deleted: the field is what
tells a sign-up box from a story whose container merely has "subscriber" in its name. A
log-in box or dialog is known by its password field and its names (`remove_login_boxes`).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from workers.pipeline.prepare import class_and_id

__all__ = ["remove_login_boxes", "remove_signup_boxes"]

_WORD = re.compile(r"\w+")

#: what a newsletter or mailing-list sign-up box is called (class or id); "stay connected" is
#: the heading such boxes often carry, and their name too ("stayConnected__wrapper")
_SIGNUP_BOX = re.compile(
    r"newsletter|subscri|sign-?up|opt-?in|mailing-?list|mailchimp|mc4wp|email-?capture"
    r"|stay[-_]?connected",
    re.IGNORECASE,
)
#: a sign-up box is a heading, a sentence or two and a form; a longer element is a story
_SIGNUP_MAX_WORDS = 80
#: how far above the e-mail field the box's element may sit
_SIGNUP_MAX_DEPTH = 6
#: a box known by its words alone is as short: a heading, a line of pitch, the fine print,
#: and the messages its form shows after sending, written beside the form (CBS Sports's
#: "Thanks for signing up! Keep an eye on your inbox ...", "Sorry! There was an error
#: processing your subscription.", "Please check the opt-in box ...": 73 words in all)
_WORDED_SIGNUP_MAX_WORDS = _SIGNUP_MAX_WORDS
#: a paragraph this long that does not ask for a sign-up is a story's sentence, and so is a
#: second paragraph of a pitch's length
_STORY_SENTENCE_WORDS = 12
_PITCH_WORDS = 4
#: where a box ends: the page, its story
_SIGNUP_NEVER = ("body", "html", "article", "main")
#: the words of a sign-up box whose names say nothing: its call, its button, its promise
_SIGNUP_WORDS = (
    "newsletter", "sign up", "signup", "signing up", "subscri", "inbox", "mailing list",
    "email updates", "e-mail updates", "email alerts", "e-mail alerts", "stay informed",
    "stay connected", "stay in touch", "stay up to date", "abonnier", "anmelden",
    "s'abonner", "s’abonner", "inscri", "suscr", "iscriviti", "inschrijven", "aanmelden",
    "assine", "assinar", "cadastre", "zapisz", "přihlas",
)  # fmt: skip


def remove_signup_boxes(tree: HtmlElement) -> None:
    """Delete newsletter sign-up boxes: an e-mail field inside an element whose class or id
    names a newsletter, subscription or sign-up, at most `_SIGNUP_MAX_WORDS` words long
    beside its forms.

    The outermost such element within `_SIGNUP_MAX_DEPTH` levels of the field is the box
    (its heading and pitch sit beside the form, not in it). Run this before the form fields
    are deleted: the e-mail field is what tells a sign-up box from a story that merely has
    "subscriber" in its container's class name.

    A box whose names say nothing ("n41", or names scrambled by a build tool) is known by its
    words instead: the outermost element around the field that stays within
    `_WORDED_SIGNUP_MAX_WORDS` words beside its forms and holds no paragraph of a story's
    length that is not about signing up (a brief's container with a form in it), when its
    words (its button's included) ask for a sign-up ("Sign up", "Subscribe", "newsletter",
    "inbox"). Its heading ("Get the Morning Briefing") and its fine print ("By signing up,
    you agree to our Terms of Use") said nothing a text rule could read alone.
    """
    boxes = []
    for field in tree.iter("input"):
        if not _asks_for_email(field):
            continue
        box = _named_signup_box(field)
        if box is None:
            box = _worded_signup_box(field)
        if box is not None:
            boxes.append(box)
    for box in boxes:
        if box.getparent() is not None:
            box.drop_tree()


#: what a log-in box or dialog is called (class or id): "m-auth-modal", "headerLoginPanel",
#: "capa_iniciar_sesion", "headeranmeldebox", "user-popup-modal"
_LOGIN_BOX = re.compile(
    r"log-?in|sign-?in|auth|modal|popup|anmeld|connexion|iniciar|sesion|account",
    re.IGNORECASE,
)
#: a log-in box holds its form, its links ("Forgot password?") and its messages; a longer
#: element holds more of the page
_LOGIN_MAX_WORDS = 400
#: how far above the password field the box's element may sit
_LOGIN_MAX_DEPTH = 8


def remove_login_boxes(tree: HtmlElement) -> None:
    """Delete log-in boxes and dialogs: the outermost element within `_LOGIN_MAX_DEPTH`
    levels of a password field whose class or id names a log-in, an account or a dialog,
    at most `_LOGIN_MAX_WORDS` words long and without the page's headline.

    The form's fields go with the elements that never hold text, but the box's other lines
    stayed: Vox Media's log-in dialog, after the story at the end of the page, came in with
    it ("Forgot password?", "We'll email you a reset link.", "Choose an available username
    to complete sign up.") whenever the story's ``<article>`` was not there to bound it (the
    bench's ``--plain-tags``). No story has a password field in it."""
    boxes = []
    for field in tree.iter("input"):
        if (field.get("type") or "").lower() != "password":
            continue
        box = _outermost_named(field, _LOGIN_BOX, _LOGIN_MAX_DEPTH)
        if (
            box is not None
            and len(_WORD.findall(box.text_content())) <= _LOGIN_MAX_WORDS
            and box.find(".//h1") is None
        ):
            boxes.append(box)
    for box in boxes:
        if box.getparent() is not None:
            box.drop_tree()


def _outermost_named(
    field: HtmlElement, names: re.Pattern[str], levels: int
) -> HtmlElement | None:
    """The outermost element within `levels` levels above `field` (and inside the story's
    or the page's element) whose class or id `names` match, or None."""
    box = None
    for depth, ancestor in enumerate(field.iterancestors()):
        if depth >= levels or ancestor.tag in _SIGNUP_NEVER:
            break
        if names.search(class_and_id(ancestor)):
            box = ancestor
    return box


def _named_signup_box(field: HtmlElement) -> HtmlElement | None:
    box = _outermost_named(field, _SIGNUP_BOX, _SIGNUP_MAX_DEPTH)
    if (
        box is not None
        and _words_beside_forms(box) <= _SIGNUP_MAX_WORDS
        and box.find(".//h1") is None
    ):
        return box
    return None


def _worded_signup_box(field: HtmlElement) -> HtmlElement | None:
    """The outermost element around `field` short enough for a box and holding no sentence
    of a story, when its words ask for a sign-up; or None."""
    box = None
    for depth, ancestor in enumerate(field.iterancestors()):
        if (
            depth >= _SIGNUP_MAX_DEPTH
            or ancestor.tag in _SIGNUP_NEVER
            or _more_words_beside_forms(ancestor, _WORDED_SIGNUP_MAX_WORDS)
            or _holds_a_story_sentence(ancestor)
            or next(ancestor.iter("h1"), None) is not None
        ):
            break
        box = ancestor
    if box is not None and _asks_for_signup(box.text_content()):
        return box
    return None


def _more_words_beside_forms(element: HtmlElement, limit: int) -> bool:
    """Whether `element` holds more than `limit` words outside its ``<form>`` elements,
    read only until they are more: the climb from a field reaches the page's wrappers, whose
    whole text would cost a tenth of a millisecond to read each time."""
    count = 0
    stack = [element]
    while stack:
        node = stack.pop()
        if node is not element and node.tail:
            count += len(_WORD.findall(node.tail))
        if node.tag == "form" or not isinstance(node.tag, str):
            continue  # a form's own words are its labels; an HTML comment is not shown
        if node.text:
            count += len(_WORD.findall(node.text))
        if count > limit:
            return True
        stack.extend(reversed(node))
    return count > limit


def _holds_a_story_sentence(element: HtmlElement) -> bool:
    """Whether `element` holds, outside its forms, a paragraph as long as a story's sentence
    or two paragraphs, neither about signing up: a brief's container with a form in it, not
    a sign-up box (whose pitch is one short line)."""
    lines = 0
    for paragraph in element.iter("p"):
        text = paragraph.text_content()
        words = len(_WORD.findall(text))
        if words < _PITCH_WORDS or _in_form(paragraph, element) or _asks_for_signup(text):
            continue
        lines += 1
        if words >= _STORY_SENTENCE_WORDS or lines > 1:
            return True
    return False


def _asks_for_signup(text: str) -> bool:
    """Whether `text` holds one of `_SIGNUP_WORDS` (substring tests: a box's form may hold a
    long list of options, which one regex over it read ten times slower)."""
    lowered = text.lower()
    return any(word in lowered for word in _SIGNUP_WORDS)


def _in_form(element: HtmlElement, within: HtmlElement) -> bool:
    """Whether `element` lies in a ``<form>`` inside `within` (or is `within`, a form)."""
    for ancestor in element.iterancestors():
        if ancestor.tag == "form":
            return True
        if ancestor is within:
            return False
    return False


def _words_beside_forms(box: HtmlElement) -> int:
    """The words of `box` outside its ``<form>`` elements: a form's own words are its labels
    and the messages it shows after sending ("Thank you for submitting your email!", "It
    looks like something went wrong ..."), which make a box long without making it a story."""
    words = len(_WORD.findall(box.text_content()))
    for form in box.iter("form"):
        if form.getparent() is not None and form.getparent().xpath("ancestor-or-self::form"):
            continue  # inside a form counted already
        words -= len(_WORD.findall(form.text_content()))
    return words


def _asks_for_email(field: HtmlElement) -> bool:
    if (field.get("type") or "").lower() == "email":
        return True
    names = f"{field.get('name') or ''} {field.get('id') or ''} {field.get('placeholder') or ''}"
    return "mail" in names.lower()
