"""Property tests: corrections map raw -> enhanced exactly, any subset applies, idempotence, protection."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocr_desktop.core.correction import PostProcessor
from ocr_desktop.core.models import apply_corrections

_PP = PostProcessor(user_model=None)
_WORDS = ["the", "house", "tbe", "th1s", "1s", "4", "s@mple", "w1th", "typ0s", "rnorning", "colour",
          "Smith", "GST", "and", "aud", "is", "a", "of", "c0mputer", "hee", "doe", "vnto"]
_PROTECTED = st.sampled_from([
    "https://example.com/p0st?id=1", "www.examp1e.org", "j0hn@example.com", "$12.50", "RM 10.00",
    "12/03/2019", "2019-03-12", "10:30", "INV-2019-004", "SKU 0042", "1,234.56",
])
_SEPS = st.sampled_from([" ", "  ", "\n", " , ", ". ", "\n\n", " - ", "\t", " “", "” "])
_text = st.lists(st.tuples(st.sampled_from(_WORDS) | st.text(alphabet="abcdeilmnorst01@4 ", max_size=8), _SEPS),
                 max_size=12).map(lambda parts: "".join(w + s for w, s in parts))

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_text)
def test_corrections_map_raw_to_enhanced(text: str) -> None:
    page = _PP.correct_text(text)
    assert apply_corrections(text, page.corrections) == page.text
    for c in page.corrections:
        assert text[c.start : c.end] == c.before
    for s in page.suspects:
        assert text[s.start : s.end] == s.word


@_SETTINGS
@given(_text, st.randoms(use_true_random=False))
def test_any_subset_applies(text: str, rnd: random.Random) -> None:
    page = _PP.correct_text(text)
    subset = [c for c in page.corrections if rnd.random() < 0.5]
    out = apply_corrections(text, subset)  # no overlap error
    assert out.count("\n") == text.count("\n") or any(c.reason == "hyphen-join" for c in subset)


@_SETTINGS
@given(_text)
def test_idempotent(text: str) -> None:
    once = _PP.correct_text(text).text
    twice = _PP.correct_text(once)
    assert twice.text == once, [(c.before, c.after, c.reason) for c in twice.corrections]


@_SETTINGS
@given(st.lists(st.tuples(_PROTECTED, st.sampled_from(_WORDS)), min_size=1, max_size=5))
def test_protected_tokens_unchanged(parts: list[tuple[str, str]]) -> None:
    text = " ".join(f"{p} {w}" for p, w in parts)
    out = _PP.correct_text(text).text
    for p, _ in parts:
        assert p in out
