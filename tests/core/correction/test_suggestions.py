"""Suggestions for a suspect word (the proofreader's menu), from the real word lists."""

from __future__ import annotations

import pytest

from ocr_desktop.core.correction import PostProcessor
from ocr_desktop.core.correction.language_model import lexicon
from ocr_desktop.core.correction.suggest import close_words


def _suggest(pp: PostProcessor, text: str, word: str) -> list[str]:
    i = text.index(word)
    return pp.suggestions(text, i, i + len(word))


def test_ocr_confusions_come_first(pp: PostProcessor) -> None:
    assert _suggest(pp, "We saw the bouse there.", "bouse")[0] == "house"


def test_case_of_the_token_is_kept(pp: PostProcessor) -> None:
    assert _suggest(pp, "Tbe house was old.", "Tbe")[0] == "The"
    assert _suggest(pp, "THE HOUSF IS OLD", "HOUSF")[0] == "HOUSE"


def test_heavily_misread_words_get_close_spellings(pp: PostProcessor) -> None:
    # three or more misreadings: beyond the corrector's search, within a menu's reach
    assert "approval" in _suggest(pp, "It met with the aparoyval of the people.", "aparoyval")
    assert "communities" in _suggest(pp, "The comunitier of the state.", "comunitier")


def test_nothing_to_suggest_for_numbers_or_outside_words(pp: PostProcessor) -> None:
    assert pp.suggestions("Paid 12 34 today", 5, 7) == []
    assert pp.suggestions("   ", 0, 2) == []
    assert PostProcessor(lang="xyz", user_model=None).suggestions("We saw the bouse", 11, 16) == []
    assert pp.suggestions("x" * 2000, 0, 2000) == []  # run-together text: answered at once


def test_limit_and_no_repeats(pp: PostProcessor) -> None:
    got = pp.suggestions("We saw the bouse there.", 11, 16, limit=3)
    assert len(got) == 3 and len(set(got)) == 3 and "bouse" not in got


@pytest.mark.parametrize("word", ["ab", ""])
def test_close_words_needs_a_few_letters(word: str) -> None:
    assert close_words(word, [lexicon("en")], 5) == []


def test_close_words_are_close() -> None:
    got = close_words("aparoyval", [lexicon("en")], 5)
    assert got and all(r >= 0.7 for _, r in got)
    assert got[0][0] == "approval"
