"""detect_language: the language a page's script or function words name when the page
declares none."""

from __future__ import annotations

import pytest

from workers.pipeline.extract import extract_article
from workers.pipeline.language import detect_language

TEXTS = {
    "zh": (
        "国家卫生健康委员会表示，将进一步加强短缺药品的监测预警，完善药品供应保障体系，"
        "全力保障临床用药需求。"
    ),
    "ja": (
        "政府は月曜日、川沿いに新しい防潮堤を建設することを決めた。過去最も雨の多い春を受けて、"
        "三年間続いた議論に決着がついた形だ。"
    ),
    "ko": (
        "정부는 월요일 강을 따라 새로운 방조제를 건설하기로 결정했다고 밝혔다. "
        "공사는 내년 3월에 시작된다."
    ),
    "th": "รัฐบาลตัดสินใจสร้างเขื่อนกั้นน้ำแห่งใหม่ริมแม่น้ำเมื่อวันจันทร์ที่ผ่านมา",
    "el": "Το δημοτικό συμβούλιο αποφάσισε τη Δευτέρα να χτίσει ένα φράγμα κατά μήκος του ποταμού.",
    "he": "מועצת העיר החליטה ביום שני לבנות סכר חדש לאורך הנהר, אחרי שלוש שנים של ויכוחים.",
}
ENGLISH = (
    "The council voted on Monday to build a flood barrier along the river, ending three "
    "years of debate after the wettest spring on record, officials said in a statement."
)
#: one news paragraph per language written in a script that many languages share
SHARED_SCRIPT_TEXTS = {
    "en": ENGLISH,
    "de": (
        "Der Stadtrat hat am Montag beschlossen, einen neuen Damm entlang des Flusses zu bauen. "
        "Die Arbeiten sollen im März beginnen und werden nach Angaben der Stadt etwa zwei Jahre "
        "dauern, wie ein Sprecher sagte."
    ),
    "fr": (
        "Le conseil municipal a décidé lundi de construire une nouvelle digue le long de la "
        "rivière. Les travaux doivent commencer en mars et dureront deux ans selon la mairie, "
        "qui a publié un communiqué avec les détails du projet."
    ),
    "es": (
        "El consejo municipal decidió el lunes construir un nuevo dique a lo largo del río. "
        "Las obras comenzarán en marzo y durarán dos años, según el ayuntamiento, que publicó "
        "los detalles del proyecto sobre su página, pero sin fechas."
    ),
    "pt": (
        "O conselho municipal foi claro: a obra do novo dique começa em março e não deve parar "
        "até o fim do ano, segundo a prefeitura. Os moradores dos bairros perto do rio disseram "
        "que a obra é muito esperada e que ela vai trazer mais segurança quando chover."
    ),
    "ru": (
        "Городской совет в понедельник решил построить новую дамбу вдоль реки. Работы "
        "начнутся в марте и, как сообщили в мэрии, продлятся два года, но точная стоимость "
        "проекта пока не раскрывается, и это вызывает вопросы у жителей, что понятно."
    ),
    "uk": (
        "Міська рада в понеділок вирішила збудувати нову дамбу вздовж річки. Роботи почнуться "
        "в березні і триватимуть два роки, але точна вартість проєкту поки що не відома, що "
        "викликає питання у мешканців, як повідомляє місцева газета."
    ),
    "ar": (
        "قرر المجلس البلدي يوم الاثنين بناء سد جديد على طول النهر، وقال المتحدث باسم البلدية "
        "إن العمل سيبدأ في شهر مارس وسيستمر عامين، مع أن التكلفة النهائية لم تعلن بعد، وهذا ما "
        "يثير أسئلة السكان في المدينة."
    ),
    "fa": (
        "شورای شهر روز دوشنبه تصمیم گرفت یک سد جدید در کنار رودخانه بسازد. به گفته سخنگوی "
        "شهرداری، کار از ماه مارس آغاز می شود و دو سال طول می کشد، اما هزینه نهایی این طرح "
        "هنوز اعلام نشده است."
    ),
    "hi": (
        "नगर परिषद ने सोमवार को नदी के किनारे एक नया बांध बनाने का फैसला किया। प्रवक्ता के अनुसार "
        "काम मार्च में शुरू होगा और दो साल तक चलेगा, लेकिन परियोजना की कुल लागत अभी तक घोषित "
        "नहीं की गई है।"
    ),
    "vi": (
        "Hội đồng thành phố đã quyết định xây một con đê mới dọc theo bờ sông vào thứ Hai. Theo "
        "người phát ngôn, công việc sẽ bắt đầu trong tháng Ba và kéo dài hai năm, nhưng chi phí "
        "của dự án vẫn chưa được công bố, và điều này khiến người dân có nhiều câu hỏi."
    ),
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_a_script_of_one_language_names_it(language: str) -> None:
    assert detect_language(TEXTS[language]) == language


def test_japanese_with_its_han_characters_is_not_chinese() -> None:
    # most letters of this text are Han; its kana make it Japanese
    text = TEXTS["ja"]
    kana = sum(0x3040 <= ord(c) <= 0x30FF for c in text)
    assert kana < sum(0x4E00 <= ord(c) <= 0x9FFF for c in text)
    assert detect_language(text) == "ja"


@pytest.mark.parametrize("language", sorted(SHARED_SCRIPT_TEXTS))
def test_function_words_name_a_language_of_a_shared_script(language: str) -> None:
    assert detect_language(SHARED_SCRIPT_TEXTS[language]) == language


def test_too_little_text_or_no_function_words_give_none() -> None:
    assert detect_language("Правительство решило построить новую дамбу вдоль реки.") is None
    assert detect_language("The council voted on Monday to build a flood barrier.") is None
    assert detect_language("国家卫生") is None  # four letters
    assert detect_language("   ") is None
    lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod. " * 4
    assert detect_language(lorem) is None
    # two languages in equal measure: neither leads by enough
    both = SHARED_SCRIPT_TEXTS["de"] + " " + ENGLISH + " " + ENGLISH[:60]
    assert detect_language(both) is None
    # an English story that quotes a few Chinese characters is English, not Chinese
    assert detect_language(f"{ENGLISH} The sign read 防潮堤 (flood wall).") == "en"


def test_a_page_without_a_declared_language_gets_its_script_s() -> None:
    page = (
        "<html><head><title>短缺药品保供稳价</title></head><body><article>"
        f"<p>{TEXTS['zh'] * 3}</p><p>{TEXTS['zh'] * 2}</p></article></body></html>"
    )
    assert extract_article(page, url="https://e.example/a").language == "zh"


def test_a_declared_language_comes_first() -> None:
    page = (
        "<html lang='zh-TW'><head><title>短缺药品</title></head><body><article>"
        f"<p>{TEXTS['zh'] * 3}</p></article></body></html>"
    )
    assert extract_article(page, url="https://e.example/a").language == "zh-TW"
    english = (
        "<html{lang}><head><title>Flood barrier</title></head><body><article>"
        f"<p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>"
    )
    undeclared = english.replace("{lang}", "")
    assert extract_article(undeclared, url="https://e.example/b").language == "en"
    # a declaration wins even where the text says otherwise: it is the site's own word
    declared = english.replace("{lang}", " lang='de'")
    assert extract_article(declared, url="https://e.example/b").language == "de"
