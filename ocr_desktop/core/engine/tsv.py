"""Tesseract TSV output → page text with word offsets.

The text is built from the TSV rather than taken from Tesseract's ``txt`` renderer so that
every word's ``start``/``end`` offsets index the text exactly: words on a line are joined by
one space, lines by a newline, paragraphs and blocks by a blank line.
"""

from __future__ import annotations

from ocr_desktop.core.models import Line, Word

_WORD_LEVEL = "5"
_LINE_LEVEL = "4"


def parse_tsv(tsv: str) -> tuple[str, list[Word], list[Line]]:
    parts: list[str] = []
    words: list[Word] = []
    lines: list[Line] = []
    pos = 0
    line_key: tuple[str, str, str] | None = None
    para_key: tuple[str, str] | None = None
    line_boxes: dict[tuple[str, str, str], tuple[int, int, int, int]] = {}
    line_start = 0

    def close_line() -> None:
        if line_key is not None:
            lines.append(Line(line_start, pos, line_boxes.get(line_key, (0, 0, 0, 0))))

    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 11:
            continue
        level, _page, block, par, line = cols[0], cols[1], cols[2], cols[3], cols[4]
        text = cols[11] if len(cols) > 11 else ""
        try:
            bbox = (int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9]))
            conf = float(cols[10])
        except ValueError:
            continue
        if level == _LINE_LEVEL:
            line_boxes[(block, par, line)] = bbox
            continue
        if level != _WORD_LEVEL or not text.strip():
            continue
        text = text.strip()
        key = (block, par, line)
        if key != line_key:
            close_line()
            if line_key is not None:
                sep = "\n" if (block, par) == para_key else "\n\n"
                parts.append(sep)
                pos += len(sep)
            line_key, para_key = key, (block, par)
            line_start = pos
        else:
            parts.append(" ")
            pos += 1
        start = pos
        parts.append(text)
        pos += len(text)
        words.append(Word(text, max(0.0, min(100.0, conf)), bbox, start, pos, len(lines)))
    close_line()
    return "".join(parts), words, lines
