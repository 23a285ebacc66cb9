"""The OCR channel model: how likely Tesseract turns an intended string into an observed one.

The counts come from ``resources/correction/confusions.json``, learned by
``scripts/train_confusions.py`` (rendered, degraded, OCR'd and aligned words). Nothing here is
typed by hand: a confusion that training never saw gets the same small smoothed probability as
any other unseen edit, so learned confusions (1/l, rn/m, 0/o ...) are preferred over arbitrary edits.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from ocr_desktop.core.errors import OcrDesktopError

from .paths import resource_dir

CONFUSIONS_FILE = "confusions.json"
#: pseudo-count of an unseen substitution/deletion/insertion (add-k smoothing)
_UNSEEN = 0.5
#: how many intended characters a pseudo-observation is spread over for insertions
_MIN_CHAR_COUNT = 20.0


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

    @classmethod
    def load(cls, path: Path | None = None) -> ConfusionModel:
        path = path or resource_dir() / CONFUSIONS_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise OcrDesktopError(f"The corrector's confusion table {path} could not be read.", detail=str(exc)) from exc
        return cls.from_counts(data["chars"], data.get("pairs", {}), data["confusions"])

    @classmethod
    def from_counts(
        cls, chars: dict[str, int], pairs: dict[str, int], confusions: list[list[object]]
    ) -> ConfusionModel:
        total_chars = float(sum(chars.values())) or 1.0
        errors_from: dict[str, float] = {}
        reverse: dict[str, list[tuple[str, float]]] = {}
        for s_obj, d_obj, n_obj in confusions:
            s, d, n = str(s_obj), str(d_obj), float(str(n_obj))
            if s == d:
                continue
            if s:
                base = float(chars.get(s, 0) if len(s) == 1 else pairs.get(s, 0))
                if len(s) > 2 or base < 1:
                    # 3-character sources have no occurrence count: bound it by their rarest char
                    base = min((float(chars.get(c, 0)) for c in s), default=0.0)
                base = max(base, _MIN_CHAR_COUNT)
                if len(s) == 1:
                    errors_from[s] = errors_from.get(s, 0.0) + n
            else:
                base = total_chars  # an insertion can happen anywhere
            reverse.setdefault(d, []).append((s, math.log(n / (base + _UNSEEN))))
        for lst in reverse.values():
            lst.sort(key=lambda x: -x[1])
        keep = {c: math.log(max(0.5, 1.0 - errors_from.get(c, 0.0) / max(float(n), _MIN_CHAR_COUNT))) for c, n in chars.items()}
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
