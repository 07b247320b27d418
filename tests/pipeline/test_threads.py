"""Comment threads whose class names say nothing go by what they hold; a story's own
"Comments" section, a story that mentions replies and times, and a page wrapped in one form
stay. Blocks named for comments anywhere in their names go, unless the name is a flag or the
block holds the story."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml.html import HtmlElement
from support.trees import article_tree, markup

from workers.pipeline.extract import extract_article, parse_html
from workers.pipeline.threads import remove_comment_sections, remove_comment_threads

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "comments-unnamed.html"
STORY = (
    "<p>The route runs twice a day in winter and four times a day in summer, as before, the "
    "operator said on Friday after the council meeting.</p>"
    "<p>Residents asked for a later crossing on Fridays. The council will review the timetable "
    "again in the autumn, after the busy months.</p>"
)
ENTRIES = "".join(
    f'<li><div class="c1"><b>Reader {n}</b> <span>says:</span></div>'
    f'<div class="c2"><a href="#c{n}">March {n + 3}, 2019 at {n + 4}:12 pm</a></div>'
    f"<p>Comment number {n}: I take this ferry every day and it is always late.</p></li>"
    for n in range(3)
)
FORM = (
    '<form action="/comment"><p>Your email address will not be published.</p>'
    "<p><label>Comment</label><textarea></textarea></p>"
    '<p><input type="checkbox"> Save my name, email, and website in this browser for the next '
    "time I comment.</p></form>"
)


def _cleaned(body: str, form: str = FORM) -> HtmlElement:
    """`body` in a page with a comment form at its end (only such a page is searched)."""
    page = f'<html><body><h1>The ferry</h1><div class="s">{body}</div>{form}</body></html>'
    tree = parse_html(page)
    assert tree is not None
    remove_comment_threads(tree)
    return tree


def _text(tree: HtmlElement) -> str:
    return " ".join(tree.text_content().split())


def _after_story(thread: str) -> str:
    """The text of a page of a headline, the story and `thread` after it (no form), once
    threads are removed."""
    tree = parse_html(
        f"<html><body><h1>The ferry</h1><div class='x9'>{STORY}</div>{thread}</body></html>"
    )
    assert tree is not None
    remove_comment_threads(tree)
    return _text(tree)


@pytest.mark.parametrize(
    "thread",
    [
        # WordPress's heading, quoting the title, in a box of its own
        f'<div class="x1"><h3>3 thoughts on “The ferry”</h3><ol>{ENTRIES}</ol></div>',
        # a count as the heading, the thread right in the story's container
        f"<h2>3 Comments</h2><ol>{ENTRIES}</ol>",
        # the heading wrapped in a div of its own, in the box
        f'<div class="x2"><div class="x3"><h4>Comments (3)</h4></div><ul>{ENTRIES}</ul></div>',
        # a bare name: the entries' "says:" tells it
        f'<div class="x4"><span>Reader comments</span><div>{ENTRIES}</div></div>',
        # the heading's words beside a link to the form (Accountancy Age's)
        f'<div class="x9"><p><span>Visitor comments</span> <a href="#add">Add your comment</a>'
        f"</p></div><div>{ENTRIES}</div>",
        # each entry's time after its date's year, "Posted by: <name>, 27 Sep 2011 | 15:22"
        '<div class="xa"><h3>Reader comments</h3><div><h4>Late again</h4><p>Late again today.'
        "</p><p>Posted by: Ann, 27 Sep 2011 | 15:22</p></div><div><h4>Again</h4><p>Late again."
        "</p><p>Posted by: Bo, 27 Sep 2011 | 16:40</p></div></div>",
        # the form alone, under WordPress's heading
        f'<div class="x5"><h3>Leave a Reply</h3>{FORM}</div>',
        # German: the form's notice tells it
        '<div class="x6"><h3>Schreibe einen Kommentar</h3><p>Deine E-Mail-Adresse wird nicht '
        "veröffentlicht. Erforderliche Felder sind mit * markiert.</p></div>",
        # no "says:", no form: two comment times and Reply links
        '<div class="x7"><h3>Discussion</h3><div><b>Ann</b> <i>2 hours ago</i><p>Late again '
        'today.</p><a href="?r=1">Reply</a></div></div>',
        # Spanish: the form's heading as a verb, and comment times ("Hace 28 minutos")
        '<div class="x8"><h2>Comentar</h2><div><b>Ana</b> <i>Hace 28 minutos</i><p>Late again '
        'today.</p></div><div><b>Luis</b> <i>Hace una hora</i><p>Late again.</p></div></div>',
    ],
)
def test_a_thread_goes_with_its_heading_and_the_story_stays(thread: str) -> None:
    text = _text(_cleaned(STORY + thread))
    assert "The route runs twice a day" in text
    assert "autumn, after the busy months." in text
    for leftover in ("Reader 1", "Comment number", "Save my name", "Late again", "Kommentar"):
        assert leftover not in text


@pytest.mark.parametrize(
    "section",
    [
        # a story's own section named "Comments", in sentences
        "<h3>Comments</h3><p>The operator declined to comment on the delays. A spokesman said "
        "the company would reply to the council in writing by the end of the month.</p>",
        # a "Discussion" section that names one time of day
        "<h3>Discussion</h3><p>The meeting began at 7:30 pm and ran past midnight, as residents "
        "queued to speak.</p>",
        # "What do you think?" answered by the story itself
        "<h3>What do you think?</h3><p>We asked passengers on the morning crossing what they "
        "thought of the new timetable, and most said it suited them.</p>",
    ],
)
def test_a_story_section_of_the_same_name_stays(section: str) -> None:
    text = _text(_cleaned(STORY + section))
    assert _text(parse_html(f"<html><body>{section}</body></html>")) in text  # type: ignore[arg-type]


def test_a_page_without_a_text_box_is_searched_for_heading_elements_alone() -> None:
    """A thread shown without its form goes under a heading element; the documented limit:
    under a label (a <span>, a <div>) it is left to the class-name rules and the cleaning."""
    text = _text(_cleaned(STORY + f"<h2>3 Comments</h2><ol>{ENTRIES}</ol>", form=""))
    assert "Comment number 1" not in text and "after the busy months" in text
    labelled = f'<div class="x4"><span>Reader comments</span><div>{ENTRIES}</div></div>'
    assert "Comment number 1" in _text(_cleaned(STORY + labelled, form=""))


def test_a_comment_form_goes_but_a_page_wrapped_in_one_form_stays() -> None:
    tree = _cleaned(STORY, form=FORM)
    assert "Save my name" not in _text(tree) and "twice a day" in _text(tree)
    # ASP.NET wraps the whole page in one form, its story and a comment box inside it
    page = parse_html(
        f'<html><body><form id="aspnetForm"><div class="s">{STORY}</div>'
        "<textarea name=c></textarea></form></body></html>"
    )
    assert page is not None
    remove_comment_threads(page)
    assert "twice a day" in _text(page) and "after the busy months" in _text(page)


def test_a_link_to_the_thread_above_the_story_takes_nothing() -> None:
    """WordPress's byline line links to the thread ("Leave a comment", "3 Comments") above
    the story, in a wrapper of its own: what follows it is the story, not comments."""
    # teasers of other stories above the post, with more prose than the post: the link
    # alone tells the byline line from a thread's heading
    teasers = "".join(
        f"<p>Another story of the week, number {n}, with a standfirst as long as a sentence of "
        "the story and a little more besides.</p>"
        for n in range(8)
    )
    for link in ('<a href="#respond">Leave a comment</a>', '<a href="#respond">3 Comments</a>'):
        page = parse_html(
            f'<html><body><div class="more">{teasers}</div><h1>The ferry</h1><div class="w">'
            f'<div class="m"><span>{link}</span></div>'
            f'<div class="c">{STORY}</div><div class="t"><h3>Leave a Reply</h3>{FORM}</div>'
            "</div></body></html>"
        )
        assert page is not None
        remove_comment_threads(page)
        assert "twice a day" in _text(page) and "after the busy months" in _text(page)
        assert "Save my name" not in _text(page)


def test_the_section_ends_where_prose_without_a_thread_s_marks_begins() -> None:
    """A template that puts its thread between two parts of the story: the thread goes,
    the second part stays."""
    more = (
        "<p>The second part of the story goes on after the thread, as a template that splits "
        "long stories writes it.</p>"
    )
    text = _text(_cleaned(STORY + f"<h2>3 Comments</h2><ol>{ENTRIES}</ol>" + more))
    assert "Comment number" not in text
    assert "The second part of the story goes on" in text


def test_a_thread_longer_than_a_short_story_stays() -> None:
    """The documented limit: a section holding half of the page's paragraphs is taken for
    the story when less than a story's worth of prose lies between the headline and it,
    since a heading above the story would look the same."""
    entries = ENTRIES * 4
    text = _text(_cleaned(STORY + f"<h2>12 Comments</h2><ol>{entries}</ol>"))
    assert "Comment number 1" in text


def test_a_thread_longer_than_the_story_after_it_goes() -> None:
    """A post read by many: its thread runs to several times its length, and the story lies
    between the headline and the thread's heading (a SciLogs blog's, whose heading holds a
    link to the form: "Kommentare <a>Schreibe einen Kommentar</a>")."""
    story = STORY * 7  # some 230 characters of prose a copy
    entries = ENTRIES * 25
    heading = '<h3>Kommentare <span><a href="#reply-title">Schreibe einen Kommentar</a></span></h3>'
    text = _text(_cleaned(story + heading + f"<ol>{entries}</ol>"))
    assert "Comment number" not in text and "Kommentare" not in text
    assert text.count("autumn, after the busy months.") == 7


def test_a_short_japanese_story_outweighs_a_thread_of_as_many_characters() -> None:
    """A Chinese or Japanese character says as much as a short word: a paywalled Japanese
    story's one paragraph is the page's story, and the English thread under it of more
    characters goes (Nikkei's preview under the bench's ``--comment-thread``)."""
    story = (
        "<p>６月12日の歴史的な米朝首脳会談を巡って戦っていたのは、米大統領と北朝鮮の委員長"
        "ばかりではない。中国の国家主席も、その行方を注視していた。会談の前後には、各国の"
        "外交当局が慌ただしく動き、電話会談も相次いだ。関係者によると、首脳間の直通電話の"
        "開設も検討されているという。</p>"
    )
    tree = _cleaned(story + f'<div class="x1"><h3>6 Comments</h3><ol>{ENTRIES * 2}</ol></div>')
    text = _text(tree)
    assert "米朝首脳会談" in text
    assert "Comment number" not in text and "says:" not in text


def test_a_thread_holding_the_headline_stays() -> None:
    """A "thread" around the page's <h1> is the page gone wrong: nothing is removed."""
    tree = parse_html(
        f"<html><body><div><h3>Comments</h3><h1>The ferry</h1>{STORY}"
        f"<ol>{ENTRIES}</ol></div></body></html>"
    )
    assert tree is not None
    remove_comment_threads(tree)
    assert "twice a day" in _text(tree)


