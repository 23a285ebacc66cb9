"""``ocr-desktop recognize FILE... [--lang L] [--psm N] [--pages 1-3,5] [--format txt|json] [-o OUT]``."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ocr_desktop.core.errors import CancelledError, OcrDesktopError, UsageError

log = logging.getLogger(__name__)
#: how an image read from standard input ("-") is named in messages and output files
STDIN_NAME = "stdin"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "recognize",
        help="OCR images or PDFs and print or save the text",
        description="Recognise the text of images and PDFs. With one FILE, -o names the output file; "
        "with several, -o names a folder that receives <stem>.txt or <stem>.json.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="images or PDFs; - reads one from standard input")
    p.add_argument("--lang", "-l", default="eng", help="Tesseract language(s), e.g. eng or eng+fra (default: eng)")
    p.add_argument("--psm", type=int, default=3, help="Tesseract page segmentation mode 0-13 (default: 3)")
    p.add_argument("--pages", help="pages to recognise, e.g. 1-3,5 (default: all)")
    p.add_argument("--format", "-f", choices=("txt", "json"), default="txt", help="output format (default: txt)")
    p.add_argument("-o", "--output", help="output file (one FILE) or folder (several FILEs, or a name ending in /)")
    p.add_argument("--raw", action="store_true", help="txt: print the raw OCR text, without post-processing")
    p.add_argument(
        "--preprocess",
        default="auto",
        help="auto (default), none, a preset name or a settings .json file",
    )
    p.add_argument("--save-processed", type=Path, metavar="DIR", help="write the images Tesseract saw to DIR")
    p.add_argument(
        "--user-model",
        default=None,
        metavar="PATH|none",
        help="correction user model file, or 'none' (default: the per-user model)",
    )
    p.add_argument("--timeout", type=float, default=180.0, help="seconds allowed per page (default: 180)")
    p.set_defaults(run=run)


class _Progress:
    """One overwritten status line on stderr, only when stderr is a terminal."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int, message: str) -> None:
        if self.enabled:
            sys.stderr.write(f"\r\x1b[K{self.name}: {done}/{total} pages — {message}")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def make_engine(args: argparse.Namespace) -> Any:
    from ocr_desktop.core.engine_api import DEFAULT_USER_MODEL, OcrEngine

    user_model: Any = DEFAULT_USER_MODEL
    if args.user_model is not None:
        user_model = None if args.user_model.lower() == "none" else Path(args.user_model)
    return OcrEngine(
        lang=args.lang, psm=args.psm, preprocess=args.preprocess, user_model=user_model, timeout=args.timeout
    )


def run(args: argparse.Namespace) -> int:
    if any(str(f) == "-" for f in args.files):
        # an image or PDF piped in: pdfium and Pillow read files, so it is kept in one for the run
        with tempfile.TemporaryDirectory(prefix="ocr-desktop-stdin-") as tmp:
            piped = Path(tmp) / STDIN_NAME
            piped.write_bytes(sys.stdin.buffer.read())
            return _run(args, [piped if str(f) == "-" else f for f in args.files], piped)
    return _run(args, list(args.files), None)


def _run(args: argparse.Namespace, files: list[Path], piped: Path | None) -> int:
    from ocr_desktop.core.export import SUFFIXES, export_json, export_raw_txt, export_txt, json_dumps, write_atomic
    from ocr_desktop.core.models import result_to_json

    several = len(files) > 1
    output: Path | None = None if args.output is None else Path(args.output)
    # "-o out/" names a folder even when it does not exist yet (Path drops the trailing slash)
    to_folder = output is not None and (several or output.is_dir() or args.output.endswith(("/", os.sep)))
    if output is not None and to_folder and output.exists() and not output.is_dir():
        raise UsageError(f"With several files, -o must be a folder; {output} is a file.")
    if args.timeout <= 0:
        raise UsageError(f"--timeout must be a number of seconds above 0, not {args.timeout:g}.")
    out_names = output_names(files, SUFFIXES[args.format])
    engine = make_engine(args)  # bad --psm/--preprocess fail here, before any work
    engine.tesseract.check_languages(args.lang)  # a missing language is a usage error, not a per-file one
    if args.save_processed is not None:
        engine.save_processed_dir = args.save_processed
    failures = 0
    stdout_docs: list[dict[str, Any]] = []
    for path, out_name in zip(files, out_names, strict=True):
        progress = _Progress(path.name)
        try:
            engine.load_image(path)
            ocr = engine.recognize(args.pages, progress=progress)
            if path == piped:
                ocr = dataclasses.replace(ocr, source="-")
            enhanced = None if (args.raw and args.format == "txt") else engine.run_postprocessor(ocr)
        except CancelledError:
            raise
        except UsageError:
            progress.finish()
            raise
        except OcrDesktopError as err:
            progress.finish()
            failures += 1
            message = err.user_message if piped is None else err.user_message.replace(str(piped), STDIN_NAME)
            print(f"ocr-desktop: {message}", file=sys.stderr)
            log.debug("failure detail for %s: %s", path, err.detail)
            continue
        finally:
            engine.close()
        progress.finish()
        if args.format == "json":
            text = export_json(ocr, enhanced)
        else:
            text = export_raw_txt(ocr) if args.raw else export_txt(ocr, enhanced)
        if output is None:
            if args.format == "json":
                stdout_docs.append(result_to_json(ocr, enhanced))
            else:
                if several:
                    sys.stdout.write(f"==> {path} <==\n")
                sys.stdout.write(text)
                sys.stdout.flush()
        elif to_folder:
            write_atomic(output / out_name, text)
        else:
            write_atomic(output, text)
    if stdout_docs:
        sys.stdout.write(json_dumps(stdout_docs[0] if not several else stdout_docs))
    return 1 if failures else 0


def output_names(files: list[Path], suffix: str) -> list[str]:
    """Each input's output file name in the -o folder, in order: ``<stem><suffix>``, unless two
    inputs share a stem (a/doc.pdf and b/doc.png): then ``<name><suffix>`` (doc.pdf.txt), and a
    number where even the names are the same (a/doc.png, b/doc.png, or one file given twice ->
    doc.png.txt, doc.png-2.txt)."""
    stems: dict[str, int] = {}
    for f in files:
        stems[f.stem] = stems.get(f.stem, 0) + 1
    out: list[str] = []
    used: set[str] = set()
    for f in files:
        base = f.stem if stems[f.stem] == 1 else f.name
        name, n = base + suffix, 1
        while name in used:
            n += 1
            name = f"{base}-{n}{suffix}"
        used.add(name)
        out.append(name)
    return out
