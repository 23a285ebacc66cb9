"""Normalisation: whitespace, punctuation spacing, quotes, hyphen joins; breaks are kept."""

from __future__ import annotations

import pytest

from ocr_desktop.core.correction import CorrectionSettings, PostProcessor
from ocr_desktop.core.models import apply_corrections


def _fix(text: str, **settings: object) -> str:
    pp = PostProcessor(user_model=None, settings=CorrectionSettings(fix_words=False, **settings))  # type: ignore[arg-type]
    page = pp.correct_text(text)
    assert apply_corrections(text, page.corrections) == page.text
    return page.text


def test_whitespace_runs_and_trailing_space() -> None:
    assert _fix("one  two\t\tthree   \nfour ") == "one two three\nfour"


def test_line_and_paragraph_breaks_kept() -> None:
    text = "first line\nsecond line\n\nnew paragraph\n"
    assert _fix(text) == text


def test_punctuation_spacing() -> None:
    assert _fix("Hello , world . Yes ( really ) !") == "Hello, world. Yes (really) !"
    # before a small letter a detached full stop ends no sentence: a literal "." (pdb's "With . as
    # argument") or a speck, left where it is
    assert _fix("Hello , world . yes") == "Hello, world . yes"


@pytest.mark.parametrize(("text", "expected"), [
    ("Missouri (.Mr. Schurz.) spoke", "Missouri (Mr. Schurz.) spoke"),
    ("Missouri ( .Mr. Schurz.) spoke", "Missouri (Mr. Schurz.) spoke"),
    ("for publishing Mrs.\n.Stowe's novel", "for publishing Mrs.\nStowe's novel"),
    ('he said ".Mobile is far"', 'he said "Mobile is far"'),
])
def test_a_speck_read_as_a_dot_before_a_word_goes(text: str, expected: str) -> None:
    assert _fix(text) == expected
    assert _fix(expected) == expected


@pytest.mark.parametrize("text", [
    "Use .NET or .5 litres", "wait ...And then", "see ~/.Trash and file.Txt",
    # after a word the dot may be that word's full stop set off: not for us to say which
    "met Mr .Smith there", "It was late .The men went home", "  .Indented line",
])
def test_a_dot_that_may_belong_stays(text: str) -> None:
    assert _fix(text) == text


def test_ellipsis_untouched() -> None:
    assert _fix("wait ... what") == "wait ... what"


def test_space_before_high_punctuation_kept() -> None:
    pp = PostProcessor(lang="fra", user_model=None, settings=CorrectionSettings(fix_words=False))
    assert pp.correct_text("Bonjour ! Oui , merci").text == "Bonjour ! Oui, merci"


def test_quotes_setting() -> None:
    assert _fix("“Hi” it’s ‘me’") == "“Hi” it’s ‘me’"  # kept by default
    assert _fix("“Hi” it’s ‘me’", quotes="straight") == "\"Hi\" it's 'me'"
    assert _fix("\"Hi\" it's 'me'", quotes="curly") == "“Hi” it’s ‘me’"


def test_quotes_setting_is_validated() -> None:
    from ocr_desktop.core.errors import UsageError

    with pytest.raises(UsageError):
        CorrectionSettings(quotes="fancy")


def test_hyphen_join_keeps_line_count() -> None:
    text = "the federal con-\nstitution contains it\nand more"
    assert _fix(text, join_hyphenated=True) == "the federal constitution\ncontains it\nand more"


def test_hyphen_join_off() -> None:
    text = "the federal con-\nstitution contains it"
    assert _fix(text) == text  # off by default


def test_real_compound_keeps_hyphen() -> None:
    text = "a well-\nknown man"
    assert _fix(text) == text


def test_lost_hyphen_is_put_back() -> None:
    # the OCR dropped the printed hyphen: "con" and "demned" are no words, "condemned" is
    assert _fix("he was con\ndemned to it") == "he was con-\ndemned to it"


def test_lost_hyphen_joined_when_joining() -> None:
    assert _fix("he was con\ndemned to it", join_hyphenated=True) == "he was condemned\nto it"