def test_unnamed_comment_thread_leaves_the_extracted_story() -> None:
    """A blog page whose thread and form have meaningless class names: before, the readers'
    entries and the form's labels came out as the end of the story."""
    article = extract_article(PAGE.read_bytes(), url="https://harbour.example/ferry")
    assert article.text.startswith("The island ferry will run on a new timetable")
    assert article.text.endswith("to hold a public meeting before each one.")
    for leftover in ("Mark T.", "says:", "Great post", "Reply", "Save my name", "Your email"):
        assert leftover not in article.text


def test_a_thread_of_permalinked_entries_goes_without_a_form_even_when_long() -> None:
    """An old post's thread, comments closed (no form), names that say nothing: each entry
    links to itself ("#comment-3516"), which no story's list does. It goes with its heading,
    though it holds more text than the story."""
    entries = "".join(
        f'<li class="x1" id="x{n}"><cite><a href="https://blog.example/x">Reader {n}</a></cite>'
        f' <span>says:</span><div><a href="https://blog.example/ferry#comment-{3500 + n}">'
        f"March 3, 2010 at {n + 1}:16 am</a></div><p>Comment number {n}: I take this ferry every "
        "day, and in all the years I have taken it, it has never once been on time, which the "
        "operator never mentions in its reports to the council.</p></li>"
        for n in range(6)
    )
    page = (
        "<html><body><h1>The ferry</h1><div class='x9'>"
        f"{STORY}</div><h3>6 Responses to “The ferry”</h3><ol class='x7'>{entries}</ol>"
        "</body></html>"
    )
    tree = parse_html(page)
    assert tree is not None
    remove_comment_threads(tree)
    text = _text(tree)
    assert "Comment number" not in text and "Responses to" not in text
    assert "twice a day in winter" in text
    # one permalink is a story's link to a reader's comment, not a thread
    one = (
        "<html><body><h1>The ferry</h1><ul><li>As one reader <a href='/ferry#comment-12'>put it"
        "</a>, the ferry is never on time.</li><li>The council disagrees.</li></ul></body></html>"
    )
    tree = parse_html(one)
    assert tree is not None
    remove_comment_threads(tree)
    assert "never on time" in tree.text_content()


