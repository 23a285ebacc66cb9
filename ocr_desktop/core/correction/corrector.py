"""The post-processor: normalisation plus a noisy-channel word corrector under a do-no-harm policy.

For each word piece the corrector weighs "keep it" against dictionary candidates:
score(c) = log P(observed | c) [learned OCR confusions] + log P(c) [word frequency]
           + PMI(previous word, c) + PMI(c, next word) [English bigrams],
and applies the best candidate only when the policy's margins are met; unsure cases become
suspects. Two passes: the first guesses every word without context, the second decides with
the neighbours' first-pass guesses as context (so ``Th1s 1s 4`` sees ``this is`` around ``4``).
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import itertools
import math
import re
import threading
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ocr_desktop.core.models import CorrectedPage, Correction, Suspect, Word, apply_corrections

from . import policy, wide_search
from .amounts import amount_corrections
from .candidates import forget_searches, generate, same_glyph_words
from .capitals import capital_word_corrections
from .channel import ConfusionModel
from .language_model import FLOOR_COUNT, ContextModel, Lexicon, context_model, lexicon, spell_codes
from .normalise import ABBREVIATIONS, normalisation_corrections
from .paths import default_user_model_path
from .settings import CorrectionSettings
from .suggest import close_words
from .tokens import (
    DIGIT_LETTERS,
    INNER_SYMBOLS,
    MISREAD_GUILLEMETS,
    Chunk,
    Kind,
    Piece,
    apply_case,
    case_shape,
    chunks,
    mask_quoting_guillemets,
    pieces,
)
from .user_model import UserModel


class _DefaultUserModel:
    """Sentinel type: "use the file in the user data dir"."""

    def __repr__(self) -> str:
        return "DEFAULT_USER_MODEL"


DEFAULT_USER_MODEL = _DefaultUserModel()

_channel: ConfusionModel | None = None
_channel_lock = threading.Lock()
_SENTENCE_END_RE = re.compile(r"(?:[.!?][\"')\]’”]*\s*|\n[ \t]*\n\s*)$")
_CLAUSE_BREAK = frozenset(".!?;:()[]")
_CANDIDATE_CACHE_MAX = 50_000
_WORD_CACHE_MAX = 200_000
_SHARED_CACHES_MAX = 8
#: candidates under the general channel, shared by every PostProcessor with the same word lists
#: and edit limit (the GUI creates one per page or worker): (langs, user words, max edits) -> cache
_shared_candidates: dict[tuple[tuple[str, ...], frozenset[str], int], dict[tuple[int, str], dict[str, float]]] = {}
_MAX_CONTEXT_ROUNDS = 4
#: page adaptation learns only from fixes this sure, and only misreadings seen this often
_ADAPT_MIN_SCORE = 0.8
_ADAPT_MIN_COUNT = 3
_ADAPT_ROUNDS = 2
#: a page's unknown words are taken to be fixed at least this often when its habits are rated
#: (fewer fixes say the page is garbled beyond them, not that its habits are that common) ...
_ADAPT_MIN_SHARE = 0.2
#: ... and no habit is rated likelier than this (one letter in two misread alike)
_ADAPT_MAX_LOGP = math.log(0.5)
_SETTLED_SCORE = 0.9
#: a real-word fix on the page's habit alone scores at most this: below ``_ADAPT_MIN_SCORE``, so
#: that it does not count again as evidence of the habit that made it
_HABIT_ONLY_SCORE = 0.75
_ADAPT_REASONS = frozenset(("ocr-confusion", "real-word-confusion"))
#: fixes whose case the corrector chose (a user's taught pair keeps the case the user typed)
_CASED_REASONS = frozenset(("ocr-confusion", "real-word-confusion"))
#: nats of word probability one unit of spelling likeness (difflib's ratio) is worth in the
#: suggestion menu: a 0.1 closer spelling outweighs a word ~3.3 times as frequent
_LIKENESS_WEIGHT = 12.0


def clear_caches() -> None:
    """Forget the candidate lists shared between PostProcessors and what the search remembered
    (benchmarks measure cold pages)."""
    _shared_candidates.clear()
    forget_searches()


def confusion_model() -> ConfusionModel:
    global _channel
    with _channel_lock:
        if _channel is None:
            _channel = ConfusionModel.load()
        return _channel


@dataclass(frozen=True)
class _Decision:
    after: str | None = None
    score: float = 0.0
    reason: str = ""
    suspect: str | None = None


class PostProcessor:
    """Corrects OCR text. Cheap to create: models are cached per process and language.

    One instance serves one thread at a time (it keeps a per-page noise estimate and a candidate
    cache); create one per worker thread, which costs well under a millisecond once warm.
    """

    def __init__(
        self,
        lang: str = "eng",
        user_model: Path | UserModel | _DefaultUserModel | None = DEFAULT_USER_MODEL,
        settings: CorrectionSettings | None = None,
    ) -> None:
        self.lang = lang
        self.settings = settings or CorrectionSettings()
        codes, missing = spell_codes(lang)
        self.lang_codes = codes
        self.lexicons: list[Lexicon] = [lexicon(c) for c in codes]
        self.context: ContextModel | None = context_model() if "en" in codes else None
        #: signs read for letters inside words: guillemets only where no language of the page
        #: quotes with them glued to the words
        self._signs = INNER_SYMBOLS + MISREAD_GUILLEMETS if codes == ["en"] else INNER_SYMBOLS
        self.channel = confusion_model()
        if isinstance(user_model, UserModel):
            self.user_model = user_model
        elif isinstance(user_model, _DefaultUserModel):
            self.user_model = UserModel(default_user_model_path())
        else:
            self.user_model = UserModel(user_model)
        self._user_words = self.user_model.lower_words()
        #: one container for candidate look-ups: the language's dict itself when that is all there is
        self._known: Container[str] = (
            self.lexicons[0].words if len(self.lexicons) == 1 and not self._user_words
            else frozenset().union(self._user_words, *(lex.words for lex in self.lexicons))
        )
        notes: list[str] = []
        if missing:
            notes.append(
                f"no dictionary for language(s) {', '.join(missing)}: "
                + ("only normalisation ran." if not codes else "their words were left as they are.")
            )
        self.notes = tuple(notes)
        #: candidates under an adapted channel (this page's misreadings), per instance
        self._cand_cache: dict[tuple[object, ...], dict[str, float]] = {}
        cands_key = (tuple(codes), self._user_words, self.settings.max_edits)
        if cands_key not in _shared_candidates and len(_shared_candidates) >= _SHARED_CACHES_MAX:
            _shared_candidates.clear()  # many user dictionaries over time: forget the old ones
        self._general_cands = _shared_candidates.setdefault(cands_key, {})
        self._is_word_memo: dict[str, bool] = {}
        self._unigrams: dict[str, float] = {}
        #: decisions of this page, by everything a decision depends on (see ``_decision_key``)
        self._decisions: dict[tuple[object, ...], _Decision] = {}
        self._general = self.channel
        self._page_id = 0
        self._shift = 0.0
        #: observed strings the page adaptation added entries for (candidates of a token holding
        #: none of them are the general channel's: reused, not searched again)
        self._adapted_keys: frozenset[str] = frozenset()
        self._habits_spread = False
        #: this page's recurring word misreadings (lower-case observed -> intended), see _page_word_pairs
        self._page_pairs: dict[str, str] = {}
        #: this page's unknown words one common word away, see _lone_neighbour_swaps
        self._lone_neighbours: dict[str, tuple[str, str]] = {}
        #: names this page numbers (``dir`` of ``dir1`` and ``dir2``), see policy.numbered_series
        self._series: frozenset[str] = frozenset()
        #: the dictionary words this page prints with a capital inside a sentence (lower case)
        self._page_vocab: set[str] = set()
        self._old_spelling_page = False
        self._alphabet = "".join(sorted({ch for lex in self.lexicons for ch in _alphabet_of(lex)}))

    # ------------------------------------------------------------------ public API
    def correct_text(self, text: str) -> CorrectedPage:
        return self.correct_page(text)

    def correct_page(self, raw_text: str, words: Sequence[Word] = (), page: int = 1) -> CorrectedPage:
        raw = raw_text
        word_confs = {w.start: w.conf for w in words} if words else None
        norm = normalisation_corrections(raw, self.settings, self.lang_codes, self.is_word if self.lexicons else None,
                                         word_confs, self._joined_likelier)
        joins = [c for c in norm if c.reason in ("hyphen-join", "hyphen-restore")]
        word_fixes: list[Correction] = []
        suspects: list[Suspect] = []
        amounts: list[Correction] = []
        if self.settings.fix_words:
            amounts = amount_corrections(raw)
            chunk_list = chunks(raw)
            if self.lexicons:
                um = self.user_model
                amounts += [c for c in capital_word_corrections(chunk_list, self.is_word, self._is_common)
                            if not (um.is_never_change(c.before) or um.leave_as_read(c.before)
                                    or um.is_rejected(c.before, c.after))]
            word_fixes, suspects = self._fix_words(raw, words, joins, chunk_list)
        corrections = _merge(amounts + joins + word_fixes, [c for c in norm if c not in joins])
        return CorrectedPage(
            page=page,
            raw_text=raw,
            text=apply_corrections(raw, corrections),
            corrections=tuple(corrections),
            suspects=tuple(suspects),
            notes=self.notes,
        )

    def suggestions(self, raw_text: str, start: int, end: int, limit: int = 5) -> list[str]:
        """Words the token at ``raw_text[start:end]`` may have been, likeliest first, written in the
        token's case: what a proofreader is offered for a suspect. Its neighbours are the context."""
        if not self.lexicons or limit <= 0:
            return []
        plist = list(pieces(raw_text, self._word_chunks(raw_text, chunks(raw_text)), self._signs))
        at = next((i for i, p in enumerate(plist) if p.start < max(end, start + 1) and start < p.end), None)
        if at is None or plist[at].kind is Kind.NUMBER or len(plist[at].text) > policy.MAX_WORD_LEN:
            return []  # run-together text: no word is close, and a search would take seconds
        p = plist[at]
        prev_w = plist[at - 1].text.lower() if at > 0 and _adjacent(raw_text, plist[at - 1], p) else None
        next_w = (plist[at + 1].text.lower()
                  if at + 1 < len(plist) and _adjacent(raw_text, p, plist[at + 1]) else None)
        text = p.text.replace("’", "'")
        use_context = self.context is not None
        ranked = [w for _, w in self._rank(text, prev_w, next_w, use_context)]
        if len(ranked) < limit:
            # beyond the OCR confusions: close spellings, likeliest in this context first
            close = close_words(text, self.lexicons, 2 * limit)
            close.sort(key=lambda wr: -(self._lm(wr[0], prev_w, next_w, use_context) + _LIKENESS_WEIGHT * wr[1]))
            ranked += [w for w, _ in close]
        out: list[str] = []
        for w in ranked:
            word = apply_case(w, p.text)
            if "’" in p.text:
                word = word.replace("'", "’")
            if w != text.lower() and word not in out:
                out.append(word)
            if len(out) >= limit:
                break
        return out

    def is_word(self, lower: str) -> bool:
        """A real word of the language(s), the user's dictionary or the English context list."""
        got = self._is_word_memo.get(lower)
        if got is None:
            if lower in self._user_words or any(lower in lex for lex in self.lexicons):
                got = True
            else:
                got = self.context is not None and self.context.log_count(lower) is not None
            if len(self._is_word_memo) > _WORD_CACHE_MAX:
                self._is_word_memo.clear()
            self._is_word_memo[lower] = got
        return got

    def _joined_likelier(self, first: str, second: str) -> bool:
        """Two words that end and start lines are one word that lost its hyphen (``cow``/``ards``,
        ``be``/``fore``) when that word is far likelier than the two side by side."""
        two = self._lm(first, None, None, False) + self._lm(second, None, None, False)
        if self.context is not None:
            two += self.context.pmi(first, second)
        return self._lm(first + second, None, None, False) > two + policy.HYPHEN_LOST_MARGIN

    def _made_of_logp(self, lower: str) -> float | None:
        """log P of an unknown word that listed words explain (a stem with an ending, or two
        common words run together): the rarer part's, less the odds of that very formation."""
        stem = policy.derived_word(lower, self._in_word_lists)
        parts = (stem,) if stem is not None else policy.compound_parts(lower, self._is_common)
        if parts is None:
            return None
        return min(self._lm(w, None, None, False) for w in parts) + policy.MADE_OF_LOGP

    def _is_common(self, lower: str) -> bool:
        """A listed word at least as frequent as ~1 in 160 000 words (a compound's part)."""
        return self._in_word_lists(lower) and self._lm(lower, None, None, False) > policy.COMMON_WORD_LOGP

    def _in_word_lists(self, lower: str) -> bool:
        """Fast membership for candidate strings (the hashed context list is too slow for thousands)."""
        if lower in self._user_words:
            return True
        return any(lower in lex.words for lex in self.lexicons)

    # ------------------------------------------------------------------ word correction
    def _fix_words(
        self, raw: str, words: Sequence[Word], joins: list[Correction], chunk_list: list[Chunk]
    ) -> tuple[list[Correction], list[Suspect]]:
        chunk_list = self._word_chunks(raw, chunk_list)
        plist = [p for p in pieces(raw, chunk_list, self._signs) if not (joins and _inside_any(raw, p, joins))]
        self._decisions = {}
        self._series = policy.numbered_series(p.text for p in plist if p.kind is Kind.MIXED)
        confs = _confidences(plist, words)
        self._shift, self._old_spelling_page = self._page_noise_and_age(raw, plist)
        self._page_vocab = {
            w for p in plist
            if p.kind is Kind.WORD and p.text[:1].isupper() and not _sentence_start(raw, p.start)
            and self.is_word(w := p.text.lower())
        }
        # most words are kept whatever their neighbours say (common words, names, headings):
        # they are judged once here and then only serve as context
        active = [not self._always_kept(raw, p, confs.get(p.start)) for p in plist]
        adjacent = [_adjacent(raw, a, b) for a, b in itertools.pairwise(plist)]
        # pass 1: context-free guesses, used as the neighbours' context in pass 2
        guesses: list[str] = []
        last = len(plist) - 1
        for i, (p, act) in enumerate(zip(plist, active, strict=True)):
            # a guess only serves as an active neighbour's context: none, no need to guess
            if not act or not ((i > 0 and active[i - 1] and adjacent[i - 1])
                               or (i < last and active[i + 1] and adjacent[i])):
                guesses.append(p.text.lower())
                continue
            d = self._decide_memo(raw, p, None, None, confs.get(p.start), False)
            if p.kind in (Kind.WORD, Kind.MIXED):
                guesses.append((d.after or p.text).lower())
            else:
                guesses.append(p.text.lower())
        # pass 2, with context; words first, lone digits last (a digit is judged by its final
        # neighbours). A change can give a neighbour the context it lacked, so pass 2 repeats on
        # the changed words' neighbours until nothing moves: then a second run finds nothing new.
        decisions: dict[int, _Decision] = {}
        self._context_rounds(raw, plist, confs, guesses, decisions, active, adjacent)
        # the page's own repeated misreadings (u->n, li->h ...) are likelier on this page than the
        # general table says: decide again with them, from the current guesses (a short EM loop)
        general = self.channel
        base_shift = self._shift
        self._lone_neighbours = self._lone_neighbour_swaps(plist)
        self._adapted_keys = frozenset()
        try:
            for _ in range(_ADAPT_ROUNDS):
                adapted = self._page_confusions(plist, decisions)
                pairs = self._page_word_pairs(plist, decisions)
                if adapted is None and pairs == self._page_pairs:
                    break
                if adapted is not None:
                    self.channel, self._page_id = adapted, self._page_id + 1
                    # repeated misreadings are direct evidence of a noisy page, which the share of
                    # unknown words (rare and old spellings count too) understates
                    if self._habits_spread:
                        self._shift = min(policy.MAX_NOISE_SHIFT, base_shift + policy.RECURRING_MISREADING_SHIFT)
                self._page_pairs = pairs
                self._context_rounds(raw, plist, confs, guesses, decisions, active, adjacent)
        finally:
            self.channel = general
            self._shift = base_shift
            self._adapted_keys = frozenset()
            self._page_pairs = {}
            self._lone_neighbours = {}
        out: list[Correction] = []
        suspects: list[Suspect] = []
        for i, p in enumerate(plist):
            d = decisions.get(i, _Decision())
            if d.after is not None and d.after != p.text:
                out.append(Correction(p.start, p.end, p.text, d.after, d.reason, d.score))
            elif d.suspect:
                suspects.append(Suspect(p.start, p.end, p.text, d.suspect))
            elif (c := confs.get(p.start)) is not None and c < self.settings.min_confidence:
                suspects.append(Suspect(p.start, p.end, p.text, "low-confidence"))
        return out, suspects

    def _word_chunks(self, raw: str, chunk_list: list[Chunk]) -> list[Chunk]:
        """The chunks to cut into words: where guillemets may be misread letters, those that quote
        are masked first (same offsets), so they stay out of the words."""
        if self._signs != INNER_SYMBOLS and (masked := mask_quoting_guillemets(raw)) != raw:
            return chunks(masked)
        return chunk_list

    def _page_word_pairs(self, plist: list[Piece], decisions: dict[int, _Decision]) -> dict[str, str]:
        """Words this page misreads the same way again and again (``tho`` for ``the``), from sure fixes.

        A fix made with full evidence several times tells how this page's print fails; where the
        same token stands between words that say nothing (a neighbour that is itself garbled), the
        page's habit is the evidence the context cannot give.
        """
        counts: dict[tuple[str, str], int] = {}
        for i, after in _sure_fixes(decisions):
            key = (plist[i].text.lower(), after.lower())
            counts[key] = counts.get(key, 0) + 1
        out: dict[str, str] = {}
        for (before, after), n in sorted(counts.items(), key=lambda kv: -kv[1]):
            if n >= _ADAPT_MIN_COUNT and before not in out:
                out[before] = after
        return out

    def _page_confusions(self, plist: list[Piece], decisions: dict[int, _Decision]) -> ConfusionModel | None:
        """Misreadings that recur among this page's confident fixes, as extra channel entries."""
        counts: dict[tuple[str, str], int] = {}
        letters: dict[str, int] = {}
        words: dict[tuple[str, str], set[str]] = {}
        sure = dict(_sure_fixes(decisions))
        for i, after in sure.items():
            before = plist[i].text
            for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, after, before, autojunk=False).get_opcodes():
                if tag != "equal" and i2 - i1 <= 2 and j2 - j1 <= 2 and after[i1:i2].isalpha():
                    key = (after[i1:i2], before[j1:j2])
                    counts[key] = counts.get(key, 0) + 1
                    words.setdefault(key, set()).add(before.lower())
        fixed = {plist[i].text for i in sure}
        lone: set[tuple[str, str]] = set()
        for observed, key in self._lone_neighbours.items():
            if observed not in fixed:
                counts[key] = counts.get(key, 0) + 1
                lone.add(key)
        recurring = {k: n for k, n in counts.items() if n >= _ADAPT_MIN_COUNT}
        if not recurring:
            return None
        # one word misread alike three times is one habit seen in one place, not a noisy page
        self._habits_spread = any(len(words.get(k, ())) >= _ADAPT_MIN_COUNT or k in lone for k in recurring)
        for p in plist:
            for ch in p.text:
                letters[ch] = letters.get(ch, 0) + 1
        extra: dict[str, list[tuple[str, float]]] = {}
        # the sure fixes are only some of the page's misreadings: the rest stay unknown words (no
        # safe fix yet). Counted alone they would rate the page's habits too rare by the share of
        # its unknown words that were fixed
        found = self._fixed_share(plist, sure.keys())
        for (intended, observed), n in recurring.items():
            base = min((letters.get(c, 0) for c in intended), default=0) + n
            extra.setdefault(observed, []).append((intended, min(_ADAPT_MAX_LOGP, math.log(n / found / base))))
        self._adapted_keys = self._adapted_keys | frozenset(extra)
        return self.channel.with_extra(extra)

    def _fixed_share(self, plist: list[Piece], sure: Container[int]) -> float:
        """The share of this page's unknown words (two signs or more) that have a sure fix, at least
        ``_ADAPT_MIN_SHARE``."""
        unknown = [i for i, p in enumerate(plist)
                   if p.kind in (Kind.WORD, Kind.MIXED) and len(p.text) > 1 and not self._in_word_lists(p.text.lower())]
        if not unknown:
            return 1.0
        return max(_ADAPT_MIN_SHARE, min(1.0, sum(1 for i in unknown if i in sure) / len(unknown)))

    def _lone_neighbour_swaps(self, plist: list[Piece]) -> dict[str, tuple[str, str]]:
        """Unknown small-letter words of this page that have one common word a single letter away:
        word -> (intended, observed) letter of that swap.

        A misreading the table rates rare (``a`` read as ``n``, ``e`` as ``u`` in old newspapers)
        never yields a sure fix, so the sure fixes alone cannot teach it; but when several
        unknown words each become one common word by the same swap (``nnd``, ``nre``, ``thnt``), the
        page shows that habit by itself (``_page_confusions`` counts each word once, unless it was
        fixed anyway). Old spellings (``owne``, ``vnto``) are not misreadings and do not count."""
        out: dict[str, tuple[str, str]] = {}
        seen: set[str] = set()
        alphabet = self._alphabet
        known = self._known
        for p in plist:
            text = p.text
            if p.kind is not Kind.WORD or not 3 <= len(text) <= policy.MAX_WORD_LEN or text in seen:
                continue
            seen.add(text)
            if not text.islower() or self.is_word(text) or policy.modern_form(text, self._in_word_lists):
                continue
            best: tuple[float, str, str] | None = None
            second = -math.inf
            for i, ch in enumerate(text):
                head, tail = text[:i], text[i + 1 :]
                for w in [head + c + tail for c in alphabet if c != ch]:
                    if w not in known:
                        continue
                    lp = self._lm(w, None, None, False)
                    if best is None or lp > best[0]:
                        second = best[0] if best is not None else second
                        best = (lp, w[i], ch)
                    else:
                        second = max(second, lp)
            if best is not None and best[0] >= policy.COMMON_WORD_LOGP and best[0] - second >= policy.RUNNER_UP_MARGIN:
                out[text] = (best[1], best[2])
        return out

    def _context_rounds(self, raw: str, plist: list[Piece], confs: dict[int, float], guesses: list[str],
                        decisions: dict[int, _Decision], active: list[bool], adjacent: list[bool]) -> None:
        use_context = self.context is not None
        todo = [i for i, p in enumerate(plist) if active[i] and p.kind is not Kind.NUMBER]
        todo += [i for i, p in enumerate(plist) if active[i] and p.kind is Kind.NUMBER]
        last = len(plist) - 1
        # under the page-adapted channel a sure fix can only change its score (fixes accumulate):
        # it is not searched again
        adapted = self.channel is not self._general
        for _round in range(_MAX_CONTEXT_ROUNDS):
            changed: set[int] = set()
            for i in todo:
                p = plist[i]
                old = decisions.get(i)
                if adapted and old is not None and old.after is not None and old.score >= _SETTLED_SCORE:
                    continue
                # a token split in two (in the) is context by its word next to this one
                prev_w = guesses[i - 1].rpartition(" ")[2] if i > 0 and adjacent[i - 1] else None
                next_w = guesses[i + 1].partition(" ")[0] if i < last and adjacent[i] else None
                d = self._decide_memo(raw, p, prev_w, next_w, confs.get(p.start), use_context)
                if d.after is None and old is not None and old.after is not None:
                    continue  # changes only accumulate: rounds converge instead of oscillating
                decisions[i] = d
                new_guess = (d.after if d.after is not None else p.text).lower()
                if new_guess != guesses[i]:
                    guesses[i] = new_guess
                    changed.add(i)
            todo = sorted({j for i in changed for j in (i - 1, i + 1) if 0 <= j <= last and active[j]})
            if not todo:
                break

    def _page_noise_and_age(self, raw: str, plist: list[Piece]) -> tuple[float, bool]:
        """How much noisier (> 0) or cleaner (< 0) this page is than the confusion table's training,
        and whether it prints old spellings.

        The halves of a word hyphenated at a line end are no words of their own: counted, a page
        whose dropped hyphens were put back would look noisier on its second run than on its first,
        which left them out as parts of the restored word. Old spellings of listed words (``owne``,
        ``vnto``) are no misreadings either.

        A page with ``policy.OLD_SPELLING_PAGE_MIN`` different old spellings or more prints old
        spelling: there a word one doubled or dropped letter, ``y``/``i`` or ``j``/``i`` from a
        dictionary word is an old spelling too (``untill``, ``wil``, ``iudge``). Elsewhere it is a
        misreading (``stil``, ``diferent`` in modern print read by Tesseract): one or two old forms
        (a quotation, a name) are still kept by their modern form alone."""
        lower = [p.text for p in plist if p.kind is Kind.WORD and p.text.islower() and not _line_end_half(raw, p)]
        listed = self._in_word_lists
        unknown = 0
        old: set[str] = set()
        for w in lower:
            if not listed(w):
                if policy.modern_form(w, listed) is None:
                    unknown += 1
                else:
                    old.add(w)
        mixed = sum(1 for p in plist if p.kind is Kind.MIXED)
        shift = policy.page_noise_shift(unknown + mixed, len(lower) + mixed, self.channel.error_rate)
        return shift, len(old) >= policy.OLD_SPELLING_PAGE_MIN

    def _always_kept(self, raw: str, p: Piece, conf: float | None) -> bool:
        """True when ``_decide`` keeps this piece in every context and round (checked in its order)."""
        if self.user_model.forced_after(p.text) is not None:
            return False
        if not self.lexicons:
            return True
        if p.kind is not Kind.WORD or "’" in p.text:
            return False
        text = p.text
        shape = case_shape(text)
        lower = text.lower()
        if shape == "upper" and (len(lower) < policy.CAPS_MIN_LEN or self.is_word(lower)):
            return True
        if not (self.is_word(lower) or _known_with_clitic(lower, self.is_word)):
            return False
        if conf is not None and conf >= self.settings.trusted_confidence:
            return True
        if len(lower) < 2:
            return not self._rare_lone_letter(text)
        if shape == "mixed" and self._small_letter_read_as_capital(text) is not None:
            return False
        if shape != "lower" and not _sentence_start(raw, p.start):
            return self._i_case_fix(raw, p) is None
        # _decide_real_word's own first test
        return len(lower) > policy.REAL_WORD_MAX_LEN or self._lm(lower, None, None, False) > policy.REAL_WORD_MAX_LOGP

    def _decide_memo(self, raw: str, p: Piece, prev_w: str | None, next_w: str | None, conf: float | None,
                     use_context: bool) -> _Decision:
        """``_decide``, remembered for the page: words repeat, and every round decides each one again.

        The key holds everything ``_decide`` reads besides the user model, which stays fixed while
        a page is corrected: the token and its kind, the confidence as the policy buckets it, the
        characters around it that the rules look at, whether it starts a sentence, the context
        words, the channel (the page-adapted one only matters to tokens holding one of its
        adapted misreadings), the page's learned word pair for the token, and the noise shift.
        """
        text = p.text
        bucket = None if conf is None else (conf < self.settings.min_confidence,
                                            conf >= self.settings.trusted_confidence)
        adapted = -1
        if self.channel is not self._general:
            alt = text.replace("’", "'")
            if any(k in text or k in alt for k in self._adapted_keys):
                adapted = self._page_id
        if p.kind is Kind.NUMBER:
            around: object = (raw[p.start - 1 : p.start], raw[p.end : p.end + 1])
        elif p.kind is Kind.MIXED or not text.islower():
            # the case of a fix follows the sentence: whether one starts here, or goes on
            around = (raw[p.end : p.end + 1], _sentence_start(raw, p.start), _inside_lower_case_text(raw, p.start))
        else:
            around = raw[p.end : p.end + 1]
        if raw[p.end : p.end + 1] == "(":
            around = (around, _is_call(raw, p.end))  # Name(s) is judged, readline() is not
        if text[:1] == "I" and len(text) <= policy.SMALL_I_MAX_LEN:
            around = (around, self._i_case_fix(raw, p))  # In mid-sentence: a misread small i
        key = (text, p.kind, bucket, around, prev_w, next_w, use_context, adapted, self._page_pairs.get(text.lower()),
               self._shift)
        d = self._decisions.get(key)
        if d is None:
            d = self._sentence_case(raw, p, self._decide(raw, p, prev_w, next_w, conf, use_context=use_context))
            self._decisions[key] = d
        return d

    def _sentence_case(self, raw: str, p: Piece, d: _Decision) -> _Decision:
        """The case of a fix whose first letter was misread comes from the sentence, not from the
        misread glyph: ``Ihe`` and ``Irom`` mid-sentence are ``the`` and ``from`` (a capital I or L
        stands for a small l, t or f), and ``1f`` and ``lnformation`` opening a sentence are ``If``
        and ``Information``."""
        after = d.after
        if not after or d.reason not in _CASED_REASONS or after[:1].lower() == p.text[:1].lower():
            return d
        first = p.text[:1]
        if first.isupper() and not p.text.isupper():
            if _inside_lower_case_text(raw, p.start) and self._is_common(after.lower()):
                after = after[:1].lower() + after[1:]
        elif (not first.isalpha() or (first == "l" and after[:1] == "i")) and after[:1].islower() \
                and _sentence_start(raw, p.start) and not _after_abbreviation(raw, p.start):
            # a capital I is drawn like a small l: lnformation opening a sentence is Information
            after = after[:1].upper() + after[1:]
        if after == d.after:
            return d
        if self.user_model.has_pairs() and self.user_model.is_rejected(p.text, after):
            return _Decision()  # the proofreader rejected this very change before
        return dataclasses.replace(d, after=after)

    def _decide(self, raw: str, p: Piece, prev_w: str | None, next_w: str | None, conf: float | None,
                *, use_context: bool) -> _Decision:
        um = self.user_model
        if um.is_never_change(p.text):
            return _Decision()
        forced = um.forced_after(p.text)
        if forced is not None:
            return _Decision(forced, 1.0, "user-pair")
        if um.leave_as_read(p.text):
            return _Decision()
        if p.text.lower() in self._user_words:
            return _Decision()
        if not self.lexicons:
            return _Decision()
        if _LIGATURES_RE.search(p.text):
            # a typographic ligature (ﬁ, ﬂ, ﬀ) is two or three letters: decide on them, and write
            # them out either way, so the text can be searched and spell-checked
            plain = p.text.translate(_LIGATURES)
            cased = [c for c in p.text if c.isalpha() and not _LIGATURES_RE.match(c)]
            if cased and all(c.isupper() for c in cased):
                plain = plain.upper()  # ﬁNAL in a heading is FINAL
            d = self._decide(raw, dataclasses.replace(p, text=plain), prev_w, next_w, conf, use_context=use_context)
            return d if d.after is not None else _Decision(plain, 1.0, "ligature", d.suspect)
        if "’" in p.text and p.kind is not Kind.NUMBER:
            # the word lists spell apostrophes straight: decide on that, answer in the page's style
            d = self._decide(raw, dataclasses.replace(p, text=p.text.replace("’", "'")), prev_w, next_w, conf,
                             use_context=use_context)
            return d if d.after is None else dataclasses.replace(d, after=d.after.replace("'", "’"))
        low_conf = conf is not None and conf < self.settings.min_confidence
        bonus = policy.LOW_CONFIDENCE_BONUS if low_conf else 0.0
        following = raw[p.end : p.end + 1]
        shape = case_shape(p.text)
        if p.kind is Kind.NUMBER:
            return self._decide_lone_digit(raw, p, prev_w, next_w, use_context)
        if len(p.text) > policy.MAX_WORD_LEN:
            # run-together text or a barcode read as letters: no word is a few slips away, and
            # searching the edits of a very long string costs seconds
            return _Decision(suspect="unknown-word")
        if following == "(" and _is_call(raw, p.end):
            # a function in code or its documentation: readline(), print(
            known_word = self.is_word(p.text.lower())
            return _Decision() if known_word or p.kind is Kind.MIXED else _Decision(suspect="unknown-word")
        if p.kind is Kind.MIXED:
            if (policy.looks_like_code(p.text) or policy.is_ordinal_or_unit(p.text)
                    or policy.is_numbered_name(p.text, self._in_word_lists)
                    or policy.series_stem(p.text) in self._series):
                return _Decision()
            if p.text[:1] == "@" and p.text[1:].isdigit():
                return _Decision()  # "2 @6.00" on a receipt: at that price
            if policy.is_handle(p.text, self._in_word_lists):
                # @alice, $HOME: left as written, but a $tatcment misread twice should not hide
                return _Decision(suspect="unknown-word")
            if p.text[0].isdigit() and (following == "." or not use_context):
                # "4s." is four shillings; a digit-initial word needs context to be read as letters
                return _Decision(suspect="no-safe-fix") if not use_context else _Decision()
            return self._decide_mixed(raw, p, prev_w, next_w, bonus, use_context)
        # plain letters
        lower = p.text.lower()
        known = self.is_word(lower) or _known_with_clitic(lower, self.is_word)
        if shape == "upper":
            if known or len(lower) < policy.CAPS_MIN_LEN:
                return _Decision()  # ALL-CAPS: headings, abbreviations (GST, SDN BHD)
            # a long unknown ALL-CAPS token: a heading or form label misread (OESCRIPTION)
            return self._decide_word(p, prev_w, next_w, policy.log_p_unknown(p.text), bonus, use_context,
                                     need_context=False, protect_known=True)
        if known:
            trusted = conf is not None and conf >= self.settings.trusted_confidence
            if len(lower) < 2 and not trusted and self._rare_lone_letter(p.text):
                if p.text == "l" and use_context and (pronoun := self._pronoun_i(raw, p, prev_w, next_w)) is not None:
                    return pronoun
                return self._lone_letter_habit(p, prev_w, next_w)
            if len(lower) < 2 or trusted:
                return _Decision()
            if shape == "mixed" and (recased := self._small_letter_read_as_capital(p.text)) is not None:
                return _Decision(recased, 0.9, "ocr-confusion")
            if shape != "lower" and (not _sentence_start(raw, p.start) or _after_title(raw, p.start)):
                recased = self._i_case_fix(raw, p)
                if recased is not None:
                    return _Decision(recased, 0.8, "ocr-confusion")
                return _Decision()  # a capitalised real word mid-sentence (or after Mr., e.g.): a name
            if not use_context or (lower in ABBREVIATIONS and following.startswith(".")):
                return _Decision()  # Mr. at a sentence start is no misread My.
            return self._decide_real_word(p, prev_w, next_w, bonus)
        if policy.is_abbreviation(p.text, following):
            return _Decision()
        keep_lm = policy.log_p_unknown(p.text)
        made_of = self._made_of_logp(lower)
        if made_of is not None:
            # compiler, readline, redistributions: likely a word the lists lack; only a strong
            # misreading (cornfort -> comfort, acress -> across) still outweighs that
            keep_lm = max(keep_lm, made_of)
        if shape == "title" and not _sentence_start(raw, p.start) and (
                len(lower) < policy.LABEL_MIN_LEN or _inside_lower_case_text(raw, p.start)):
            # most likely a name: only a much stronger case changes it (a capital opening a form's
            # field or a line of labels says nothing of the kind, unless the token is so short
            # that it may be any scrap of a stamp or a logo)
            # -- unless the word it would become is printed elsewhere on this page, capitalised
            # inside a sentence too: the Senate beside the Senato, Budjong Creek beside Tumut
            # Croek (a name is rarely one slip from such a word of its own page; 'him' or 'the'
            # printed anywhere says nothing about 'Wim' or 'Thom')
            ranked = self._rank(p.text, prev_w, next_w, use_context)
            if not (ranked and ranked[0][1] in self._page_vocab):
                bonus -= policy.PROPER_NOUN_EXTRA_MARGIN
        d = self._decide_word(p, prev_w, next_w, keep_lm, bonus, use_context,
                              need_context=False, protect_known=True)
        if d.after is None and d.suspect != "spelling-variant" and use_context and p.text[1:].islower():
            # (not NotImplemented: a capital inside is a name in code)
            split = self._lost_space(raw, p, prev_w, next_w, keep_lm, bonus)
            if split is not None:
                return split
        if d.after is None and d.suspect is None:
            return _Decision(suspect="unknown-word")
        return d

    def _lost_space(self, raw: str, p: Piece, prev_w: str | None, next_w: str | None, keep_lm: float,
                    bonus: float) -> _Decision | None:
        """``inthe`` -> ``in the``: two words whose space the OCR lost, where no single word fits.

        Only a pair of words that running text writes side by side (the context list holds the pair),
        one of them a common short word (in, the, it, is, be: ``notbe``, ``Aninstance``), so that a
        compound the lists lack stays as printed (dataset, nonconservative, reimplementations)."""
        cm = self.context
        lower = p.text.lower()
        if cm is None or len(lower) < policy.LOST_SPACE_MIN_LEN or _line_end_half(raw, p):
            return None
        if raw[p.start - 1 : p.start] in _CODE_NEIGHBOURS or raw[p.end : p.end + 1] in _CODE_NEIGHBOURS:
            return None  # `inplace`, inplace=True, [, inplace[: a name in code, one word however made
        splits: list[tuple[float, str, str]] = []
        for i in range(1, len(lower)):
            a, b = lower[:i], lower[i:]
            if (len(a) == 1 and a not in "ai") or (len(b) == 1 and b != "a"):
                continue
            if not (self.is_word(a) and self.is_word(b)) or cm.log_count(f"{a} {b}") is None:
                continue
            ua, ub = self._lm(a, None, None, False), self._lm(b, None, None, False)
            if max(ua, ub) < policy.LOST_SPACE_COMMON_LOGP:
                continue
            score = (ua + ub + cm.pmi(a, b) + (cm.pmi(prev_w, a) if prev_w else 0.0)
                     + (cm.pmi(b, next_w) if next_w else 0.0) + policy.LOST_SPACE_LOGP)
            splits.append((score, a, b))
        if not splits:
            return None
        splits.sort(reverse=True)
        score, a, b = splits[0]
        margin = score - (self.channel.keep_logp(p.text) + keep_lm) + policy.nonword_shift(self._shift)
        if margin < policy.NONWORD_MARGIN - bonus:
            return None
        rivals = [s for s, _, _ in splits[1:2]] + [s for s, _ in self._rank(p.text, prev_w, next_w, True)[:1]]
        if any(score - r < policy.RUNNER_UP_MARGIN for r in rivals):
            return None
        first = a.upper() if a == "i" else (a[0].upper() + a[1:] if p.text[0].isupper() else a)
        return _Decision(f"{first} {b}", round(1.0 / (1.0 + math.exp(-margin)), 4), "lost-space")

    def _decide_mixed(self, raw: str, p: Piece, prev_w: str | None, next_w: str | None, bonus: float,
                      use_context: bool) -> _Decision:
        """A word with digits or signs inside (``typ0s``, ``1s``, ``wi||``), once the codes, units and
        names ``_decide`` keeps are out of the way."""
        text = p.text
        only: set[str] | None = None
        # a letter and digits only (x1, c0, a11: a symbol of a formula or a code), and a digit first
        # (1s, 0f: four shillings, 2x), are read as letters only where the neighbours want the
        # word (1s -> is, t0 -> to) ...
        need_context = (text[0].isdigit() or (len(text) == 2 and text[1].isdigit())
                        or (text[0].isalpha() and text[1:].isdigit()))
        if text[0] in DIGIT_LETTERS and sum(c.isalpha() for c in text) >= 3 and not self.is_word(text[1:].lower()):
            # ... but a digit drawn like a letter before three letters or more that are no word
            # themselves is that letter (1azy -> lazy, 0nly): the margins judge it alone, and only
            # that reading counts (1mile, 5cents, 8cores are a number and a word; 1gen no Hagen)
            need_context = False
            only = {c + text[1:].lower() for c in DIGIT_LETTERS[text[0]]}
        if text.endswith("||"):
            # 'll' read as '||': only that reading, and not in a path (C:\Users\wi||\file)
            if raw[p.start - 1 : p.start] in ("\\", "/") or raw[p.end : p.end + 1] in ("\\", "/"):
                return _Decision()
            only = {text[:-2].lower() + "ll"}
        d = self._decide_word(p, prev_w, next_w, policy.LOG_P_UNKNOWN_MIXED, bonus, use_context,
                              need_context=need_context, protect_known=False, only=only)
        if d.after is not None and d.after == text.strip(MISREAD_GUILLEMETS):
            # the word stands as printed without the guillemet: more likely a quote mark than a
            # letter (a quote that opens in one paragraph and closes in another), left to the
            # quote setting
            return _Decision(suspect="no-safe-fix")
        return d

    def _candidates(self, text: str, *, real_word: bool = False) -> dict[str, float]:
        """Memoised candidates: learned confusions plus one arbitrary edit (``aud`` -> ``and``: a
        confusion the Tesseract-trained table never saw), at most two edits for a real word."""
        # three edits only in long words: in a short one they can reach almost any word
        edits = self.settings.max_edits if len(text) >= 6 else min(2, self.settings.max_edits)
        if real_word:
            edits = min(2, edits)
        adapted = self.channel is not self._general and any(k in text for k in self._adapted_keys)
        got = self._candidates_narrow(text, edits, adapted)
        # a word misread in several places loses its way in the search's small beam: when it finds
        # nothing, the wide search looks at the words spelled alike. Only on a page noisier than
        # the table's training, where several misreadings in one word are to be expected, and not
        # for a capitalised token: mostly names, which that search would only map onto common words
        if (not got and not real_word and self._shift > 0 and len(text) >= wide_search.MIN_LEN and text.isalpha()
                and text[0].islower()):
            return self._wide_candidates(text, adapted)
        return got

    def _wide_candidates(self, text: str, adapted: bool) -> dict[str, float]:
        # on a noisy page each further misreading is as much likelier as the first (whose share
        # the decision adds for every candidate)
        noise = round(max(0.0, policy.nonword_shift(self._shift)), 2)
        key = (-1, self._page_id if adapted else -1, text, noise)
        got = self._cand_cache.get(key)
        if got is None:
            found = wide_search.wide_candidates(text.lower(), self._pool(), self.channel, self._alphabet, noise)
            got = {w: lp - noise for w, lp in found.items()}
            if len(self._cand_cache) > _CANDIDATE_CACHE_MAX:
                self._cand_cache.clear()
            self._cand_cache[key] = got
        return got

    def _pool(self) -> wide_search.WordPool:
        """The wide search's words: the language's words common enough to be shown by it."""
        lexicons = self.lexicons

        def words() -> Iterator[str]:
            for lex in lexicons:
                # a word at the lists' floor count is one they know little about (most of German's)
                least = max(lex.total * math.exp(wide_search.MIN_WORD_LOGP), FLOOR_COUNT + 1.0)
                yield from (w for w, c in lex.counts.items() if c >= least)

        return wide_search.word_pool(tuple(lexicons), words)

    def _candidates_narrow(self, text: str, edits: int, adapted: bool) -> dict[str, float]:
        if not adapted:
            shared = self._general_cands
            got = shared.get((edits, text))
            if got is None:
                got = self._with_same_glyphs(text, generate(text, self._general, self._known, edits, self._alphabet))
                if len(shared) > _CANDIDATE_CACHE_MAX:
                    shared.clear()
                shared[(edits, text)] = got
            return got
        key = (edits, self._page_id, text)
        got = self._cand_cache.get(key)
        if got is None:
            got = self._with_same_glyphs(text, generate(text, self.channel, self._known, edits, self._alphabet))
            if len(self._cand_cache) > _CANDIDATE_CACHE_MAX:
                self._cand_cache.clear()
            self._cand_cache[key] = got
        return got

    def _with_same_glyphs(self, text: str, got: dict[str, float]) -> dict[str, float]:
        """``got`` plus the words that reading each repeated digit or sign of ``text`` the same
        way everywhere makes (``sma11`` -> ``small``), where that is likelier."""
        if text.isalpha():
            return got
        extra = same_glyph_words(text, self.channel, self._known)
        if not extra:
            return got
        merged = dict(got)
        for w, lp in extra.items():
            if lp > merged.get(w, -math.inf):
                merged[w] = lp
        return merged

    def _lm(self, word: str, prev_w: str | None, next_w: str | None, use_context: bool) -> float:
        """log P(word) plus context PMI."""
        cm = self.context
        lp = self._unigrams.get(word)
        if lp is None:
            lp = self._unigram(word)
        if use_context and cm is not None:
            if prev_w:
                lp += cm.pmi(prev_w, word)
            if next_w:
                lp += cm.pmi(word, next_w)
        return lp

    def _unigram(self, word: str) -> float:
        """log P(word) without context, remembered (every candidate of every word asks)."""
        cm = self.context
        lp: float | None = None
        if cm is not None:
            lc = cm.log_count(word)
            if lc is not None:
                lp = lc - cm.log_total
        if lp is None:
            lp = max((v for v in (lex.logp(word) for lex in self.lexicons) if v is not None), default=None)
        if lp is None:
            lp = policy.LOG_P_UNKNOWN_WORD  # user-dictionary words
        if len(self._unigrams) > _WORD_CACHE_MAX:
            self._unigrams.clear()
        self._unigrams[word] = lp
        return lp

    def _ctx_gain(self, word: str, prev_w: str | None, next_w: str | None) -> float:
        cm = self.context
        if cm is None:
            return 0.0
        return (cm.pmi(prev_w, word) if prev_w else 0.0) + (cm.pmi(word, next_w) if next_w else 0.0)

    def _rank(self, text: str, prev_w: str | None, next_w: str | None, use_context: bool,
              *, real_word: bool = False) -> list[tuple[float, str]]:
        cands = self._candidates(text, real_word=real_word)
        keep = self.channel.keep_logp(text)
        apostrophes = text.count("'")
        um = self.user_model
        lm = self._lm
        ranked = [
            (keep + ch + lm(w, prev_w, next_w, use_context), w)
            for w, ch in cands.items()
            # an apostrophe is printed on purpose: a candidate that drops or adds one is a
            # different word (Distributor's -> Distributors)
            if w.count("'") == apostrophes
        ]
        if um.has_pairs():
            ranked = [(s, w) for s, w in ranked if not um.is_rejected(text, apply_case(w, text))]
        ranked.sort(reverse=True)
        return ranked

    def _decide_word(self, p: Piece, prev_w: str | None, next_w: str | None, keep_lm: float, bonus: float,
                     use_context: bool, *, need_context: bool, protect_known: bool,
                     only: set[str] | None = None) -> _Decision:
        ranked = self._rank(p.text, prev_w, next_w, use_context)
        if only is not None:
            ranked = [r for r in ranked if r[1] in only]
        if not ranked:
            return _Decision(suspect="no-safe-fix")
        if protect_known:
            top = [w for _, w in ranked[:5]]
            if (policy.modern_form(p.text, self._in_word_lists) is not None
                    or policy.has_spelling_variant(p.text, top, lost_doubles=False)):
                return _Decision(suspect="spelling-variant")  # hee, owne, colour: a real spelling, not OCR
            # a single letter where a word has two (stil, wil): an old spelling on a page that
            # prints them, elsewhere a lost letter, which only the word with it restored may replace
            # (arange, no misread orange)
            if policy.has_spelling_variant(p.text, top) and (
                    self._old_spelling_page or not p.text.islower()
                    or not policy.has_spelling_variant(p.text, top[:1])):
                return _Decision(suspect="spelling-variant")
        keep_score = self.channel.keep_logp(p.text) + keep_lm
        best_score, best = ranked[0]
        runner = ranked[1][0] if len(ranked) > 1 else -math.inf
        # the page's noise level moves the odds of "misread" against "right as written", once per
        # word: applied per edit it would reorder candidates, and a second run (on a cleaner page)
        # could then choose differently
        margin = best_score - keep_score + policy.nonword_shift(self._shift)
        # a token with digits or symbols inside letters is wrong as it stands: the choice is only
        # between candidates, so a smaller lead suffices (the low score flags it for review)
        runner_margin = policy.RUNNER_UP_MARGIN_MIXED if p.kind is Kind.MIXED else policy.RUNNER_UP_MARGIN
        if margin < policy.NONWORD_MARGIN - bonus or best_score - runner < runner_margin - bonus:
            return _Decision(suspect="no-safe-fix")
        if need_context and self._ctx_gain(best, prev_w, next_w) <= 0.0:
            return _Decision(suspect="no-safe-fix")
        after = apply_case(best, p.text)
        score = 1.0 / (1.0 + math.exp(-min(margin, best_score - runner)))
        return _Decision(after, round(score, 4), "ocr-confusion")

    def _decide_real_word(self, p: Piece, prev_w: str | None, next_w: str | None, bonus: float) -> _Decision:
        lower = p.text.lower()
        if len(lower) > policy.REAL_WORD_MAX_LEN or self._lm(lower, None, None, False) > policy.REAL_WORD_MAX_LOGP:
            return _Decision()  # a common word: OCR errors rarely produce one, and checking all costs time
        ranked = self._rank(p.text, prev_w, next_w, True, real_word=True)
        keep_score = self.channel.keep_logp(p.text) + self._lm(lower, prev_w, next_w, True)
        # a small-letter word only the spelling list holds (ts, ta, cither), which running text as
        # counted for the context model never uses, is hardly better evidence than a non-word:
        # between two words of running text (both in the context list: no variable n, no sudo)
        # the context need not prefer the candidate, only not object to it
        cm = self.context
        unused = (p.text.islower() and cm is not None and cm.log_count(lower) is None
                  and prev_w is not None and cm.log_count(prev_w) is not None
                  and next_w is not None and cm.log_count(next_w) is not None)
        noisy = len(lower) >= 3 and self._shift > 0.0
        for score, w in ranked[:3]:
            if w == lower:
                continue
            need = policy.REAL_WORD_MARGIN_NOISY if noisy else policy.REAL_WORD_MARGIN
            if score - keep_score + self._shift < need - bonus:
                break
            gain = self._ctx_gain(w, prev_w, next_w) - self._ctx_gain(lower, prev_w, next_w)
            # the page's own habit stands in for context, as long as the context does not object
            # and on a page noisier than the table's training, where real-word slips are as much
            # likelier as any slip, the context needs to prefer the candidate by as much less
            min_gain = 0.0 if unused or self._page_pairs.get(lower) == w else max(
                0.0, policy.REAL_WORD_MIN_CONTEXT_GAIN - max(0.0, self._shift))
            margin = score - keep_score + self._shift
            # far likelier than the word as printed (tho -> the, homo -> home), the reading needs
            # the context only not to object: bigram counts rarely favour a word as common as
            # "the". Not for two letters, which abbreviations and symbols (ln, ct) often are
            sure = len(lower) >= 3 and margin >= policy.REAL_WORD_SURE_MARGIN and gain >= policy.CONTEXT_OBJECTION
            # so does a common word one misreading away that this page makes all the time (aud
            # for and, where n is read as u again and again): the habit is the evidence the
            # bigrams cannot give. Not for a capitalised word (Laud, Hero: names as often), and
            # such a fix is no sure fix to learn the habit from again
            habit = (not sure and gain < min_gain and gain >= policy.CONTEXT_OBJECTION and p.text.islower()
                     and self._is_common(w) and self._page_habit(w, lower))
            if gain < min_gain and not sure and not habit:
                continue
            score = round(1.0 / (1.0 + math.exp(-margin / 2)), 4)
            if habit:
                score = min(score, _HABIT_ONLY_SCORE)
            return _Decision(apply_case(w, p.text), score, "real-word-confusion")
        return _Decision()

    def _page_habit(self, word: str, token: str) -> bool:
        """Whether ``token`` differs from ``word`` by one misreading this page makes habitually
        (its adapted channel rates it at least ``policy.PAGE_HABIT_LOGP``)."""
        if not self._adapted_keys:
            return False
        blocks = wide_search.edit_runs(word, token)
        if len(blocks) != 1:
            return False
        i1, i2, j1, j2 = blocks[0]
        observed, intended = token[j1:j2], word[i1:i2]
        return observed in self._adapted_keys and any(
            s == intended and lp >= policy.PAGE_HABIT_LOGP for s, lp in self.channel.reverse.get(observed, ()))

    def _rare_lone_letter(self, text: str) -> bool:
        """A small letter standing alone that running text hardly ever holds as a word (``n``,
        ``u``; unlike ``a`` and ``i``): the context list does not know it."""
        return len(text) == 1 and text.islower() and self.context is not None and self.context.log_count(text) is None

    def _lone_letter_habit(self, p: Piece, prev_w: str | None, next_w: str | None) -> _Decision:
        """``is n democracy`` -> ``is a democracy`` on a page that misreads ``a`` as ``n`` again and
        again (learned from its own words, see ``_page_confusions``): a lone rare letter between
        two words is the one-letter word the page habitually turns into it, where both word pairs
        are attested. The general table alone never decides this (``n`` may be a variable)."""
        cm = self.context
        if cm is None or p.text not in self._adapted_keys or not (prev_w and next_w):
            return _Decision()  # no neighbour on one side (n, then): nothing to go by there
        # a neighbour of digits or signs (n = 1, n > 2) is the company of a variable: no reading;
        # a garbled word says nothing either way, and the other one must vouch for it alone
        if not (prev_w.replace("'", "").isalpha() and next_w.replace("'", "").isalpha()):
            return _Decision()
        sides = [w for w in (prev_w, next_w) if self.is_word(w)]
        if not sides:
            return _Decision()
        for intended, lp in self.channel.reverse.get(p.text, ()):
            if lp < policy.LONE_LETTER_HABIT_LOGP:
                break
            if len(intended) == 1 and intended.islower() and cm.log_count(intended) is not None:
                if (prev_w in sides and cm.log_count(f"{prev_w} {intended}") is None) or (
                        next_w in sides and cm.log_count(f"{intended} {next_w}") is None):
                    return _Decision()
                return _Decision(intended, 0.7, "ocr-confusion")
        return _Decision()

    def _small_letter_read_as_capital(self, text: str) -> str | None:
        """``typOs`` -> ``typos``: a word in small letters but for one capital of the same shape inside
        it (the caller checks the result is a word). Names with inner capitals start with a capital
        (McDonald, JavaScript) or use a capital of another shape (iPhone, eBay); a capital that
        starts the second of two common words is a name in code (setUp, isSet)."""
        uppers = [i for i, ch in enumerate(text) if ch.isupper()]
        if (len(text) < 4 or len(uppers) != 1 or uppers[0] == 0 or not text[0].islower()
                or text[uppers[0]] not in _SAME_SHAPE_CAPITALS):
            return None  # (short scraps such as eS on a receipt say too little)
        head, tail = text[: uppers[0]].lower(), text[uppers[0] :].lower()
        if len(head) > 1 and len(tail) > 1 and self._is_common(head) and self._is_common(tail):
            return None
        return text.lower()

    def _i_case_fix(self, raw: str, p: Piece) -> str | None:
        """The word in small letters where OCR took a small i for a capital I, else None.

        ``In``, ``It``, ``Is`` in the middle of running text become ``in``, ``it``, ``is``: only short,
        very common words (a capital I mid-sentence on such a word is no name), between a word in
        small letters on the same line and one that goes on in small letters (a title in capitals,
        ``Made In Britain``, has capitals around it; a line that starts with a capital may start a
        sentence whose full stop is missing). (The reverse, ``if`` after a full stop, is left: a
        lower-case abbreviation such as ``approx.`` closes no sentence.)"""
        text = p.text
        if not (text[:1] == "I" and 2 <= len(text) <= policy.SMALL_I_MAX_LEN and text[1:].islower()):
            return None
        if self.lang_codes != ["en"]:
            return None  # German writes Ihr, Ihre with a capital inside sentences on purpose
        lower = text.lower()
        if self._lm(lower, None, None, False) < policy.SMALL_I_MIN_LOGP:
            return None
        nxt = _SMALL_WORD_AFTER_RE.match(raw, p.end)  # the next word, in small letters
        if nxt is None or not _after_small_word(raw, p.start):
            return None
        # ``said It is``: speech opening without quotes; ``the In\nsane``: half of a broken word
        before = raw[max(0, p.start - 12) : p.start].split()
        if before and before[-1].lower().strip(",") in policy.SPEECH_VERBS:
            return None
        if "\n" in nxt.group() and self.is_word(lower + nxt.group().strip()):
            return None
        return lower

    def _pronoun_i(self, raw: str, p: Piece, prev_w: str | None, next_w: str | None) -> _Decision | None:
        """``1 think so``, ``l am sure`` -> ``I``: a lone 1 or l that opens a sentence (or a clause,
        after a comma) or follows a word running text puts before "I" (that, when, so), before a word
        in small letters that running text puts after "I" (am, think, was: the context list holds
        the pair and "I" is no rarer before it than anywhere).

        A count, a time or a variable reads otherwise: ``Step 1 of``, ``buy 1 apple``, ``1 is``,
        ``until 1 am``, ``Line 1: 1 was blank`` (a 1 among other digits is a number), ``for l in``,
        ``and l was chosen`` (after "and" the pronoun is too rare to tell from a symbol)."""
        cm = self.context
        if cm is None or not next_w or not next_w.isalpha() or _SMALL_WORD_AFTER_RE.match(raw, p.end) is None:
            return None
        if raw[p.end : p.end + 1] not in (" ", "\t") or raw[p.start - 1 : p.start] not in _PRONOUN_BEFORE:
            return None
        if cm.log_count(f"i {next_w}") is None or cm.pmi("i", next_w) < policy.PRONOUN_I_MIN_PMI:
            return None
        if p.text.isdigit():
            if next_w in ("am", "pm"):
                return None  # 1 am: a time
            line_start = raw.rfind("\n", 0, p.start) + 1
            line_end = raw.find("\n", p.end)
            line = raw[line_start : len(raw) if line_end < 0 else line_end]
            if sum(ch.isdigit() for ch in line) > 1:
                return None  # among other numbers a 1 is one of them
        if prev_w is None:
            before = raw[max(0, p.start - 40) : p.start].rstrip(" \t")
            if not (_sentence_start(raw, p.start) or before.endswith(",")):
                return None
        elif not (prev_w.isalpha() and cm.log_count(f"{prev_w} i") is not None
                  and cm.pmi(prev_w, "i") >= policy.PRONOUN_I_MIN_PMI_BEFORE):
            return None
        return _Decision("I", 0.8, "ocr-confusion")

    def _decide_lone_digit(self, raw: str, p: Piece, prev_w: str | None, next_w: str | None,
                           use_context: bool) -> _Decision:
        """``is 4 sample`` -> ``is a sample``: only a single character between two words, on context."""
        if p.text == "1" and use_context and (pronoun := self._pronoun_i(raw, p, prev_w, next_w)) is not None:
            return pronoun
        cm = self.context
        if len(p.text) != 1 or not use_context or cm is None or not prev_w or not next_w:
            return _Decision()
        if not (prev_w.isalpha() and next_w.isalpha()):
            return _Decision()
        if raw[p.start - 1 : p.start] != " " or raw[p.end : p.end + 1] != " ":
            return _Decision()
        best: tuple[float, str] | None = None
        for w, ch in self._candidates(p.text).items():
            if not w.isalpha():
                continue
            lb = cm.log_count(f"{prev_w} {w}")
            la = cm.log_count(f"{w} {next_w}")
            if lb is None or la is None:
                continue  # both bigrams must be attested
            gain = cm.pmi(prev_w, w) + cm.pmi(w, next_w)
            s = gain + ch
            if gain >= policy.LONE_DIGIT_MIN_PMI and (best is None or s > best[0]):
                best = (s, w)
        if best is None:
            return _Decision()
        return _Decision(best[1], 0.7, "lone-digit")


