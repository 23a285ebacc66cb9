"""Two words whose space the OCR lost (``inthe``): split where no single word fits and the pair is
running text, never a compound or a name in code."""

from __future__ import annotations

import pytest

from ocr_desktop.core.correction import PostProcessor
from ocr_desktop.core.models import apply_corrections


def test_words_run_together_are_split(pp: PostProcessor) -> None:
    text = "We met inthe garden and spoke ofthe war. It will notbe done."
    page = pp.correct_text(text)
    assert page.text == "We met in the garden and spoke of the war. It will not be done."
    assert [(c.before, c.after, c.reason) for c in page.corrections] == [
        ("inthe", "in the", "lost-space"), ("ofthe", "of the", "lost-space"), ("notbe", "not be", "lost-space")]
    assert apply_corrections(text, page.corrections) == page.text
    assert pp.correct_text(page.text).corrections == ()


def test_a_capital_opening_the_pair_stays_on_the_first_word(pp: PostProcessor) -> None:
    assert pp.correct_text("Aninstance of the class is made.").text == "An instance of the class is made."


@pytest.mark.parametrize("text", [
    # compounds the word lists lack: no common short word in them, and running text does not
    # write their halves side by side
    "These reimplementations are slow.",
    "A nonconservative force acts.",
    "the provisionalcompleter class",
    "It raises NotImplemented here.",  # a capital inside: a name in code
    "Set `inplace` to true.",  # quoted, indexed, assigned: a name in code
    "FileInput([files[, inplace[, backup]]], mode)",
    "a hypothesis inthe-\nory holds",  # half of a word broken at the line's end
])
def test_compounds_and_names_stay(pp: PostProcessor, text: str) -> None:
    assert pp.correct_text(text).text == text


@pytest.mark.parametrize(("text", "expected"), [
    ("She was ofthe rnost famous family.", "She was of the most famous family."),
    ("We met inthe lmage of it.", "We met in the image of it."),
])
def test_a_split_gives_its_neighbours_the_word_beside_them(pp: PostProcessor, text: str, expected: str) -> None:
    # "of the" as one context word is no word; "the" before "most" is
    page = pp.correct_text(text)
    assert page.text == expected
    assert pp.correct_text(page.text).corrections == ()