def test_a_spip_forum_s_permalinked_entries_go() -> None:
    """SPIP links each entry to itself as "#forum226836" (or "#comment81474")."""
    entries = "".join(
        f"<li class='x1'><div><a href='#forum{226836 + n}'>#</a> (22 juin 2018 @11h13)</div>"
        f"<p>Comment number {n}: le ferry n'est jamais à l'heure.</p></li>"
        for n in range(3)
    )
    text = _after_story(f"<h2>27 commentaires</h2><ul class='x7'>{entries}</ul>")
    assert "Comment number" not in text and "commentaires" not in text
    assert "twice a day in winter" in text


def test_a_thread_whose_entries_list_their_details_goes() -> None:
    """Each entry holds a list of its details (a "Reply" link and a time, both linking to
    the comment): that list's items link to one comment alone and are no thread; the
    entries around them are (a SciLogs blog's, whose details lists went and left the
    comments' text behind)."""
    entries = "".join(
        f"<li class='x1'><ul class='x2'><li><a href='#comment-{700 + n}'>Antworten</a></li>"
        f"<li>Reader {n}</li><li><a href='https://blog.example/ferry/#comment-{700 + n}'>"
        f"8. April 2019 @ 11:{10 + n}</a></li></ul><div class='x3'><p>Comment number {n}: "
        "the ferry is never on time.</p></div></li>"
        for n in range(3)
    )
    text = _after_story(f"<ol class='x7'>{entries}</ol>")
    assert "Comment number" not in text and "Reader 1" not in text
    assert "twice a day in winter" in text


