"""Type-aware repairs inside money amounts: receipts and invoices, where a word corrector never looks.

Amounts are protected from the spelling corrector (their digits are data), but OCR damages them
in a few recurring, recognisable ways that only make sense for an amount:

* a letter O (or o) read for a zero among the digits: ``1O.00``, ``RM1O.5O``, ``O.50``, ``O%``,
  and in dates, where the result must be a calendar date: ``12/O3/2019``, ``2O19-05-1O``;
* the decimal point followed by a space: ``5. 00``; taken as one amount only where it stands as
  amounts do (at the end of its line, or before other amounts and short codes) and the page does
  it at least twice (receipt fonts print a wide point; ``1861. 25 men`` or a numbered list
  ``3. 30 acres`` are a sentence end or an item number followed by a number);
* a decimal comma on a page whose amounts otherwise use a decimal point (``5,50`` among
  ``12.00 4.50 ...``): the page's own convention decides, never a fixed locale.

Every repair is a ``Correction`` with offsets into the raw text, reason ``amount`` (``date`` for a
date).
"""

from __future__ import annotations

import re

from ocr_desktop.core.models import Correction

_CURRENCY = r"(?:RM|\$|€|£|USD|EUR|GBP)?"
# an amount with two decimals whose digits may hold an O: at least one real digit in it
_O_AMOUNT_RE = re.compile(rf"(?<![\w.,]){_CURRENCY}([\dOo]+[.,][\dOo]{{2}})(?![\w,]|\.\d)")
# a date whose digits may hold an O: day, month and year (either order) with one separator
_O_DATE_RE = re.compile(r"(?<![\w./-])([\dOo]{1,4})([./-])([\dOo]{1,2})\2([\dOo]{1,4})(?![\w/-]|[.,]?\d)")
# O or o directly before a percent sign, not part of a word: "@ O%"
_O_PERCENT_RE = re.compile(r"(?<![\w.,])[Oo](?=%)")
_SPLIT_RE = re.compile(r"(?<![\w.,])(\d{1,6}[.,]) (\d\d)(?![\w.,])")
_DOT_AMOUNT_RE = re.compile(r"(?<![\w.,])\d{1,6}\.\d\d(?![\w,]|\.\d)")
_COMMA_AMOUNT_RE = re.compile(r"(?<![\w.,])\d{1,6},\d\d(?![\w,]|\.\d)")
#: a page decides on a decimal point when it writes this many amounts with one ...
_MIN_DOT_AMOUNTS = 4
#: ... and at least this many times as many as with a comma
_DOT_TO_COMMA = 2
#: what may follow an amount on its line: other amounts and short codes (tax code ``SR``, ``RM``)
_TRAILER_RE = re.compile(r"(?:[^\S\n]+(?:[A-Za-z]{1,3}|[\d.,]+))*[^\S\n]*(?:\n|$)")
#: a point followed by a space is a split amount only where the page does it this often
_MIN_SPLITS = 2


def _ends_line(raw: str, end: int) -> bool:
    """An amount stands at the end of its line, or before other amounts and short codes only: in
    ``NO. 55,57 & 59, JALAN`` the comma separates house numbers, not ringgit from sen."""
    return _TRAILER_RE.match(raw, end) is not None


def _date_with_zeros(a: str, b: str, c: str) -> tuple[str, str, str] | None:
    """The three parts of a date with O read as 0, if that makes a calendar date and an O was there
    (day-month-year, month-day-year or year-month-day; a two- or four-digit year)."""
    parts = (a, b, c)
    text = "".join(parts)
    if not any(ch in "Oo" for ch in text) or sum(ch.isdigit() for ch in text) < 3:
        return None
    x, y, z = (p.replace("O", "0").replace("o", "0") for p in parts)
    if len(x) == 4 and len(z) <= 2:
        year, first, second = x, y, z  # 2019-05-10
    elif len(z) in (2, 4) and len(x) <= 2:
        year, first, second = z, x, y  # 10/05/2019 or 05/10/2019
    else:
        return None
    if len(year) not in (2, 4) or not (year.isdigit() and first.isdigit() and second.isdigit()):
        return None
    f, s = int(first), int(second)
    if not (1 <= f <= 31 and 1 <= s <= 31 and (f <= 12 or s <= 12)):
        return None
    return x, y, z


def amount_corrections(raw: str) -> list[Correction]:
    """Repairs inside amounts, sorted by offset and never overlapping."""
    found: list[tuple[int, int, str, float]] = []
    dates: set[int] = set()  # starts of the repairs that are dates
    for m in _O_AMOUNT_RE.finditer(raw):
        body = m.group(1)
        if any(c in "Oo" for c in body) and any(c.isdigit() for c in body):
            found.append((m.start(1), m.end(1), body.replace("O", "0").replace("o", "0"), 0.9))
    for m in _O_DATE_RE.finditer(raw):
        fixed = _date_with_zeros(m.group(1), m.group(3), m.group(4))
        if fixed is not None:
            found.append((m.start(), m.end(), m.group(2).join(fixed), 0.85))
            dates.add(m.start())
    for m in _O_PERCENT_RE.finditer(raw):
        found.append((m.start(), m.end(), "0", 0.8))
    splits = [m for m in _SPLIT_RE.finditer(raw) if _ends_line(raw, m.end())]
    if len(splits) < _MIN_SPLITS:
        splits = []
    # the page's convention, counted as if the repairs above were made (so a second run, on the
    # repaired text, reaches the same verdict and changes nothing more)
    dots = len(_DOT_AMOUNT_RE.findall(raw)) + sum(1 for _s, _e, after, _sc in found if "." in after)
    dots += sum(1 for m in splits if m.group(1).endswith("."))
    commas = list(_COMMA_AMOUNT_RE.finditer(raw))
    n_commas = len(commas) + sum(1 for m in splits if m.group(1).endswith(","))
    dot_page = dots >= _MIN_DOT_AMOUNTS and dots >= _DOT_TO_COMMA * n_commas
    for m in splits:
        head = m.group(1)[:-1] + "." if dot_page else m.group(1)
        found.append((m.start(), m.end(), head + m.group(2), 0.85))
    if dot_page:
        found += [(m.start(), m.end(), m.group().replace(",", "."), 0.8) for m in commas if _ends_line(raw, m.end())]
    out: list[Correction] = []
    for start, end, after, score in sorted(found):
        if raw[start:end] == after or (out and start < out[-1].end):
            continue
        out.append(Correction(start, end, raw[start:end], after, "date" if start in dates else "amount", score))
    return out