_alphabets: dict[str, str] = {}


#: what may stand right before a lone 1 or l read as "I": nothing or white space
_PRONOUN_BEFORE = frozenset(("", " ", "\t", "\n"))
#: signs beside a name in code (quoted, assigned, indexed, joined with _ or a path): not split
_CODE_NEIGHBOURS = frozenset("`_=[]/\\<>{}")


def _alphabet_of(lex: Lexicon) -> str:
    """Letters of the language, from its most frequent words (accents for fra/deu); cached."""
    cached = _alphabets.get(lex.lang)
    if cached is not None:
        return cached
    letters: set[str] = set()
    for i, w in enumerate(lex.counts):
        letters.update(c for c in w if c.isalpha())
        if i > 5000:
            break
    _alphabets[lex.lang] = "".join(sorted(letters))
    return _alphabets[lex.lang]


#: endings written after an apostrophe: a known word plus one of them is a known word
_CLITICS = frozenset(("s", "d", "ll", "re", "ve", "t", "m"))
#: Latin typographic ligatures, as the letters they join
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_LIGATURES_RE = re.compile("[ﬀﬁﬂﬃﬄﬅﬆ]")


def _known_with_clitic(lower: str, is_word: Callable[[str], bool]) -> bool:
    """``distributor's``, ``company's``, ``they'll``: the lists hold few such forms."""
    stem, sep, ending = lower.rpartition("'")
    return bool(sep) and ending in _CLITICS and len(stem) > 1 and is_word(stem)


