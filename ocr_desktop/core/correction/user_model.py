"""What the corrector learns from one person's proofreading, stored as JSON in the user data dir.

Three things are kept: the user dictionary (words never "corrected" and offered as candidates),
the never-change list (tokens left exactly as OCR read them), and learned pairs
``before -> after`` with accept/reject counts. A pair accepted (or entered by hand) is applied on
the next run; a pair rejected more often than accepted is never proposed again; "accept all of
this kind" marks a pair as always applied. Every change is saved at once, atomically.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocr_desktop.core.errors import ExportError, UserModelError
from ocr_desktop.core.models import Correction

FORMAT_VERSION = 1
_MAX_CONTEXTS = 5


@dataclass(frozen=True)
class UserModelEntry:
    """One row of ``UserModel.list()``: kind is "word", "never-change" or "pair"."""

    kind: str
    text: str
    after: str = ""
    accepted: int = 0
    rejected: int = 0
    always: bool = False

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.kind == "pair":
            d |= {"after": self.after, "accepted": self.accepted, "rejected": self.rejected, "always": self.always}
        return d


@dataclass
class _Pair:
    accepted: int = 0
    rejected: int = 0
    always: bool = False
    contexts: list[str] | None = None


class UserModel:
    """The per-user model. ``path=None`` keeps it in memory only (nothing is ever written)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.words: set[str] = set()
        self.never_change: set[str] = set()
        self._pairs: dict[tuple[str, str], _Pair] = {}
        if path is not None and path.exists():
            self._load_into(path, replace=True)

    # ----------------------------------------------------------------- queries used by the corrector
    def knows(self, word: str) -> bool:
        return word in self.words or word.lower() in {w.lower() for w in self.words}

    def lower_words(self) -> frozenset[str]:
        """The dictionary in lower case, for fast membership tests."""
        return frozenset(w.lower() for w in self.words)

    def is_never_change(self, token: str) -> bool:
        return token in self.never_change

    def forced_after(self, before: str) -> str | None:
        """The replacement the user taught for this exact token, if any."""
        if not self._pairs:
            return None  # asked for every word of every page: the usual empty model answers at once
        best: tuple[int, str] | None = None
        for (b, a), p in self._pairs.items():
            if b == before and (p.always or p.accepted > p.rejected):
                score = p.accepted + (1000 if p.always else 0)
                if best is None or score > best[0]:
                    best = (score, a)
        return best[1] if best else None

    def has_pairs(self) -> bool:
        """Whether any correction was ever accepted or rejected (else no pair can be rejected)."""
        return bool(self._pairs)

    def leave_as_read(self, before: str) -> bool:
        """The user rejected a change of this exact token and accepted none: leave it as read,
        rather than offer the next likeliest word (a rejected ``s@mple`` -> ``sample`` must not
        come back as ``simple``)."""
        if not self._pairs:
            return False
        return any(b == before and not p.always and p.rejected > p.accepted for (b, _), p in self._pairs.items())

    def is_rejected(self, before: str, after: str) -> bool:
        p = self._pairs.get((before, after))
        return bool(p and not p.always and p.rejected > p.accepted)

    # ----------------------------------------------------------------- learning
    def record_accept(self, correction: Correction, context: str = "") -> None:
        p = self._pairs.setdefault((correction.before, correction.after), _Pair())
        p.accepted += 1
        self._remember(p, context)
        self._save()

    def record_reject(self, correction: Correction, context: str = "") -> None:
        p = self._pairs.setdefault((correction.before, correction.after), _Pair())
        p.rejected += 1
        p.always = False
        self._remember(p, context)
        self._save()

    def accept_all_of_kind(self, before: str, after: str) -> None:
        p = self._pairs.setdefault((before, after), _Pair())
        p.accepted += 1
        p.always = True
        self._save()

    def record_manual_edit(self, before: str, after: str) -> None:
        """The user typed ``after`` over ``before``: learn the pair; a new real word joins the dictionary."""
        before, after = before.strip(), after.strip()
        if not before or before == after:
            return
        if not after:
            return
        if len(before.split()) == 1 and len(after.split()) == 1:
            p = self._pairs.setdefault((before, after), _Pair())
            p.accepted += 1
            self.words.add(after.strip(".,;:!?\"'()"))
        self._save()

    def _remember(self, p: _Pair, context: str) -> None:
        if context:
            p.contexts = ((p.contexts or []) + [context[:200]])[-_MAX_CONTEXTS:]

    # ----------------------------------------------------------------- management (API and CLI)
    def add_word(self, word: str) -> None:
        word = word.strip()
        if not word or any(c.isspace() for c in word):
            raise UserModelError(f"'{word}' is not a single word.")
        self.words.add(word)
        self._save()

    def remove_word(self, word: str) -> bool:
        """Remove a word from the dictionary or the never-change list, or pairs starting from it."""
        found = word in self.words or word in self.never_change
        self.words.discard(word)
        self.never_change.discard(word)
        for key in [k for k in self._pairs if k[0] == word]:
            del self._pairs[key]
            found = True
        if found:
            self._save()
        return found

    def add_never_change(self, token: str) -> None:
        token = token.strip()
        if not token:
            raise UserModelError("An empty token cannot be protected.")
        self.never_change.add(token)
        self._save()

    def list(self) -> list[UserModelEntry]:
        rows = [UserModelEntry("word", w) for w in sorted(self.words)]
        rows += [UserModelEntry("never-change", w) for w in sorted(self.never_change)]
        rows += [
            UserModelEntry("pair", b, a, p.accepted, p.rejected, p.always)
            for (b, a), p in sorted(self._pairs.items())
        ]
        return rows

    def reset(self) -> None:
        self.words.clear()
        self.never_change.clear()
        self._pairs.clear()
        self._save()

    def export(self, path: Path) -> None:
        _atomic_write(Path(path), self._to_json())

    def import_(self, path: Path) -> None:
        """Merge another user model file into this one (counts add up)."""
        self._load_into(Path(path), replace=False)
        self._save()

    # ----------------------------------------------------------------- persistence
    def _to_json(self) -> str:
        doc = {
            "format": "ocr-desktop-user-model",
            "version": FORMAT_VERSION,
            "words": sorted(self.words),
            "never_change": sorted(self.never_change),
            "pairs": [
                {"before": b, "after": a, "accepted": p.accepted, "rejected": p.rejected, "always": p.always}
                | ({"contexts": p.contexts} if p.contexts else {})
                for (b, a), p in sorted(self._pairs.items())
            ],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

    def _load_into(self, path: Path, *, replace: bool) -> None:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise UserModelError(f"No user model at {path}.", detail=str(exc)) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise UserModelError(f"The user model {path} could not be read.", detail=str(exc)) from exc
        except ValueError as exc:
            raise UserModelError(f"The user model {path} is not valid JSON.", detail=str(exc)) from exc
        try:
            if not isinstance(doc, dict) or int(doc.get("version", 0)) > FORMAT_VERSION:
                raise ValueError("unknown format or newer version")
            words = {str(w) for w in doc.get("words", [])}
            never = {str(w) for w in doc.get("never_change", [])}
            pairs: dict[tuple[str, str], _Pair] = {}
            for row in doc.get("pairs", []):
                ctx = row.get("contexts")
                pairs[(str(row["before"]), str(row["after"]))] = _Pair(
                    int(row.get("accepted", 0)), int(row.get("rejected", 0)), bool(row.get("always", False)),
                    [str(c) for c in ctx] if isinstance(ctx, list) else None,
                )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UserModelError(f"The user model {path} has an unexpected layout.", detail=str(exc)) from exc
        if replace:
            self.words, self.never_change, self._pairs = words, never, pairs
            return
        self.words |= words
        self.never_change |= never
        for key, p in pairs.items():
            mine = self._pairs.setdefault(key, _Pair())
            mine.accepted += p.accepted
            mine.rejected += p.rejected
            mine.always = mine.always or p.always

    def _save(self) -> None:
        if self.path is not None:
            _atomic_write(self.path, self._to_json())


def _atomic_write(path: Path, text: str) -> None:
    """The shared atomic writer (temp file + rename), with our own error for the user."""
    from ocr_desktop.core.export import write_atomic

    try:
        write_atomic(path, text)
    except ExportError as exc:
        raise UserModelError(f"The user model could not be saved to {path}.", detail=exc.detail) from exc
