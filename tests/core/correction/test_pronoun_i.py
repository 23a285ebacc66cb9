"""A lone 1 or l read for the pronoun I, where the words around it say a pronoun stands there."""

from __future__ import annotations

import pytest

from ocr_desktop.core.correction import PostProcessor


@pytest.mark.parametrize(("text", "expected"), [
    ("l think so.", "I think so."),
    ("1 think so.", "I think so."),
    ("He said that l was late.", "He said that I was late."),
    ("Then 1 saw him. 1 am sure of it.", "Then I saw him. I am sure of it."),
    ("He said, 1 hope, that it works.", "He said, I hope, that it works."),
    ("when 1 was young", "when I was young"),
])
def test_a_lone_one_or_l_before_a_verb_is_the_pronoun(pp: PostProcessor, text: str, expected: str) -> None:
    page = pp.correct_text(text)
    assert page.text == expected
    assert {c.reason for c in page.corrections} == {"ocr-confusion"}


@pytest.mark.parametrize("text", [
    "Buy 1 apple and 1 pear.",  # a count before a noun
    "Step 1 of the plan.",  # a label's number
    "Item 1 is here.",
    "Table 1 shows the data.",
    "At 1 am the bell rang.",  # "at" before "I": a time
    "We need 1 more.",
    "for l in range(3): pass",  # a variable
    "The l was silent.",
])
def test_a_count_a_label_or_a_variable_stays(pp: PostProcessor, text: str) -> None:
    assert pp.correct_text(text).text == text