def test_two_words_across_a_line_are_not_a_lost_hyphen() -> None:
    # "some" and "thing" are words on their own: nothing says the page printed "some-thing"
    for text in ("we saw some\nthing there", "the end\nof it", "New\nYork"):
        assert _fix(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two words, but one word that lost its hyphen is far likelier (> e^7)
        ("if they are cow\nards they", "if they are cow-\nards they"),
        ("this is done be\nfore the vote", "this is done be-\nfore the vote"),
        # two words as likely, or nearly: left
        ("a direct\nor indirect cost", "a direct\nor indirect cost"),
        ("the mayor may\nor may not", "the mayor may\nor may not"),
        ("log in\nto the server", "log in\nto the server"),
        ("she saw the\nrapist run", "she saw the\nrapist run"),
    ],
)
def test_two_words_that_are_far_likelier_one(text: str, expected: str) -> None:
    page = PostProcessor(user_model=None).correct_text(text)
    assert page.text == expected


def test_fragments_of_a_lost_hyphen_are_not_corrected_as_words() -> None:
    page = PostProcessor(user_model=None).correct_text("the plan was con\ndemned by all")
    assert page.text == "the plan was con-\ndemned by all"
    assert [c.reason for c in page.corrections] == ["hyphen-restore"]


def test_unsupported_language_only_normalises() -> None:
    pp = PostProcessor(lang="tha", user_model=None)
    page = pp.correct_text("Th1s  is")
    assert page.text == "Th1s is"
    assert page.notes and "tha" in page.notes[0]


def test_unsure_detached_mark_stays_where_it_is() -> None:
    """On a scan a lone low-confidence ``.`` or ``,`` is a speck or a form line more often than a comma."""
    from ocr_desktop.core.models import Word

    raw = "PAGE 1 OF 2 .\nRobin J . Sellers"
    words = [Word(m, c, (0, 0, 1, 1), raw.index(m, s), raw.index(m, s) + len(m))
             for m, c, s in (("2", 96.0, 0), (".", 0.0, 11), ("J", 87.0, 0), (".", 86.7, 20))]
    pp = PostProcessor(user_model=None, settings=CorrectionSettings(fix_words=False))
    page = pp.correct_page(raw, words)
    assert page.text == "PAGE 1 OF 2 .\nRobin J. Sellers"
    # text without confidences: every detached mark is closed up, as before
    assert _fix(raw) == "PAGE 1 OF 2.\nRobin J. Sellers"


def test_bracket_without_partner_is_not_closed_up() -> None:
    """``[ Yes [ No`` on a form: check boxes, not brackets."""
    assert _fix("mail: [ Yes [ No") == "mail: [ Yes [ No"
    assert _fix("( Indicate Cost Per Carton )") == "(Indicate Cost Per Carton)"
    assert _fix("one ) two") == "one ) two"


def test_underscores_glued_to_a_word_are_removed() -> None:
    assert _fix("hotels and_ private homes, __Mike and Ibs_") == "hotels and private homes, Mike and Ibs"
    assert _fix("see file_name and ____ and snake_case_") == "see file_name and ____ and snake_case"
    # a leading underscore of a name with underscores inside is written: a private name in code
    assert _fix("call _default_architecture now") == "call _default_architecture now"
    # names written with underscores: Python's special names, emphasis, a private name before
    # code syntax
    for text in ("the class\n__doc__ string", "our __init__ methods", "findable _or_ raise",
                 ":param _input: a value", "call _retry() now", "use _cache.get here"):
        assert _fix(text).split() == text.split(), text
    # a fill-in line read with a word stays an underline, whichever side it is on, also before
    # a word of prose and before any capital
    assert _fix("Name: __Mike x__ and__ _Smith") == "Name: Mike x and Smith"
    assert _fix("Signed _by the clerk for _Élan") == "Signed by the clerk for Élan"


def test_detached_full_stop_still_closes_an_abbreviation() -> None:
    assert _fix("apples, pears etc . and plums") == "apples, pears etc. and plums"
    assert _fix("Smith et al . found it") == "Smith et al. found it"


def test_ligatures_are_written_out(pp) -> None:
    # Tesseract can return ﬁ, ﬂ, ﬀ as one character: the text could not be searched for 'file'
    page = pp.correct_text("The \ufb01le was \ufb02agged; an of\ufb01cial note on co\ufb00ee.")
    assert page.text == "The file was flagged; an official note on coffee."
    assert [c.reason for c in page.corrections] == ["ligature"] * 4
    assert pp.correct_text(page.text).text == page.text
    # a misread word with a ligature is judged on its letters
    assert pp.correct_text("The \ufb01lc is here.").text == "The file is here."