def test_a_thread_of_articles_in_items_each_with_a_reply_goes() -> None:
    """A newer WordPress theme writes each comment as ``<li><article>``, its replies in a
    list beside the article: every top comment with a reply was an entry of its own item,
    and no list held two entries (a development page's thread under the bench's
    ``--scramble-classes --br-paragraphs``: read as the story's lines)."""

    def comment(n: int, text: str) -> str:
        return (
            f"<article class='x2'><footer><cite><a href='https://r.example'>Reader {n}</a>"
            f"</cite><a href='https://blog.example/ferry#comment-{500 + n}'>August 8, 2018</a>"
            f"</footer><div class='x3'>{text}<br><br></div></article>"
        )

    items = "".join(
        f"<li class='x1'>{comment(n, f'Comment number {n}: the ferry is never on time.')}"
        f"<ul class='x4'><li class='x5'>{comment(n + 50, f'Reply number {n}: thanks!')}</li>"
        "</ul></li>"
        for n in range(3)
    )
    text = _after_story(f"<h3>3 Responses</h3><ol class='x7'>{items}</ol>")
    assert "Comment number" not in text and "Reply number" not in text, text
    assert "twice a day in winter" in text


def test_post_cards_with_a_comment_link_are_no_thread() -> None:
    """A list of posts, each an <article> with its headline and a link to its latest
    comment, beside the story: no comment has a headline, and the cards stay."""
    cards = "".join(
        f"<article><h2>Post number {n}</h2><p>The ferry story number {n}, with a teaser "
        f"line.</p><a href='/p{n}#comment-{40 + n}'>Latest comment</a></article>"
        for n in range(3)
    )
    tree = parse_html(f"<html><body><main>{STORY}{cards}</main></body></html>")
    assert tree is not None
    remove_comment_threads(tree)
    text = _text(tree)
    assert "twice a day in winter" in text and "Post number 2" in text


# --- reader comments under names trafilatura does not know ----------------------------------


COMMENTS_PAGE = PAGE.with_name("comments-in-story-block.html")
COMMENTS_URL = "https://harbourgazette.example/news/ferry-timetable"
COMMENT_WORDS = ("Four crossings a day is a disgrace", "They knew about these inspections",
                 "Charter a boat from the mainland", "Marta", "islander77",
                 "Comments are the opinion of their authors")  # fmt: skip


