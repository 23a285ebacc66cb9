from __future__ import annotations

import pytest

from ocr_desktop.core.errors import UsageError
from ocr_desktop.core.pages import parse_page_spec


@pytest.mark.parametrize(
    ("spec", "count", "expected"),
    [
        (None, 3, [1, 2, 3]),
        ("1-3,5", 6, [1, 2, 3, 5]),
        ("2", 2, [2]),
        ("4-", 6, [4, 5, 6]),
        ("3,1,3", 3, [3, 1]),
        (" 1 - 2 ", 2, [1, 2]),
        ([2, 1], 2, [2, 1]),
    ],
)
def test_valid_specs(spec: object, count: int, expected: list[int]) -> None:
    assert parse_page_spec(spec, count) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("spec", "message"), [("0", "does not exist"), ("5", "2 pages"), ("3-1", "before"), ("a", "Invalid"), ("", "empty")]
)
def test_invalid_specs(spec: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_page_spec(spec, 2)
