"""Guillemets glued to the letters of an English word are misread letters (old newspapers read
``s`` as ``«``); where they quote, and in languages that quote with them, they stay."""

from __future__ import annotations

import pytest

from ocr_desktop.core.correction import PostProcessor


def test_a_guillemet_inside_english_words_is_read_as_a_letter(pp: PostProcessor) -> None:
    page = pp.correct_text("The European miner» are generally well off, and provision wa« made for visitor«.")
    assert page.text == "The European miners are generally well off, and provision was made for visitors."
    assert {(c.before, c.after) for c in page.corrections} == {
        ("miner»", "miners"), ("wa«", "was"), ("visitor«", "visitors")}


@pytest.mark.parametrize("text", [
    "He called it «la belle époque» in his book.",
    "The sign read »Ausgang« above the door.",
    "She wrote «yes» and «no» on the form.",
    "Use the File » Open menu.",
    "He said «come here» to me.",
    "She said «he told me «go» now» today.",
])
def test_quoting_guillemets_are_left_to_the_quote_setting(pp: PostProcessor, text: str) -> None:
    page = pp.correct_text(text)
    assert [c for c in page.corrections if c.reason != "quotes"] == []


def test_languages_that_quote_with_guillemets_keep_them() -> None:
    de = PostProcessor(lang="deu", user_model=None)
    page = de.correct_text("Er sagte Haus« und ging.")
    assert [c for c in page.corrections if c.reason != "quotes"] == []


def test_a_guillemet_read_as_nothing_is_left_as_a_quote(pp: PostProcessor) -> None:
    # a quote that opens in one paragraph and closes in the next pairs with nothing; dropping the
    # sign would be the only change: not a misread letter
    text = "He quoted «Les hommes naissent\n\net égaux» in French."
    assert [c for c in pp.correct_text(text).corrections if c.reason != "quotes"] == []
