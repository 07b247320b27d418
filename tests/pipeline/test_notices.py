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
        "Этот материал доступен только подписчикам.",
        "Dit artikel is alleen beschikbaar voor abonnees.",
        "Artykuł dostępny tylko dla subskrybentów.", "Bu içerik sadece abonelere özeldir.",
        "Bài viết này chỉ dành cho thành viên.", "هذا المحتوى متاح فقط للمشتركين",
        # scripts off, in the other languages
        "Veuillez activer JavaScript pour afficher ce contenu.",
        "Włącz JavaScript, aby zobaczyć tę treść.",
        "Schakel JavaScript in om deze inhoud te bekijken.", "Lütfen JavaScript'i etkinleştirin.",
        # the typo widget, a cookie banner, a comment policy
        "Found a typo? Select it and press Ctrl + Enter.",
        "We use cookies to improve your experience. By continuing, you agree to our use of "
        "cookies.",
        "Comments are moderated and will appear after approval.",
        "- ultimahora.es se reserva el derecho de eliminar cualquier comentario inapropiado.",
        # which comments are not let through, after a label
        "ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito ao usuário "
        "não serão aprovados pelo moderador.",
        "Comments that include profanity or personal attacks will not be approved.",
        # CNN Arabic's comment policy: "... so that we need not review comments before
        # publishing them ...", "The opinions below do not express the site's opinion ..."
        "ترحب شبكة CNN بالنقاش الحيوي والمفيد، وكي لا نضطر في موقع CNN بالعربية إلى مراجعة "
        "التعليقات قبل نشرها. ننصحك بمراجعة إرشادات الاستخدام للتعرف إليها جيداً.",
        "الآراء الواردة أدناه لا تعبر عن رأي موقع CNN بالعربية، بل تعكس وجهات نظر أصحابها فقط.",
        # Advance Local's comment rules, under its stories on cleveland.com and its sisters
        "Community Rules apply to all content you upload or otherwise submit to this site. "
        "Contact interactivity management.",
        # a donation box's payment details (Prachatai's: "Transfer money PromptPay ...")
        'โอนเงิน พร้อมเพย์ PromptPay "มูลนิธิสื่อเพื่อการศึกษาของชุมชน" 0993000060423',
        "โอนเงิน PayPal คลิกที่นี่ https://paypal.me/prachatai (รายงานยอดบริจาคสนับสนุน)",
        "Support us on Ko-fi: https://ko-fi.com/harbourgazette",
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
        # "The spokesman said the minister's remarks do not express the government's opinion"
        "وقال المتحدث إن تصريحات الوزير لا تعبر عن رأي الحكومة.",
        # a story that names a payment service, its handle or its ticker
        "Schnell, schnell, PayPal, Adresse raus, Tabs schließen, fertig.",
        "PayPal ($PYPL) shares rose 5% after @PayPal announced the deal.",
        "Venmo processed 1,234,567,890 payments last year, the company said.",
        "Your email address will not be published in the register, the council promised.",
        "De krant zegt dat het artikel alleen voor abonnees bedoeld was, maar het lekte uit.",
        "Eksperci ostrzegają, że włącz JavaScript to częsty komunikat na stronach banków.",
        "The minister said the new rules will not be approved before the summer.",
        "His comments will not be published, the court ruled.",
    ],
)
def test_story_sentence_is_not_a_notice(paragraph: str) -> None:
    assert not _is_notice(paragraph), paragraph


@pytest.mark.parametrize(
    "paragraph",
    [
        "Since you're here, we have a small favour to ask.",
        "Support our journalism. Donate now.",
        "Please consider supporting our work with a donation.",
        "Help keep our journalism free. Make a donation today.",
        "Our journalism is free to read, but it isn't free to produce. Please support us.",
        "We rely on readers like you to support our work.",
        "Chip in $5 to support our reporting.",
        "Your support helps us keep our journalism free for everyone. Donate today.",
        "If you value our reporting, please consider making a donation.",
        # the labels of donate buttons and boxes
        "Donate now",
        "Make a tax-deductible donation today.",
        "Support us",
        "Become a patron at Patreon!",
        "Jetzt spenden",
        "Faire un don",
        "Unterstützen Sie unseren Journalismus",
    ],
)
def test_donation_appeal_is_a_notice(paragraph: str) -> None:
    assert _is_notice(paragraph), paragraph


