"""``ocr-desktop``: the command-line front end (and the launcher of the window).

``ocr-desktop`` with no subcommand, or with only file arguments, starts the window. The
subcommands share one error handler: an ``OcrDesktopError`` prints its user message and
exits with its code; nothing else should reach the user as a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from ocr_desktop import __version__
from ocr_desktop.core.errors import OcrDesktopError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _subcommand_modules() -> list[ModuleType]:
    from ocr_desktop.cli import recognize

    modules: list[ModuleType] = [recognize]
    # correct/model come with the post-processor; present once it has landed
    for name in ("correct", "model"):
        try:
            modules.append(__import__(f"ocr_desktop.cli.{name}", fromlist=["run"]))
        except ImportError:
            log.debug("subcommand %s not available", name)
    return modules


SUBCOMMANDS = ("recognize", "correct", "model", "gui")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ocr-desktop",
        description="OCR for scans, receipts, forms, screenshots and PDFs, with a proofreading window.",
        epilog="Run 'ocr-desktop' (optionally with files) to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"ocr-desktop {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="recognise and correct the bundled sample without a window; exit 0 when the result is right",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the window (the default)")
    gui.add_argument("files", nargs="*", help="images or PDFs to open")
    for module in _subcommand_modules():
        module.add_parser(sub)
    return parser


def _configure_logging(verbose: bool) -> None:
    from ocr_desktop.logging_setup import configure_cli_logging

    configure_cli_logging(verbose)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Bare files (or nothing) open the window: `ocr-desktop scan.png`.
    first_positional = next((a for a in args_list if not a.startswith("-")), None)
    if first_positional is not None and first_positional not in SUBCOMMANDS:
        args_list = ["gui", *args_list] if not any(a in ("-h", "--help", "--version") for a in args_list) else args_list
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    _configure_logging(args.verbose)
    try:
        if args.self_test:
            from ocr_desktop.self_test import run_self_test

            return run_self_test()
        if args.command in (None, "gui"):
            from ocr_desktop.app import run_gui

            return run_gui(getattr(args, "files", []) or [])
        return int(args.run(args))
    except OcrDesktopError as err:
        print(f"ocr-desktop: {err.user_message}", file=sys.stderr)
        if err.detail:
            log.debug("detail: %s", err.detail)
        return err.exit_code
    except KeyboardInterrupt:
        print("ocr-desktop: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `ocr-desktop recognize x.png | head`
        return EXIT_OK
