"""The OCR channel model: how likely Tesseract turns an intended string into an observed one.

The counts come from ``resources/correction/confusions.json``, learned by
``scripts/train_confusions.py`` (rendered, degraded, OCR'd and aligned words). Nothing here is
typed by hand: a confusion that training never saw gets the same small smoothed probability as
any other unseen edit, so learned confusions (1/l, rn/m, 0/o ...) are preferred over arbitrary edits.
``glyph_shapes.json`` (``scripts/build_glyph_shapes.py``) adds what print looks like: letters that are
drawn alike (e/c/o, h/li/b, n/u) are likelier misreadings than Tesseract's counts alone say.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from ocr_desktop.core.errors import OcrDesktopError

from .paths import resource_dir

CONFUSIONS_FILE = "confusions.json"
SHAPES_FILE = "glyph_shapes.json"
#: pseudo-count of an unseen substitution/deletion/insertion (add-k smoothing)
_UNSEEN = 0.5
#: how many intended characters a pseudo-observation is spread over for insertions
_MIN_CHAR_COUNT = 20.0
#: weight of the single-glyph shape prior, in pseudo-observations per intended character: the
#: glyph data say which misreadings look alike, the in-word data how often they happen
_GLYPH_PRIOR_WEIGHT = 20.0
#: a chunk of several characters seen once is alignment noise more often than a habit
_MIN_MULTI_COUNT = 2.0
#: pseudo-occurrences added to the base of multi-character sources: their counts are small
_MULTI_SHRINK = 50.0


@dataclass
class ConfusionModel:
    """Log P(observed | intended) for short substrings, and per-character P(read correctly)."""

    #: observed substring -> [(intended substring, log P(observed | intended))], best first
    reverse: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    #: log P(char read correctly)
    keep: dict[str, float] = field(default_factory=dict)
    default_keep: float = math.log(0.995)
    #: log-prob of an edit training never saw, per intended-character count
    unseen_sub: float = math.log(1e-4)
    unseen_ins: float = math.log(1e-4)
    unseen_del: float = math.log(1e-4)
    #: log-prob of an unseen substitution by intended character (a frequent letter that was never
    #: misread into X in training is less likely to be behind an observed X than a rare one)
    sub_floor: dict[str, float] = field(default_factory=dict)
    #: characters misread per character read, in the training data
    error_rate: float = 0.01
    #: log-prob of a substitution between two glyph-trained characters that neither the lines nor
    #: the single glyphs ever showed: far below ``sub_floor``, because the glyph data had many
    #: chances to show it (e -> 0 never happens, o -> 0 does)
    glyph_unseen: dict[str, float] = field(default_factory=dict)
    _rows: dict[tuple[str, str], list[tuple[str, float]]] = field(default_factory=dict)
    #: ``reverse`` cut to the first few entries per source and a floor, per (cut, floor): built once
    _tables: dict[tuple[int, float], dict[str, tuple[tuple[str, float], ...]]] = field(default_factory=dict)

    def with_extra(self, extra: dict[str, list[tuple[str, float]]]) -> ConfusionModel:
        """A copy where the given (observed -> intended, log P) entries override weaker learned ones.

        The copy starts with this model's substitution rows of the letters ``extra`` leaves alone:
        a row reads only its letter's entries and fields the copy shares, so it would come out
        the same (pages adapt the channel each, and building the rows again cost ~5 % of a page).
        """
        reverse = dict(self.reverse)
        for observed, entries in extra.items():
            merged = dict(reverse.get(observed, []))
            for intended, lp in entries:
                merged[intended] = max(lp, merged.get(intended, -1e9))
            reverse[observed] = sorted(merged.items(), key=lambda x: -x[1])
        rows = {key: row for key, row in self._rows.items() if key[0] not in extra}
        return dataclasses.replace(self, reverse=reverse, _rows=rows, _tables={})

    def learned_table(self, per_source: int, min_logp: float) -> dict[str, tuple[tuple[str, float], ...]]:
        """observed -> the first ``per_source`` entries of ``reverse`` with log P >= ``min_logp``
        (observed strings of 1 to 3 characters; none left: absent)."""
        key = (per_source, min_logp)
        table = self._tables.get(key)
        if table is None:
            table = {}
            for observed, entries in self.reverse.items():
                if not observed or len(observed) > 3:
                    continue
                # a change of case only (c read for C) leaves the word's lower case, which is all
                # the dictionary is asked about: such an entry is beaten by not editing at all,
                # and in the search's small beam it would push out edits that can make a word
                low = observed.lower()
                kept = tuple((s, lp) for s, lp in entries[:per_source] if lp >= min_logp and s.lower() != low)
                if kept:
                    table[observed] = kept
            self._tables[key] = table
        return table

    def learned_insertions(self, per_source: int, min_logp: float) -> tuple[tuple[str, float], ...]:
        """The first ``per_source`` letters OCR drops, with log P >= ``min_logp`` (non-empty ones)."""
        return tuple((s, lp) for s, lp in self.reverse.get("", ())[:per_source] if lp >= min_logp and s)

    def sub_row(self, observed: str, alphabet: str) -> list[tuple[str, float]]:
        """(intended letter, log P(observed | letter)) for every letter of the alphabet."""
        row = self._rows.get((observed, alphabet))
        if row is None:
            learned = {s: lp for s, lp in self.reverse.get(observed, ()) if len(s) == 1}
            glyph_trained = observed in self.glyph_unseen
            row = []
            for c in alphabet:
                if c == observed:
                    continue
                if c in learned:
                    row.append((c, learned[c]))
                elif glyph_trained and c in self.glyph_unseen:
                    row.append((c, self.glyph_unseen[c]))
                else:
                    row.append((c, self.sub_floor.get(c, self.unseen_sub)))
            self._rows[(observed, alphabet)] = row
        return row

    @classmethod
    def load(cls, path: Path | None = None) -> ConfusionModel:
        path = path or resource_dir() / CONFUSIONS_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            msg = f"The corrector's confusion table {path} could not be read."
            raise OcrDesktopError(msg, detail=str(exc)) from exc
        shapes_path = path.with_name(SHAPES_FILE)
        try:
            shapes = json.loads(shapes_path.read_text(encoding="utf-8"))["shares"] if shapes_path.exists() else []
        except (OSError, ValueError, KeyError) as exc:
            msg = f"The corrector's table of look-alike letters {shapes_path} could not be read."
            raise OcrDesktopError(msg, detail=str(exc)) from exc
        return cls.from_counts(data["chars"], data.get("pairs", {}), data["confusions"], data.get("glyphs", []),
                               shapes)

    @classmethod
    def from_counts(
        cls, chars: dict[str, int], pairs: dict[str, int], confusions: list[list[object]],
        glyphs: list[list[object]] | None = None, shapes: list[list[object]] | None = None,
    ) -> ConfusionModel:
        total_chars = float(sum(chars.values())) or 1.0
        confusions = _with_glyph_prior(confusions, glyphs or [])
        errors_from: dict[str, float] = {}
        reverse: dict[str, list[tuple[str, float]]] = {}
        for s_obj, d_obj, n_obj in confusions:
            s, d, n = str(s_obj), str(d_obj), float(str(n_obj))
            if s == d:
                continue
            if (len(s) > 1 or len(d) > 1 or not s or not d) and n < _MIN_MULTI_COUNT:
                continue
            if s:
                base = float(chars.get(s, 0) if len(s) == 1 else pairs.get(s, 0))
                if len(s) > 2 or base < 1:
                    # 3-character sources have no occurrence count: bound it by their rarest char
                    base = min((float(chars.get(c, 0)) for c in s), default=0.0)
                base = max(base, _MIN_CHAR_COUNT) + (_MULTI_SHRINK if len(s) > 1 or len(d) > 1 else 0.0)
                if len(s) == 1:
                    errors_from[s] = errors_from.get(s, 0.0) + n
            else:
                base = total_chars  # an insertion can happen anywhere
            reverse.setdefault(d, []).append((s, math.log(n / (base + _UNSEEN))))
        # the page-noise estimate counts misread letters (non-words), so compare it with the
        # letters' error rate, not with punctuation and spacing slips
        error_rate = max(1e-4, sum(v for c, v in errors_from.items() if c.isalpha())
                         / max(1.0, float(sum(n for c, n in chars.items() if c.isalpha()))))
        _add_shape_prior(reverse, shapes or [], error_rate)
        # the corrector rebuilds words: only letters (and apostrophes) can be intended inside one
        reverse = {
            d: sorted(((s, lp) for s, lp in lst if s.replace("'", "").isalpha() or s == ""), key=lambda x: -x[1])
            for d, lst in reverse.items()
        }
        reverse = {d: lst for d, lst in reverse.items() if lst}
        keep = {
            c: math.log(max(0.5, 1.0 - errors_from.get(c, 0.0) / max(float(n), _MIN_CHAR_COUNT)))
            for c, n in chars.items()
        }
        # unseen edits: half an observation over the mean character count
        mean_count = total_chars / max(1, len(chars))
        unseen = math.log(_UNSEEN / (mean_count + _UNSEEN))
        all_err = sum(errors_from.values())
        return cls(
            reverse=reverse,
            keep=keep,
            default_keep=math.log(max(0.5, 1.0 - all_err / total_chars)),
            unseen_sub=unseen,
            unseen_ins=math.log(_UNSEEN / total_chars),
            unseen_del=unseen,
            sub_floor={c: math.log(_UNSEEN / (n + _UNSEEN)) for c, n in chars.items()},
            glyph_unseen=_glyph_unseen(chars, glyphs or []),
            error_rate=error_rate,
        )

    def keep_logp(self, text: str) -> float:
        """log P(text read exactly as written)."""
        return sum(self.keep.get(c, self.default_keep) for c in text)

    def reverse_edits(self, observed: str) -> list[tuple[int, int, str, float]]:
        """Learned ways the observed string may have come about: (start, end, intended, log P)."""
        out: list[tuple[int, int, str, float]] = []
        n = len(observed)
        for i in range(n):
            for k in (1, 2, 3):
                if i + k > n:
                    break
                for intended, lp in self.reverse.get(observed[i : i + k], ()):
                    out.append((i, i + k, intended, lp))
        # letters OCR dropped: intended chars to re-insert at every gap
        for intended, lp in self.reverse.get("", ())[:8]:
            for i in range(n + 1):
                out.append((i, i, intended, lp))
        return out


def _add_shape_prior(reverse: dict[str, list[tuple[str, float]]], shapes: list[list[object]],
                     error_rate: float) -> None:
    """Misreadings by printed shape (``scripts/build_glyph_shapes.py``) as channel entries where
    they are likelier than what Tesseract's counts say: log P = log(letter error rate) + log(share
    of a misread letter going to that look-alike). Tesseract on clean renderings rarely reads
    ``e`` as ``o`` or ``h`` as ``li``; worn print and other engines do, and by shape."""
    base = math.log(error_rate)
    for s_obj, d_obj, share_obj in shapes:
        s, d, share = str(s_obj), str(d_obj), float(str(share_obj))
        if share > 0.0:
            reverse.setdefault(d, []).append((s, base + math.log(share)))
    # one entry per intended string: the likelier of the counted and the shape-based one
    for d, lst in reverse.items():
        if len({s for s, _ in lst}) < len(lst):
            best: dict[str, float] = {}
            for s, lp in lst:
                best[s] = max(lp, best.get(s, -math.inf))
            reverse[d] = list(best.items())


def _with_glyph_prior(confusions: list[list[object]], glyphs: list[list[object]]) -> list[list[object]]:
    """Add the single-glyph shape prior to the in-word counts as fractional pseudo-counts."""
    totals: dict[str, float] = {}
    for s_obj, _d, n_obj in glyphs:
        totals[str(s_obj)] = totals.get(str(s_obj), 0.0) + float(str(n_obj))
    merged: dict[tuple[str, str], float] = {(str(s), str(d)): float(str(n)) for s, d, n in confusions}
    share: dict[tuple[str, str], float] = {}
    for s_obj, d_obj, n_obj in glyphs:
        s, d = str(s_obj), str(d_obj)
        if s == d or len(d) != 1 or not totals.get(s):
            continue  # readings of one glyph as several or none are segmentation noise here
        share[(s, d)] = float(str(n_obj)) / totals[s]
    # looking alike is symmetric: '@' read as 'a' says an 'a' may come out as '@' too. The
    # classifier's own preferences make the raw single-glyph matrix lopsided; the in-word counts
    # above keep the real direction of frequent confusions.
    for s, d in set(share) | {(d, s) for s, d in share}:
        if s not in totals or d not in totals:
            continue
        sym = (share.get((s, d), 0.0) + share.get((d, s), 0.0)) / 2.0
        merged[(s, d)] = merged.get((s, d), 0.0) + _GLYPH_PRIOR_WEIGHT * sym
    return [[s, d, n] for (s, d), n in merged.items()]


def _glyph_unseen(chars: dict[str, int], glyphs: list[list[object]]) -> dict[str, float]:
    """Per intended glyph: log-prob of a misreading that its renderings never produced."""
    totals: dict[str, float] = {}
    for s_obj, _d, n_obj in glyphs:
        totals[str(s_obj)] = totals.get(str(s_obj), 0.0) + float(str(n_obj))
    n_glyphs = max(1, len(totals))
    out: dict[str, float] = {}
    for c, t in totals.items():
        pseudo = _GLYPH_PRIOR_WEIGHT * (_UNSEEN / n_glyphs) / t
        out[c] = math.log(pseudo / (float(chars.get(c, 0)) + _GLYPH_PRIOR_WEIGHT))
    return out