@pytest.mark.parametrize(
    "paragraph",
    [
        "Donations are tax-deductible.",
        "The charity said donations had doubled since March.",
        "He urged people to donate to the fund.",
        "Our team is supporting the relief work in the region.",
        "“We rely on donors like you to support our work,” said the charity's director.",
        "We support the mission of the UN.",
        "Support for the measure among voters has grown, our poll shows.",
        "The newsroom asked readers to support the strike.",
        "Donate to the Red Cross",
        "Please consider whether you support the bill before the vote.",
        "Sie spenden jedes Jahr für das Rote Kreuz.",
        "Give a gift",
    ],
)
def test_story_about_giving_is_not_an_appeal(paragraph: str) -> None:
    assert not _is_notice(paragraph), paragraph


@pytest.mark.parametrize(
    "paragraph",
    [
        "You have been successfully subscribed!",
        "You have been subscribed to our newsletter.",
        "Thanks for subscribing to The Morning Brief!",
        "Thank you for signing up!",
        "There was a problem subscribing you to the newsletter. Double check your email and "
        "try again, or email webteam@spokesman.com",
        "You have been successfully subscribed! There was a problem subscribing you to the "
        "newsletter. Double check your email and try again, or email webteam@spokesman.com",
        "Oops! We had a problem sending your message. Please try again later.",
        "Great! You'll get your first email soon.",
        "Success! You're on the list.",
        "Almost done! Check your inbox to confirm your subscription.",
        # an app's send-me-a-link form (WebMD's)
        "Thanks! Now check your email account on your mobile phone to download your new app.",
        "Please enter a valid email address.",
        "This email address is already subscribed.",
        "An email with an activation link has just been sent to your email address. Please "
        "activate your subscription by clicking on the activation link inside the email.",
    ],
)
def test_form_status_message_is_a_notice(paragraph: str) -> None:
    assert _is_notice(paragraph), paragraph


@pytest.mark.parametrize(
    "paragraph",
    [
        "Thanks for subscribing, he said.",
        "You have been registered to vote since 2016, the clerk told her.",
        "You are registered to vote in two states.",
        "She had registered for the marathon.",
        "Please try again.",
        "Great!",
        "There was a problem with the engine.",
        "Thanks for your message about the parking fines.",
        "Check your email regularly for updates from the school district about closures.",
        "Now check your email account on your phone: the bank says the refunds went out.",
        "Oops! The council sent the wrong tax bills. Please try again, residents were told.",
        "A letter has been sent to the address of every resident.",
        "Please confirm your attendance by Friday.",
    ],
)
def test_story_about_subscribing_is_not_a_form_status(paragraph: str) -> None:
    assert not _is_notice(paragraph), paragraph


@pytest.mark.parametrize(
    "paragraph",
    [
        "This post contains affiliate links. We may earn a commission if you buy through them.",
        "When you buy through links on our site, we may earn an affiliate commission.",
        "As an Amazon Associate I earn from qualifying purchases.",
        "Disclosure: This article contains affiliate links, which means we may receive a small "
        "commission at no extra cost to you.",
        "If you buy something through a link in this article, we may get a small share of the "
        "sale.",
        "We may earn a commission from links on this page.",
        "Links auf Online-Shops in Artikeln können sogenannte Affiliate-Links sein. Wenn ihr "
        "über diesen Link einkauft, erhält MIXED.de vom Anbieter eine Provision. Für euch "
        "verändert sich der Preis nicht.",
        "Dieser Artikel enthält Affiliate-Links.",
        "Wir erhalten für Käufe über diese Links eine Provision.",
        "Cet article contient des liens affiliés.",
    ],
)
def test_affiliate_disclosure_is_a_notice(paragraph: str) -> None:
    assert _is_notice(paragraph), paragraph


@pytest.mark.parametrize(
    "paragraph",
    [
        # affiliate marketing told of others, or reported
        "If you click an influencer's affiliate link, they earn a commission.",
        "The FTC requires influencers to disclose affiliate links, the agency said.",
        "Our survey found that many bloggers never disclose their affiliate links to readers.",
        "The company pays bloggers a commission on every sale made through their affiliate "
        "links.",
        # commissions that are not a shop link's
        "The commission will publish its report next week, and we will cover it.",
        "The European Commission may earn praise for the deal.",
        "We may get a commission for the new stadium, the mayor hopes.",
        "I earn a commission on each car I sell, and I buy my own lunch.",
        "Die Provision für Makler soll künftig geteilt werden.",
        "We may receive more rain tomorrow, forecasters warned.",
    ],
)
def test_story_about_commissions_is_not_an_affiliate_disclosure(paragraph: str) -> None:
    assert not _is_notice(paragraph), paragraph
