"""Words in capitals with a digit drawn like a letter (T0TAL, Y0U) are read back; codes stay."""

from __future__ import annotations

import pytest

from ocr_desktop.core.correction import PostProcessor


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [("T0TAL RM 12.00", "TOTAL RM 12.00"), ("SUBT0TAL: 10.00", "SUBTOTAL: 10.00"),
     ("INV0ICE NO: 123", "INVOICE NO: 123"), ("DESCRIPTI0N QTY PRICE", "DESCRIPTION QTY PRICE"),
     ("THANK Y0U PLEASE C0ME AGAIN", "THANK YOU PLEASE COME AGAIN"), ("CA5H 20.00", "CASH 20.00"),
     ("G00D F00D", "GOOD FOOD")],
)
def test_capital_words_with_look_alike_digits_are_read_back(pp: PostProcessor, raw: str, fixed: str) -> None:
    page = pp.correct_text(raw)
    assert page.text == fixed
    assert {c.reason for c in page.corrections} == {"ocr-confusion"}
    assert pp.correct_text(fixed).text == fixed


@pytest.mark.parametrize(
    "text",
    ["Paper A4, MP3, COVID19, B2B and H2O", "ROOM B1B", "K1A 0B1 Ottawa", "L10N and I18N support",
     "Cashier: AH1", "SKU X5Y", "8AM to 5PM"],
)
def test_codes_keep_their_digits(pp: PostProcessor, text: str) -> None:
    # a digit last, one that looks like no letter, a number inside (L10N), a short token that
    # would only make a rare word (B1B -> BIB): codes, not misread words
    assert pp.correct_text(text).text == text


def test_the_user_model_is_obeyed(tmp_path) -> None:
    from ocr_desktop.core.correction import UserModel
    from ocr_desktop.core.models import Correction

    um = UserModel(tmp_path / "model.json")
    um.record_reject(Correction(0, 5, "T0TAL", "TOTAL", "ocr-confusion", 0.9))
    um.add_never_change("C0ME")
    page = PostProcessor(user_model=um).correct_text("T0TAL 5.00 C0ME SUBT0TAL")
    assert page.text == "T0TAL 5.00 C0ME SUBTOTAL"


@pytest.mark.parametrize("text", ["T0P", "B1G deal", "the D0G", "P0P"])
def test_three_signs_alone_stay(pp: PostProcessor, text: str) -> None:
    # beside no word in capitals, T0P or B1G is a code as often as a word (THANK Y0U is fixed)
    assert pp.correct_text(text).text == text
