"""detect_language: the language a page's script names when the page declares none."""

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


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_a_script_of_one_language_names_it(language: str) -> None:
    assert detect_language(TEXTS[language]) == language


def test_japanese_with_its_han_characters_is_not_chinese() -> None:
    # most letters of this text are Han; its kana make it Japanese
    text = TEXTS["ja"]
    kana = sum(0x3040 <= ord(c) <= 0x30FF for c in text)
    assert kana < sum(0x4E00 <= ord(c) <= 0x9FFF for c in text)
    assert detect_language(text) == "ja"


def test_scripts_shared_by_many_languages_or_too_little_text_give_none() -> None:
    assert detect_language(ENGLISH) is None  # Latin: English, German, French...
    assert detect_language("Правительство решило построить новую дамбу вдоль реки.") is None
    assert detect_language("国家卫生") is None  # four letters
    assert detect_language("   ") is None
    # an English story that quotes a few Chinese characters is not Chinese
    assert detect_language(f"{ENGLISH} The sign read 防潮堤 (flood wall).") is None


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
        "<html><head><title>Flood barrier</title></head><body><article>"
        f"<p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>"
    )
    assert extract_article(english, url="https://e.example/b").language is None