def _sure_fixes(decisions: dict[int, _Decision]) -> Iterator[tuple[int, str]]:
    """(piece index, replacement) of the fixes sure enough to teach the page's habits."""
    for i, d in decisions.items():
        if d.after is not None and d.score >= _ADAPT_MIN_SCORE and d.reason in _ADAPT_REASONS:
            yield i, d.after


_BEFORE_LINE_BREAK_RE = re.compile(r"-[ \t]*\r?\n")
_AFTER_LINE_BREAK_RE = re.compile(r"[^\W\d_]-[ \t]*\r?\n[ \t]*\Z")


def _line_end_half(raw: str, p: Piece) -> bool:
    """Whether ``p`` ends a line with a hyphen or starts the line after one (``con-`` / ``tinued``)."""
    before = raw[max(0, p.start - 40) : p.start]
    return bool(_BEFORE_LINE_BREAK_RE.match(raw, p.end)) or bool(_AFTER_LINE_BREAK_RE.search(before))


def _inside_any(raw: str, p: Piece, spans: list[Correction]) -> bool:
    """Pieces that a hyphen join covers, or whose first half it continues, are left to the join;
    so are both fragments around a restored hyphen."""
    for c in spans:
        if c.start <= p.start < c.end or p.end == c.start:
            return True
        if c.start == c.end and p.start > c.start and not raw[c.start : p.start].strip():
            return True
    return False


