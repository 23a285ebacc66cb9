"""Repairs inside money amounts (receipts): O for 0, a split decimal point, the page's decimal mark."""

from __future__ import annotations

import pytest

from ocr_desktop.core.correction import PostProcessor
from ocr_desktop.core.correction.amounts import amount_corrections
from ocr_desktop.core.models import apply_corrections


def _fix(text: str) -> str:
    return apply_corrections(text, amount_corrections(text))


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Total RM1O.00", "Total RM10.00"),
        ("Paid O.5O today", "Paid 0.50 today"),
        ("Tax (@ O%) 0.00", "Tax (@ 0%) 0.00"),
        # a point followed by a space, where the page does it as amounts stand
        ("Rice 1 5. 00\nTea 2 0. 60 1.20\nTotal RM 6. 20\n", "Rice 1 5.00\nTea 2 0.60 1.20\nTotal RM 6.20\n"),
        # decimal commas on a page that writes its amounts with a point
        ("Fish 18.00 SR\nRice 5,50 SR\nTea 1.00\nTotal 24.50\nCash 30.00\n",
         "Fish 18.00 SR\nRice 5.50 SR\nTea 1.00\nTotal 24.50\nCash 30.00\n"),
        # dates: O for 0 where the result is a calendar date
        ("Invoice date 12/O3/2019", "Invoice date 12/03/2019"),
        ("Date: 2O19-05-1O", "Date: 2019-05-10"),
        ("Date 1O/O1/19 Time 10:30", "Date 10/01/19 Time 10:30"),
        ("Dated 05/13/2O18.", "Dated 05/13/2018."),
    ],
)
def test_amount_repairs(raw: str, expected: str) -> None:
    assert _fix(raw) == expected
    assert _fix(expected) == expected  # a second run changes nothing more


@pytest.mark.parametrize(
    "text",
    [
        "No. 55,57 & 59, JALAN SAGU 1.00 2.00 3.00 4.00",  # house numbers, not ringgit and sen
        "Prix 5,50 EUR et 3,20 EUR",  # a decimal-comma page keeps its commas
        "In 1861. 25 men came.",  # a sentence end before a number
        "1. 40 acres, 2. 44 acres, 3. 30 acres",  # a numbered list
        "O.K. said CO2 and No.00 and Oo.oo",  # letters, not amounts
        "Page 8. 17 of it",  # a lone split: not a habit of this page
        # no calendar date, or no O in it
        "Ref O1/O2/OOOO", "Date: 32/O1/2019", "version 1.O.2", "code AB/OO/12", "See 12/05/2019",
    ],
)
def test_not_amount_repairs(text: str) -> None:
    assert _fix(text) == text


def test_amounts_through_the_post_processor(pp: PostProcessor) -> None:
    page = pp.correct_text("TOTAL RM1O.00\nCASH RM 2O.00\n")
    assert page.text == "TOTAL RM10.00\nCASH RM 20.00\n"
    assert {c.reason for c in page.corrections} == {"amount"}


def test_a_date_repair_says_date(pp: PostProcessor) -> None:
    page = pp.correct_text("Invoice date 12/O3/2019\nTOTAL RM1O.00\n")
    assert page.text == "Invoice date 12/03/2019\nTOTAL RM10.00\n"
    assert [c.reason for c in page.corrections] == ["date", "amount"]
