"""The context model's pair attraction reads log_count's memo directly: same values as the plain
formula over log_count, whatever the memo holds."""

from __future__ import annotations

import math

from ocr_desktop.core.correction.language_model import ContextModel, context_model


def _plain_pmi(cm: ContextModel, a: str, b: str) -> float:
    la = cm.log_count(a)
    lb = cm.log_count(b)
    if la is None or lb is None:
        return 0.0
    expected = la + lb - cm.log_total + cm.log_scale
    lab = cm.log_count(f"{a} {b}")
    if lab is not None:
        return lab - expected
    return min(0.0, cm.log_min_bigram - expected) - math.log(2.0)


def test_pmi_is_the_plain_formula() -> None:
    cm = context_model()
    words = ["the", "of", "house", "tho", "qzxv", "new", "york", "a", "zebra", "I", "in", "xylophone"]
    pairs = [(a, b) for a in words for b in words]
    want = [_plain_pmi(cm, a, b) for a, b in pairs]
    assert [cm.pmi(a, b) for a, b in pairs] == want  # memo filled by the plain formula
    saved = dict(cm._cache)
    try:
        cm._cache.clear()
        assert [cm.pmi(a, b) for a, b in pairs] == want  # memo filled by pmi itself
        cm._cache.clear()
        cm._cache.update(dict.fromkeys(["the", "of", "new york"], 0.0))  # 0.0 means "not remembered"
        assert [cm.pmi(a, b) for a, b in pairs] == want
    finally:
        cm._cache.clear()
        cm._cache.update(saved)