#: what follows a word in parentheses when it is no call: Name(s), document(s), section(a), part(iv), note(2)
_NOT_A_CALL_RE = re.compile(r"\((?:s|es|ies|[a-z]|[ivxlc]+|\d+)\)", re.IGNORECASE)


def _is_call(raw: str, end: int) -> bool:
    """Whether the ``(`` at ``end`` opens a call's arguments (``readline()``, ``open(path``), not
    a parenthesised ending or label (``Name(s)``, ``section(a)``)."""
    return raw[end : end + 1] == "(" and _NOT_A_CALL_RE.match(raw, end) is None


def _adjacent(raw: str, a: Piece, b: Piece) -> bool:
    # judged without spaces, which normalisation may change (idempotence)
    between = raw[a.end : b.start]
    marks = "".join(between.split())
    return len(marks) <= 2 and "\n\n" not in between and not any(ch in _CLAUSE_BREAK for ch in marks)


def _inside_lower_case_text(raw: str, start: int) -> bool:
    """Positive evidence that a word continues a sentence: right after a small letter, a comma or
    a semicolon (on its line, or ending the line before). A list marker, a colon, a heading in
    capitals or nothing at all say no such thing."""
    before = raw[max(0, start - 40) : start].rstrip(" \t\"'“‘([")
    if before.endswith("\n"):
        before = before.rstrip()
    last = before[-1:]
    return last in (",", ";") or (last.isalpha() and last.islower())


