"""The legal lines of a site's footer: each kind is recognised, and a story's sentence about
the same thing is not."""

from __future__ import annotations

import pytest

from workers.pipeline.boilerplate import core_text, is_boilerplate, word_count
from workers.pipeline.legal import is_legal_line


def _is_legal(paragraph: str) -> bool:
    core = core_text(paragraph)
    return is_legal_line(core, word_count(core), core.lower())


@pytest.mark.parametrize(
    "paragraph",
    [
        # the rights line, after a copyright or a theme's credit, misspelt as themes do
        "@2016 - PenciDesign. All Right Reserved. Designed and Developed by PenciDesign",
        "All rights reserved © 2019 The Real Deal is a registered Trademark of Korangy "
        "Publishing Inc.",
        "Copyright © 2019 Example Media Ltd. All rights reserved. Reproduction in whole or in "
        "part without permission is prohibited.",
        "© Axel Springer SE. Alle Rechte vorbehalten.",
        "Le Monde 2019 - Tous droits réservés",
        "© 2019 Grupo Editorial. Todos los derechos reservados.",
        "版权所有 © 2019 新华网",
        # the same in the languages beyond the corpus's
        "© 2019 Agora SA. Wszelkie prawa zastrzeżone.", "Tüm hakları saklıdır.",
        "© DPG Media - Alle rechten voorbehouden", "Bản quyền thuộc về VnExpress",
        "© 2019 الجزيرة. جميع الحقوق محفوظة", "Copyright © 2019 Dainik Jagran. सर्वाधिकार सुरक्षित",
        # the ban on reproduction, of the site's own material
        "The material on this site may not be reproduced, distributed, transmitted, cached or "
        "otherwise used, except with the prior written permission of Cleveland.com.",
        "Reproduction of news articles, photos, videos or any other content in whole or in "
        "part in any form or medium without express written permission of moneycontrol.com "
        "is prohibited.",
        "Nachdruck nur mit Genehmigung des Verlags.",
        "This document is subject to copyright. Apart from any fair dealing for the purpose of "
        "private study or research, no part may be reproduced without the written permission. "
        "The content is provided for information purposes only.",
        # the terms a reader accepts, the company's registration
        "Registration on or use of this site constitutes acceptance of our User Agreement and "
        "Privacy Policy",
        "By using this website, you agree to our Terms of Use and Privacy Policy.",
        "Example Newspapers Limited. Registered office: 1 London Bridge Street, London SE1 9GF.",
        "Example Media Ltd, registered in England and Wales, company number 01234567.",
        # two companies' numbers (Accountancy Age's footer)
        "© Example Media Investments Limited 2011, Published by Example Publishing Limited, 28 "
        "Haymarket, London SW1Y 4RX, are companies registered in England and Wales with "
        "company registration numbers 04252091 & 04252093",
        # the complaints policy, a consent notice that is not about cookies
        "Our journalists strive for accuracy but on occasion we make mistakes. For further "
        "details of our complaints policy and to make a complaint please click here.",
        "This feature allows The Sun to personalise your experience so that you get the most "
        "out of your visit. You can find out more about personalisation in our privacy policy "
        "here.",
        # the company that owns the site
        "The Hollywood Reporter, LLC is a subsidiary of Prometheus Global Media, LLC.",
        "Billboard is a subsidiary of Prometheus Global Media, LLC.",
    ],
)
def test_footer_line_is_recognised(paragraph: str) -> None:
    assert _is_legal(paragraph), paragraph
    assert is_boilerplate(paragraph), paragraph


@pytest.mark.parametrize(
    "paragraph",
    [
        # the words inside a story's sentence, or reported
        "Under the deal, the studio keeps all rights reserved in the original contract.",
        "“All rights reserved,” the label's lawyer wrote in the letter, which the band "
        "published on Monday.",
        "Under copyright law, a work may not be copied without the author's permission for "
        "70 years after their death.",
        "Photos of the royal children may not be published without the consent of the palace, "
        "the court ruled.",
        "Reproduction of the painting is prohibited in the museum, so visitors sketch it instead.",
        "No part of the report may be reproduced without permission, the court said.",
        "The judge said no part of this document may be copied without consent.",
        "Using the app, you agree to terms that let the company sell your data, critics warn.",
        "The company's registered office is in Dublin, where it pays less tax.",
        "“We make mistakes, and we own them,” the coach told reporters after the game.",
        "Residents who wish to make a complaint about the noise can call the council.",
        "Netflix uses your history to personalise your experience; its privacy policy explains "
        "how.",
        "Der Nachdruck des Buches ist seit 2016 wieder erlaubt, sagte der Verlag.",
        "Minister powiedział, że wszelkie prawa zastrzeżone przez firmę sprawdzi sąd.",
        "Tòa án xác định bản quyền thuộc về nhạc sĩ.",
        "Bản quyền thuộc về nhạc sĩ, tòa án xác định sau ba năm tranh chấp.",
        "وقال إن جميع الحقوق محفوظة للشركة وفق العقد الموقع.",
        "Instagram is a subsidiary of Meta, which bought the app in 2012 for a billion dollars.",
        "Whole Foods is a subsidiary of Amazon.",
    ],
)
def test_story_sentence_is_not_a_footer_line(paragraph: str) -> None:
    assert not _is_legal(paragraph), paragraph
    assert not is_boilerplate(paragraph), paragraph
