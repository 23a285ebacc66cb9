"""Page-range parsing shared by the API, the CLI and the window."""

from __future__ import annotations

import re

from ocr_desktop.core.errors import UsageError


def parse_page_spec(spec: str | list[int] | tuple[int, ...] | None, page_count: int) -> list[int]:
    """``"1-3,5"`` → ``[1, 2, 3, 5]`` (1-based, in the order given, no duplicates).

    ``None`` means every page. An open range ``"4-"`` runs to the last page.
    """
    if spec is None:
        return list(range(1, page_count + 1))
    numbers: list[int] = []
    if isinstance(spec, (list, tuple)):
        numbers = [int(n) for n in spec]
    else:
        text = spec.replace(" ", "")
        if not text:
            raise UsageError("The page range is empty.")
        for part in text.split(","):
            m = re.fullmatch(r"(\d+)(?:-(\d*))?", part)
            if not m:
                raise UsageError(f"Invalid page range {spec!r}: use a form like 1-3,5.")
            first = int(m.group(1))
            if m.group(2) is None:
                last = first
            elif m.group(2) == "":
                last = page_count
            else:
                last = int(m.group(2))
            if last < first:
                raise UsageError(f"Invalid page range {part!r}: the end comes before the start.")
            numbers.extend(range(first, last + 1))
    bad = [n for n in numbers if not 1 <= n <= page_count]
    if bad:
        raise UsageError(
            f"Page {bad[0]} does not exist: the document has {page_count} page{'s' if page_count != 1 else ''}."
        )
    seen: set[int] = set()
    return [n for n in numbers if not (n in seen or seen.add(n))]  # type: ignore[func-returns-value]