#: capitals drawn like their small letters, only taller: OCR reads a small one as capital
#: inside a word (typOs, hOuse) where the print's x-height is uneven (not X: eXternal Data
#: Representation spells out XDR on purpose; not U, which old print makes of ll: aU, feU)
_SAME_SHAPE_CAPITALS = frozenset("COSVWZ")


_SMALL_WORD_BEFORE_RE = re.compile(r"(?:^|[\s\"'“‘(\[])[^\W\d_A-Z]+,?[ \t]+$")
_SMALL_WORD_AFTER_RE = re.compile(r"[ \t]*\r?\n?[ \t]*[^\W\d_A-Z]{2,}")


def _after_small_word(raw: str, start: int) -> bool:
    """Right after a word written all in small letters (perhaps with a comma) on the same line: a
    line that starts with a capital may start a sentence whose full stop is missing (lists,
    headings, documentation)."""
    return _SMALL_WORD_BEFORE_RE.search(raw, max(0, start - 40), start) is not None


def _sentence_start(raw: str, start: int) -> bool:
    before = raw[max(0, start - 40) : start].rstrip(" \t\"'“‘([")
    if not before.strip():
        return True
    return bool(_SENTENCE_END_RE.search(before + " "))


_LAST_WORD_RE = re.compile(r"(\S+)[.][\"')\]’”]*\s*$")


