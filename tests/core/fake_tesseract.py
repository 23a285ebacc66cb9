"""Fake ``tesseract`` executables for failure paths (crash, hang, garbage, missing language)."""

from __future__ import annotations

import stat
from pathlib import Path

HEADER = """#!/bin/sh
case "$1" in
  --list-langs) echo 'List of available languages in "/fake/" (2):'; echo eng; echo osd; exit 0;;
  --version) echo 'tesseract 9.9.9-fake'; exit 0;;
esac
"""

BEHAVIOURS = {
    "crash": "kill -SEGV $$\n",
    "hang": "exec sleep 60\n",
    "fail": "echo 'Error in pixReadStream: Unknown format' >&2; exit 1\n",
    "nolang": "echo \"Failed loading language 'xyz'\" >&2; echo 'Could not initialize tesseract.' >&2; exit 1\n",
    "garbage": "echo 'not a tsv at all'; exit 0\n",
}


def make_fake(tmp_path: Path, behaviour: str) -> Path:
    path = tmp_path / f"tesseract-{behaviour}"
    path.write_text(HEADER + BEHAVIOURS[behaviour])
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path
