"""A page's own repeated misreadings: learned while the page is corrected, used where context is silent."""

from __future__ import annotations

from ocr_desktop.core.correction import PostProcessor

HABIT = (
    "The report of tho committee was read in tho house. The members of tho senate voted for tho bill. "
    "They met by tho river and spoke of tho war. "
)
SILENT = "Then passed tho fonalo quickly."


def test_silent_context_alone_keeps_the_real_word(pp: PostProcessor) -> None:
    # "tho" is a (rare) word and its neighbours say nothing: without more evidence it stays
    assert pp.correct_text(SILENT).text == SILENT


def test_page_habit_decides_where_context_is_silent(pp: PostProcessor) -> None:
    page = pp.correct_text(HABIT + SILENT)
    assert "tho" not in page.text.split()
    assert page.text.endswith("Then passed the fonalo quickly.")
    assert {(c.before, c.after) for c in page.corrections} == {("tho", "the")}


def test_habit_is_not_carried_to_the_next_page(pp: PostProcessor) -> None:
    pp.correct_text(HABIT + SILENT)
    assert pp.correct_text(SILENT).text == SILENT
