"""``ocr-desktop model list|add WORD|remove WORD|never WORD|export PATH|import PATH|reset [--user-model PATH]``.

Manages the per-user correction model (user dictionary, never-change list, learned pairs).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ocr_desktop.core.errors import UsageError, UserModelError


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "model",
        help="show or edit what the corrector learned from your proofreading",
        description="Manage the per-user correction model: list, add or remove words, export, import, reset.",
    )
    p.add_argument("--user-model", default=None, metavar="PATH",
                   help="model file to work on (default: the per-user model)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="print the dictionary, never-change list and learned pairs")
    ls.add_argument("--format", "-f", choices=("txt", "json"), default="txt")
    actions.add_parser("add", help="add a word to the user dictionary").add_argument("word")
    remove = actions.add_parser("remove", help="remove a word (dictionary, never-change list or learned pairs)")
    remove.add_argument("word")
    actions.add_parser("never", help="never change this exact token").add_argument("word")
    actions.add_parser("export", help="write the model to a JSON file").add_argument("path", type=Path)
    actions.add_parser("import", help="merge a model JSON file into this one").add_argument("path", type=Path)
    actions.add_parser("reset", help="forget everything learned")
    p.set_defaults(run=run)


def _model_path(value: str | None) -> Path:
    from ocr_desktop.core.correction import default_user_model_path

    if value is None:
        return default_user_model_path()
    if not value.strip() or value.strip().lower() == "none":
        raise UsageError("'ocr-desktop model' needs a model file: give --user-model PATH or leave it out.")
    return Path(value)


def run(args: argparse.Namespace) -> int:
    from ocr_desktop.core.correction import UserModel  # imported late: keeps --help instant

    path = _model_path(args.user_model)
    model = UserModel(path)
    action = args.action
    if action == "list":
        rows = model.list()
        if getattr(args, "format", "txt") == "json":
            print(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        elif not rows:
            print(f"(the user model {path} is empty)")
        for r in rows if getattr(args, "format", "txt") != "json" else []:
            if r.kind == "pair":
                always = ", always" if r.always else ""
                print(f"pair\t{r.text} -> {r.after}\t(accepted {r.accepted}, rejected {r.rejected}{always})")
            else:
                print(f"{r.kind}\t{r.text}")
    elif action == "add":
        model.add_word(args.word)
        print(f"added '{args.word}' to the user dictionary")
    elif action == "remove":
        if not model.remove_word(args.word):
            raise UserModelError(f"'{args.word}' is not in the user model.")
        print(f"removed '{args.word}'")
    elif action == "never":
        model.add_never_change(args.word)
        print(f"'{args.word}' will never be changed")
    elif action == "export":
        model.export(args.path)
        print(f"exported the user model to {args.path}")
    elif action == "import":
        model.import_(args.path)
        print(f"imported {args.path} into {path}")
    elif action == "reset":
        model.reset()
        print(f"the user model {path} is now empty")
    else:  # argparse's choices make this unreachable; kept for a clear error if a choice is added
        raise UsageError(f"unknown model action '{action}'")
    sys.stdout.flush()
    return 0
