"""``ocr-desktop correct [FILE|-] [--lang L] [--format txt|json] [--user-model PATH|none]``.

Post-processes plain text (OCR output from anywhere) and prints the corrected text; ``json``
adds the corrections and suspects with the same keys as the recognise JSON.
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from pathlib import Path
from typing import Any

from ocr_desktop.core.errors import InputFileError, UsageError

# The corrector (numpy, dictionaries) is imported in the functions that use it, so that
# building the argument parser — `ocr-desktop --version`, `--help` — stays instant.


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "correct",
        help="post-process OCR text: fix OCR confusions, normalise spacing and quotes",
        description="Correct plain OCR text from FILE (or standard input with '-' or no FILE) and print it.",
    )
    p.add_argument("file", nargs="?", default="-", metavar="FILE|-", help="text file (default: standard input)")
    p.add_argument("--lang", "-l", default="eng", help="Tesseract language(s) of the text, e.g. eng or eng+fra")
    p.add_argument("--format", "-f", choices=("txt", "json"), default="txt", help="output format (default: txt)")
    p.add_argument("--user-model", default=None, metavar="PATH|none",
                   help="user model file, or 'none' (default: the per-user model)")
    p.set_defaults(run=run)


def user_model_arg(value: str | None) -> Path | object | None:
    """--user-model: absent -> the per-user file, 'none' -> no user model, else that file."""
    from ocr_desktop.core.correction import DEFAULT_USER_MODEL

    if value is None:
        return DEFAULT_USER_MODEL
    if value.strip().lower() == "none":
        return None
    if not value.strip():
        raise UsageError("--user-model needs a file path or 'none'.")
    return Path(value)


def _read_input(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
        return _decode(data, "standard input")
    path = Path(name)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputFileError(path, "no such file", detail=str(exc)) from exc
    except OSError as exc:
        raise InputFileError(path, "could not be read", detail=str(exc)) from exc
    return _decode(data, path)


def _decode(data: bytes, where: object) -> str:
    """UTF-8, or UTF-16 with its byte-order mark; anything else is refused (not turned into
    U+FFFD), with the way to convert it."""
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
        return text.replace("\r\n", "\n").replace("\r", "\n")  # line ends as text mode reads them
    except UnicodeDecodeError as exc:
        raise InputFileError(
            where, "not UTF-8 text (convert it first, e.g. iconv -f latin1 -t utf-8)", detail=str(exc)
        ) from exc


def run(args: argparse.Namespace) -> int:
    text = _read_input(args.file)
    from ocr_desktop.core.correction import PostProcessor

    um = user_model_arg(args.user_model)
    pp = PostProcessor(lang=args.lang, user_model=um)  # type: ignore[arg-type]
    page = pp.correct_text(text)
    if args.format == "json":
        doc = {
            "file": None if args.file == "-" else str(args.file),
            "lang": args.lang,
            "raw_text": page.raw_text,
            "text": page.text,
            "corrections": [c.to_dict() for c in page.corrections],
            "suspects": [s.to_dict() for s in page.suspects],
        }
        if page.notes:
            doc["notes"] = list(page.notes)
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(page.text if page.text.endswith("\n") or not page.text else page.text + "\n")
        for note in page.notes:
            print(f"ocr-desktop: note: {note}", file=sys.stderr)
    return 0
