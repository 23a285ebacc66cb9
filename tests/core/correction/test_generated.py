"""≥ 50 seeded generated sentences with the seed's kinds of confusion; ≥ 80 % restored exactly."""

from __future__ import annotations

import gzip
import importlib.resources
import json
import random

from ocr_desktop.core.correction import PostProcessor
from ocr_desktop.core.correction.language_model import context_model

# the seed's kinds: letters read as digits or symbols inside words, a lone "a" read as 4,
# and a doubled space
_SUBS = {"i": "1", "l": "1", "o": "0", "a": "@", "s": "5"}


def _word_list() -> list[str]:
    raw = (importlib.resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    freq: dict[str, int] = json.loads(gzip.decompress(raw))
    common = sorted((w for w in freq if w.isalpha() and w.isascii()), key=lambda w: -freq[w])[:3000]
    return [w for w in common if len(w) >= 3]


def _corrupt(word: str, rnd: random.Random) -> str:
    spots = [i for i, c in enumerate(word) if c in _SUBS]
    if not spots:
        return word
    i = rnd.choice(spots)
    return word[:i] + _SUBS[word[i]] + word[i + 1 :]


def make_sentences(n: int, seed: int = 1234) -> list[tuple[str, str]]:
    """Random common words; half the sentences get an "a" where English would put one.

    A lone digit is only read as a word when the context says so (policy), so "a" is placed only
    between words that are attested around it ("is a", "a sample"); a random word salad gives
    no context, and the corrector is right to leave a digit there alone.
    """
    rnd = random.Random(seed)
    words = _word_list()
    cm = context_model()
    out = []
    for _ in range(n):
        clean = [rnd.choice(words) for _ in range(rnd.randint(5, 9))]
        if rnd.random() < 0.5:
            spots = [i for i in range(1, len(clean))
                     if cm.log_count(f"{clean[i - 1]} a") is not None and cm.log_count(f"a {clean[i]}") is not None]
            if spots:
                clean.insert(rnd.choice(spots), "a")
        clean[0] = clean[0].capitalize()
        noisy = list(clean)
        for i in rnd.sample(range(len(clean)), k=min(2, len(clean))):
            noisy[i] = "4" if clean[i] == "a" else _corrupt(clean[i], rnd)
        gap = rnd.randint(1, len(noisy) - 1)
        noisy[gap] = " " + noisy[gap]  # a doubled space
        out.append((" ".join(noisy) + ".", " ".join(clean) + "."))
    return out


def test_generated_sentences_restored() -> None:
    pp = PostProcessor(user_model=None)
    pairs = make_sentences(60)
    ok = [pp.correct_text(noisy).text == clean for noisy, clean in pairs]
    failures = [(n, pp.correct_text(n).text, c) for (n, c), good in zip(pairs, ok) if not good]
    assert sum(ok) / len(ok) >= 0.8, failures[:10]