def test_comment_thread_inside_an_unnamed_story_block_goes_and_the_story_stays() -> None:
    text = extract_article(COMMENTS_PAGE.read_bytes(), url=COMMENTS_URL).text
    for words in COMMENT_WORDS:
        assert words not in text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 5, paragraphs
    assert paragraphs[0].startswith("The island ferry will run four crossings")
    assert paragraphs[3].startswith("The regional council said")
    # a sentence of the story about comments is the story
    assert paragraphs[4].startswith("Readers who leave comments on our site")


def test_that_comment_thread_goes_too_when_the_names_say_nothing() -> None:
    """No comment form, and class names that say nothing: the thread's heading element
    and its entries' times tell it."""
    page = re.sub(rb'class="[^"]*"', b'class="x1"', COMMENTS_PAGE.read_bytes())
    text = extract_article(page, url=COMMENTS_URL).text
    for words in COMMENT_WORDS:
        assert words not in text
    assert text.split("\n\n")[-1].startswith("Readers who leave comments on our site")


def test_trafilatura_alone_keeps_that_comment_thread() -> None:
    # its comment rules want a class or id that starts with "comment"
    import trafilatura

    text = trafilatura.extract(COMMENTS_PAGE.read_bytes(), favor_precision=True) or ""
    assert "Four crossings a day is a disgrace" in text


NAMED_STORY = " ".join(["The council approved the harbour budget after a long debate."] * 6)


@pytest.mark.parametrize(
    "names",
    [
        'class="box sf_comment_list"',
        'class="row story-comments"',
        'id="postComments"',
        'id="recentcomments"',
        'class="widget most_commented_widget"',
        'class="pb-feature" id="echo_container_pb_comments"',
        'class="thecomment"',
        'id="div-comment-5755"',
        'class="c-comments js-fb-comments"',
        'class="commentaires"',
        # in Spanish and German (El Mundo's readers' comments)
        'id="comentarios_lectores"',
        'class="lista-comentarios"',
        'id="kommentare"',
    ],
)
def test_blocks_named_for_comments_go(names: str) -> None:
    thread = "<p>Great piece, thanks for writing it.</p>"
    tree = article_tree(f"<p>{NAMED_STORY}</p><div {names}>{thread}</div>")
    remove_comment_sections(tree)
    html = markup(tree)
    assert "Great piece" not in html
    assert "The council approved the harbour budget" in html



@pytest.mark.parametrize(
    "names",
    [
        'class="commentary"',  # an opinion column
        'class="commentator-bio"',  # its writer
        'class="post has-comments"',  # flags on the story's own container
        'class="entry comments-open"',
        'class="story commentsEnabled"',
        'class="no-comments"',
        'class="recommended"',
        'class="kommentar"',  # a German opinion column
        'class="comentarista"',  # a Spanish columnist
        'class="momento"',
    ],
)
def test_blocks_whose_names_only_mention_comments_stay(names: str) -> None:
    tree = article_tree(f"<div {names}><p>{NAMED_STORY}</p></div>")
    remove_comment_sections(tree)
    assert "The council approved the harbour budget" in markup(tree)


def test_a_comment_named_block_holding_the_story_stays() -> None:
    short = "The ferry will run four crossings a day from April."
    # 1. it holds the headline
    tree = article_tree(f"<div class='comments-wrap'><h1>Ferry cut</h1><p>{short}</p></div>")
    remove_comment_sections(tree)
    assert short in markup(tree)
    # 2. it holds the articleBody
    body = f"<div itemprop='articleBody'>{short}</div>"
    tree = article_tree(f"<div class='comments_block'>{body}</div>")
    remove_comment_sections(tree)
    assert short in markup(tree)
    # 3. it holds more than half of the page's paragraph words: the story's container
    area = "<div class='article_comments_area'>"
    tree = article_tree(f"{area}<p>{NAMED_STORY}</p></div><p>{short}</p>")
    remove_comment_sections(tree)
    assert "The council approved the harbour budget" in markup(tree)
    # ... while a thread shorter than the story beside it goes
    tree = article_tree(f"{area}<p>{short}</p></div><p>{NAMED_STORY}</p>")
    remove_comment_sections(tree)
    assert short not in markup(tree)
