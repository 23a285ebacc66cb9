"""A lone 1 or l read for the pronoun I, where the words around it say a pronoun stands there."""

from __future__ import annotations

import pytest

from ocr_desktop.core.correction import PostProcessor


@pytest.mark.parametrize(("text", "expected"), [
    ("l think so.", "I think so."),
    ("1 think so.", "I think so."),
    ("He said that l was late.", "He said that I was late."),
    ("Then he left. 1 saw him go.", "Then he left. I saw him go."),
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
    "At 1 am the bell rang.",  # a time
    "Closes: 1 am",
    "The bar shuts at midnight. 1 am is too late.",
    "1 was 2 and 2 was 3.",
    "We need 1 more.",
    "1 is the loneliest number.",  # "1 is" is no "I is": the pronoun is rare before "is"
    "1 Love Lane, Leeds",  # a capital follows: an address, a title
    "Total: 1 was paid",  # after a label's colon
    "Line 1: 1 was blank",  # among other numbers a 1 is one of them
    "They won 3-1 and 1 was an own goal.",
    "for l in range(3): pass",  # a variable
    "Let l be the length and l was fixed.",
    "The l was silent.",
])
def test_a_count_a_label_or_a_variable_stays(pp: PostProcessor, text: str) -> None:
    assert pp.correct_text(text).text == text
