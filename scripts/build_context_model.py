"""Build resources/correction/context_en.npz: a compact, fast-loading English context model.

Run:  .venv/bin/python scripts/build_context_model.py     (needs ``pip install symspellpy==6.10.1``)

Source: the two frequency lists that the symspellpy package ships (MIT licence), both derived from
Google Books Ngram counts: ``frequency_dictionary_en_82_765.txt`` (unigrams) and
``frequency_bigramdictionary_en_243_342.txt`` (the 243 342 most frequent bigrams). Parsing those
text files costs ~0.4 s per process on a small machine, over the 300 ms load budget, so this
script turns them into two sorted numpy arrays: a 32-bit CRC of the key ("word" or "word1 word2")
and the count's natural log quantised to 1/4 (uint8; the hashes are delta-coded, which compresses
to ~2 bytes an entry). Lookups hash the query the same way
(``language_model.key_hash``). 325 k entries make ~7.6e-5 false hits per absent query, which is
far below the noise of the counts themselves.

Stored scalars: ``min_bigram`` (the smallest listed bigram count: an absent bigram is known to be
rarer than this), ``bigram_scale`` (bigram-corpus size over unigram-corpus size, estimated from the
most frequent words' listed left-marginals; the two lists were counted on differently sized corpora)
and ``unigram_total``.
"""

from __future__ import annotations

import importlib.resources
import math
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "resources" / "correction" / "context_en.npz"
QUANT = 4.0


def main() -> int:
    pkg = importlib.resources.files("symspellpy")
    uni: dict[str, int] = {}
    for line in (pkg / "frequency_dictionary_en_82_765.txt").read_text(encoding="utf-8").splitlines():
        w, c = line.split()
        uni[w] = int(c)
    bi: dict[str, int] = {}
    left_marginal: Counter[str] = Counter()
    for line in (pkg / "frequency_bigramdictionary_en_243_342.txt").read_text(encoding="utf-8").splitlines():
        a, b, c = line.split()
        bi[f"{a} {b}"] = int(c)
        left_marginal[a] += int(c)
    top = sorted(uni, key=lambda w: -uni[w])[:20]
    # the listed left-marginal of a very frequent word is a large part of its true bigram count
    scale = max(left_marginal[w] / uni[w] for w in top)
    keys: dict[int, float] = {}
    for k, c in list(uni.items()) + list(bi.items()):
        keys[zlib.crc32(k.encode("utf-8"))] = math.log(c)
    hashes = np.array(sorted(keys), dtype=np.uint32)
    logs = np.array([round(keys[int(h)] * QUANT) for h in hashes], dtype=np.uint8)
    deltas = np.diff(hashes, prepend=np.uint32(0))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT,
        hash_deltas=deltas,
        logs=logs,
        quant=np.float64(QUANT),
        min_bigram=np.float64(min(bi.values())),
        bigram_scale=np.float64(scale),
        unigram_total=np.float64(sum(uni.values())),
    )
    print(f"{len(uni)} unigrams, {len(bi)} bigrams, scale {scale:.2f} -> {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