def _word_before_stop(raw: str, start: int) -> str | None:
    """The word (lower case, opening quotes and brackets dropped) whose full stop ends right
    before ``start``, if one does."""
    m = _LAST_WORD_RE.search(raw, max(0, start - 40), start)
    return None if m is None else m.group(1).lower().lstrip("\"'“‘([")


def _after_abbreviation(raw: str, start: int) -> bool:
    """Whether the full stop before ``start`` closes an abbreviation or a number (``e.g.``,
    ``approx.``, ``Fig. 3.``), which a small letter may follow, rather than a sentence."""
    word = _word_before_stop(raw, start)
    return word is not None and (word in ABBREVIATIONS or "." in word or not word.isalpha() or len(word) < 2)


def _after_title(raw: str, start: int) -> bool:
    """Whether the full stop before ``start`` closes a listed abbreviation, a dotted one or an
    initial (``Mr.``, ``e.g.``, ``J.``), after which a capitalised word is a name as often as
    not; a number's full stop (``in 1871.``) does end a sentence."""
    word = _word_before_stop(raw, start)
    return word is not None and (word in ABBREVIATIONS or ("." in word and not word.replace(".", "").isdigit())
                                 or (len(word) == 1 and word.isalpha()))


def _confidences(plist: list[Piece], words: Sequence[Word]) -> dict[int, float]:
    """Each piece's Tesseract confidence: the lowest of the OCR words it overlaps."""
    if not words:
        return {}
    ws = sorted(words, key=lambda w: w.start)
    starts = [w.start for w in ws]
    out: dict[int, float] = {}
    for p in plist:
        i = max(0, bisect.bisect_right(starts, p.start) - 1)
        confs = []
        while i < len(ws) and ws[i].start < p.end:
            if ws[i].end > p.start:
                confs.append(ws[i].conf)
            i += 1
        if confs:
            out[p.start] = min(confs)
    return out


def _merge(first: list[Correction], second: list[Correction]) -> list[Correction]:
    """All corrections, sorted; a later-priority one overlapping an accepted one is dropped."""
    accepted: list[Correction] = []
    for c in first + second:
        if any((c.start < a.end and a.start < c.end) or (c.start == c.end == a.start) for a in accepted):
            continue
        accepted.append(c)
    accepted.sort(key=lambda c: (c.start, c.end))
    return accepted
