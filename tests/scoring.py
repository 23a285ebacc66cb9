"""Access to the project's scorer in ../shared/eval/score.py (skips when absent)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from tests.conftest import SHARED


def scorer() -> ModuleType:
    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        pytest.skip(f"scorer not found at {path}")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cer(gt: str, hyp: str) -> float:
    from rapidfuzz.distance import Levenshtein

    s = scorer()
    g, h = s.norm_strict(gt), s.norm_strict(hyp)
    return Levenshtein.distance(g, h) / max(1, len(g))
