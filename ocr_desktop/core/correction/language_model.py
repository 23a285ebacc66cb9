"""Word frequencies (pyspellchecker's shipped lists) and English context (bigrams).

Both are loaded once per process and language and cached at module level: the GUI builds
PostProcessors repeatedly and each must be ready in well under 300 ms.

Context source: the symspellpy package ships Google-Books-derived unigram and bigram counts (MIT).
``scripts/build_context_model.py`` turns them into ``resources/correction/context_en.npz``, hashed
and quantised, because parsing the text lists costs more than the load budget. There is no such
list for other languages in any package we use, so they get frequency-only scoring.
"""

from __future__ import annotations

import gzip
import importlib.resources
import json
import marshal
import math
import os
import tempfile
import threading
import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .paths import cache_dir, resource_dir

#: Tesseract language code -> pyspellchecker language code
TESSERACT_TO_SPELL = {
    "eng": "en", "fra": "fr", "deu": "de", "spa": "es", "ita": "it", "por": "pt", "nld": "nl",
    "rus": "ru", "ara": "ar", "fas": "fa", "eus": "eu", "lav": "lv",
}
#: pyspellchecker gives every word with little evidence this count; such words are real but rare
FLOOR_COUNT = 50
_LOG_2 = math.log(2.0)


@dataclass(frozen=True)
class Lexicon:
    """Lower-case word -> count for one language."""

    lang: str  # pyspellchecker code
    counts: dict[str, int]
    total: float
    #: the words alone, for membership tests: the candidate search asks about thousands of
    #: strings per word, and a set's smaller table answers them about 5-10 % faster end to end
    words: frozenset[str] = frozenset()

    def logp(self, word: str) -> float | None:
        c = self.counts.get(word)
        return None if c is None else math.log(c / self.total)

    def __contains__(self, word: str) -> bool:
        return word in self.words


_lexicons: dict[str, Lexicon] = {}
_context: ContextModel | None = None
_lock = threading.Lock()


def spell_codes(tesseract_lang: str) -> tuple[list[str], list[str]]:
    """Split a Tesseract language string ("eng+fra") into supported pyspellchecker codes and the rest."""
    ok: list[str] = []
    missing: list[str] = []
    for part in tesseract_lang.replace(",", "+").split("+"):
        part = part.strip()
        if not part:
            continue
        code = TESSERACT_TO_SPELL.get(part, part if part in TESSERACT_TO_SPELL.values() else "")
        (ok if code else missing).append(code or part)
    return ok, missing


def lexicon(code: str) -> Lexicon:
    """The cached word list for a pyspellchecker language code."""
    with _lock:
        lex = _lexicons.get(code)
        if lex is None:
            counts = _load_counts(code)
            lex = Lexicon(code, counts, float(sum(counts.values())), frozenset(counts))
            _lexicons[code] = lex
        return lex


def _load_counts(code: str) -> dict[str, int]:
    """The word list, from a marshal copy in the cache dir when one matches the shipped file
    (parsing the gzipped JSON costs ~150 ms; the copy loads in a few ms, same words, same order)."""
    res = importlib.resources.files("spellchecker") / "resources" / f"{code}.json.gz"
    raw = res.read_bytes()
    cached = cache_dir() / f"words-{code}-{zlib.crc32(raw):08x}-{len(raw)}.marshal"
    try:
        loaded = marshal.loads(cached.read_bytes())
        if isinstance(loaded, dict):
            return loaded
    except (OSError, ValueError, EOFError, TypeError):
        pass
    counts: dict[str, int] = json.loads(gzip.decompress(raw))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{cached.name}.", dir=cached.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(counts))
            os.replace(tmp, cached)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass  # a read-only or full disk only costs the next start the parse again
    return counts


def key_hash(key: str) -> int:
    """Must match scripts/build_context_model.py."""
    return zlib.crc32(key.encode("utf-8"))


class ContextModel:
    """Google-Books unigram and bigram log-counts, looked up by hash (English)."""

    def __init__(self, hashes: npt.NDArray[np.uint32], logs: npt.NDArray[np.uint8], quant: float,
                 min_bigram: float, bigram_scale: float, unigram_total: float) -> None:
        self._hashes = hashes
        self._logs = logs
        self._quant = quant
        self._n = len(hashes)
        #: log of the smallest listed bigram count: absent bigrams are rarer than this
        self.log_min_bigram = math.log(min_bigram)
        self.log_scale = math.log(bigram_scale)
        self.log_total = math.log(unigram_total)
        self._cache: dict[str, float | None] = {}

    @classmethod
    def load(cls) -> ContextModel:
        z = np.load(resource_dir() / "context_en.npz")
        hashes = np.cumsum(z["hash_deltas"], dtype=np.uint32)
        return cls(hashes, z["logs"], float(z["quant"]), float(z["min_bigram"]), float(z["bigram_scale"]),
                   float(z["unigram_total"]))

    def log_count(self, key: str) -> float | None:
        """log count of a unigram "w" or bigram "a b" (lower case), None when not listed."""
        cached = self._cache.get(key, 0.0)
        if cached != 0.0:
            return cached
        h = key_hash(key)
        # a numpy scalar of the array's dtype: a Python int would make numpy cast the whole array
        i = int(self._hashes.searchsorted(np.uint32(h)))
        val = float(self._logs[i]) / self._quant if i < self._n and int(self._hashes[i]) == h else None
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = val
        return val

    def pmi(self, a: str, b: str) -> float:
        """log P(a b) / (P(a) P(b)): how much a and b attract (> 0) or avoid (< 0) each other.

        0 when either word is unknown here (no evidence). An absent bigram of two words frequent
        enough that it would have been listed gets the bound given by the list's cut-off.
        """
        # log_count's memo read here first (the corrector asks for tens of thousands of pairs a page)
        cache = self._cache
        la = cache.get(a, 0.0)
        if la == 0.0:
            la = self.log_count(a)
        lb = cache.get(b, 0.0)
        if lb == 0.0:
            lb = self.log_count(b)
        if la is None or lb is None:
            return 0.0
        # expected bigram count under independence, in the bigram list's units
        expected = la + lb - self.log_total + self.log_scale
        key = f"{a} {b}"
        lab = cache.get(key, 0.0)
        if lab == 0.0:
            lab = self.log_count(key)
        if lab is not None:
            return lab - expected
        return min(0.0, self.log_min_bigram - expected) - _LOG_2


def context_model() -> ContextModel:
    global _context
    with _lock:
        if _context is None:
            _context = ContextModel.load()
        return _context
