"""Do-no-harm policy: which tokens may change, and how sure the model must be.

The numbers are log-probability margins of the noisy-channel score (channel + language model).
They were set from first principles and checked on generated sentences, never fitted to the
evaluation data: a change must be clearly likelier than keeping the token, and a real word needs
far more evidence than a non-word, because replacing a right word is the worst thing we can do.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable

#: log P of a specific unknown all-letter token being right as written (rare word, name, archaism):
#: a base rate for "some word missing from the lists" times a per-letter cost, because a long
#: string that is not a word is less and less likely to be a real word we lack (≈1.5 nats/letter,
#: the order of the per-letter entropy of English)
LOG_P_UNKNOWN_WORD = -16.0
LOG_P_UNKNOWN_BASE = -8.0
LOG_P_UNKNOWN_PER_LETTER = -1.5
#: the same for a token with digits or @ $ | inside letters: almost never right
LOG_P_UNKNOWN_MIXED = -28.0
#: a non-word is replaced when the best candidate beats keeping it by this margin ...
NONWORD_MARGIN = 2.0
#: ... and beats the runner-up by this one (else: a suspect, "no-safe-fix")
RUNNER_UP_MARGIN = 1.5
RUNNER_UP_MARGIN_MIXED = 0.5
#: a dictionary word is replaced only with this much more evidence (e^5, ~150 : 1) ...
REAL_WORD_MARGIN = 5.0
#: ... or, on a page noisier than the confusion table's training, a word of three letters or more
#: with e^3.5 (~33 : 1). Not on clean pages, where a rare word is far more often an old or rare
#: spelling (shew, olde) than a slip; not for one or two letters, which in code and notes are
#: often abbreviations or symbols (sb, ct, ln) that the context list hardly knows
REAL_WORD_MARGIN_NOISY = 3.5
#: ... but a real-word change this much likelier than keeping (e^7, ~1 100 : 1) needs the
#: context only not to object: its gain must not be below ``CONTEXT_OBJECTION``
REAL_WORD_SURE_MARGIN = 7.0
CONTEXT_OBJECTION = -1.0
#: ... and so does one where the token is one misreading from the word that the page makes this
#: often (e^-3, one reading in 20), learned from its own sure fixes (``aud`` for ``and``)
PAGE_HABIT_LOGP = -3.0
#: only dictionary words rarer than this (log relative frequency, ~1 in 30 000) are checked as
#: possible OCR confusions of another word: common words are rarely the product of an error
REAL_WORD_MAX_LOGP = -10.4
#: ... and only short ones: an OCR slip turns a short word into another word far more often
#: than a long one, and each check costs a candidate search
REAL_WORD_MAX_LEN = 5
#: a capitalised unknown word inside a sentence is most likely a name: it needs this extra margin
PROPER_NOUN_EXTRA_MARGIN = 3.0
#: ... but not outside running text (a form's field, a line of labels), for tokens this long
LABEL_MIN_LEN = 4
#: (about 150 : 1) and a real-word change also needs the context to prefer the candidate by this much
#: (less by the page's noise shift, when it is positive: see ``page_noise_shift``)
REAL_WORD_MIN_CONTEXT_GAIN = 2.0
#: a page that repeats the same misreadings (three sure fixes or more) is noisier than its share of
#: unknown words says: one more nat of noise shift while it is corrected with its own confusions
RECURRING_MISREADING_SHIFT = 1.0
#: ALL-CAPS tokens shorter than this are abbreviations and codes (GST, SDN, BHD) and are never
#: changed; longer unknown ones (OESCRIPTION, TNVOICE on forms and receipts) are judged like any
#: unknown word, whose length already makes keeping them unlikely when a word is one slip away
CAPS_MIN_LEN = 5
#: longer tokens are not searched for corrections (the longest words in the lists have ~30 letters)
MAX_WORD_LEN = 32
#: a lone digit between words becomes a word only when both its bigrams are listed and
#: the context prefers it by this much
LONE_DIGIT_MIN_PMI = 3.0
#: a capital I mid-sentence is read as a misread small i only in words this short and at least
#: this common (log relative frequency, ~1 in 3 000): In, It, Is, If, Its, Into
SMALL_I_MAX_LEN = 4
SMALL_I_MIN_LOGP = -8.0
#: ... but not right after a verb of speech, where a capital opens quoted words (``said It is``)
SPEECH_VERBS = frozenset(("said", "says", "saith", "quoth", "cried", "replied", "answered", "asked", "wrote"))
#: a lone rare letter (n) is read as a one-letter word (a) only where the page's own habits make
#: that misreading at least this likely (e^-5, ~1 in 150 readings; the general table says e^-8)
LONE_LETTER_HABIT_LOGP = -5.0
#: two words ending and starting lines are taken for one word that lost its hyphen only when it
#: is this much likelier than the two side by side (e^7, ~1 000 : 1: "before" is e^11 likelier
#: than "be fore"; "director", "something", "therapist" are not that much likelier than "direct
#: or", "some thing", "the rapist")
HYPHEN_LOST_MARGIN = 7.0
#: Tesseract confidence scaling: below ``min_confidence`` margins shrink by this much
LOW_CONFIDENCE_BONUS = 1.0

_ORDINAL_OR_UNIT_RE = re.compile(
    r"^\d+(?:st|nd|rd|th|m|km|cm|mm|kg|g|mg|l|ml|h|min|am|pm|x|k|mb|gb|kb|px|pt|v|w|hz|khz|mhz)$",
    re.IGNORECASE,
)


def is_ordinal_or_unit(text: str) -> bool:
    """``21st``, ``10kg``, ``3pm``: numbers with a unit, not OCR errors. (``4s.`` / ``6d.``, old money,
    are kept by the corrector's digit-then-full-stop rule.)"""
    return bool(_ORDINAL_OR_UNIT_RE.match(text))


_TRAILING_DIGITS_RE = re.compile(r"^([^\W\d_]+)(\d+)$")
#: digits shaped like letters: the digit/letter pairs OCR confuses at a word's end (0/o, 1/l, 5/s, 8/B)
_LETTER_SHAPED_DIGITS = frozenset("0158")
#: ... after a listed word: 8 looks like no lower-case letter (Flake8 is a name, not Flakes)
_LOWER_SHAPED_DIGITS = frozenset("015")


def is_numbered_name(text: str, is_word: Callable[[str], bool]) -> bool:
    """``python3``, ``table3``, ``beta2``, ``v2``, ``mp3``, ``x86``: a name or a word with a number
    after it, not a misread word: its digits include one that no letter looks like, after one or
    two letters or after a word. ``t0``, ``al1``, ``years`` read as ``year5`` are still words."""
    m = _TRAILING_DIGITS_RE.match(text)
    if m is None:
        return False
    letters, digits = m.groups()
    # after a listed word of 4+ letters (Flake8, flake8) or a lone letter (v8) an 8 is a number: it
    # looks like a capital B, not like a lower-case letter; after a short stem (wa8, hi8) it may be an s
    named = not letters.isupper() and (len(letters) == 1 or (len(letters) >= 4 and is_word(letters.lower())))
    shaped = _LOWER_SHAPED_DIGITS if named else _LETTER_SHAPED_DIGITS
    if all(d in shaped for d in digits):
        return False
    return len(letters) <= 2 or is_word(letters.lower())


_SERIES_RE = re.compile(r"^([^\W\d_]+)(\d+)$")


def series_stem(text: str) -> str | None:
    """``dir`` for ``dir1``: the letters of letters-then-digits, lower-cased (None: another shape)."""
    m = _SERIES_RE.match(text)
    return None if m is None else m.group(1).lower()


def numbered_series(tokens: Iterable[str]) -> frozenset[str]:
    """Names a page numbers: letters seen with two different numbers (``dir1`` and ``dir2``,
    ``x1`` and ``x2``, ``text1`` and ``text2``). OCR does not misread one word into a series, so
    ``dir1`` next to ``dir2`` is a name even though ``1`` looks like ``t`` (``dirt``)."""
    numbers: dict[str, set[str]] = {}
    for text in tokens:
        m = _SERIES_RE.match(text)
        if m is not None:
            numbers.setdefault(m.group(1).lower(), set()).add(m.group(2))
    # a number with a digit no letter looks like (dir2) shows the series; wi11 and wi1 may both be will
    return frozenset(stem for stem, nums in numbers.items()
                     if len(nums) > 1 and any(not set(n) <= _LETTER_SHAPED_DIGITS for n in nums))


#: endings English adds to a word freely: agents (a compiler, a differencer, tokenizers) and plurals
_AGENT_ENDINGS = ("ers", "er", "rs", "r", "s")
#: stems at least this long: short ones plus an ending are often another word's misreading
_DERIVED_MIN_STEM = 5


def derived_word(lower: str, is_word: Callable[[str], bool]) -> str | None:
    """The listed word an unknown word is built on with an agent or plural ending (``initializer``
    -> ``initialize``, ``differencer`` -> ``difference``, ``redistributions``), if any: such a word
    may be missing from the lists rather than misread (the nearest listed word is often the
    stem's other form: ``initialized``, ``redistribution``)."""
    for ending in _AGENT_ENDINGS:
        stem = lower[: -len(ending)]
        if not lower.endswith(ending) or len(stem) < _DERIVED_MIN_STEM:
            continue
        # "-r" and "-rs" follow a final e (compile-r); "-er" and "-ers" follow anything else
        if (ending == "s" or (ending[0] == "r") == stem.endswith("e")) and is_word(stem):
            return stem
    return None


#: log-odds that a word built from listed words (a stem and an ending, two words run together) is
#: that formation rather than anything else (~1 in 400): an unknown word made so is taken as right
#: with its rarer part's probability plus this, not with the flat unknown-word prior
MADE_OF_LOGP = -6.0
#: log relative frequency over which a listed word counts as common (~1 in 160 000 words)
COMMON_WORD_LOGP = -12.0
#: both parts of a compound at least this long: shorter ones (commit + too) come from garble
_COMPOUND_MIN_PART = 4


def compound_parts(lower: str, is_common: Callable[[str], bool]) -> tuple[str, str] | None:
    """Two common words an unknown word is made of (``readline``, ``startline``, ``filename``):
    maybe a compound the lists lack (``readline`` was "corrected" to ``deadline``)."""
    for i in range(_COMPOUND_MIN_PART, len(lower) - _COMPOUND_MIN_PART + 1):
        if is_common(lower[:i]) and is_common(lower[i:]):
            return lower[:i], lower[i:]
    return None


_DIGIT_CAPITAL_RE = re.compile(r"\d[A-Z]")


def looks_like_code(text: str) -> bool:
    """Upper-case letters with digits (``A4``, ``COVID19``, ``B2B``), or a capital right after a
    digit (``Point2D``, ``Vec3F``): a code or a name in code, not a word."""
    letters = [c for c in text if c.isalpha()]
    return ((bool(letters) and all(c.isupper() for c in letters)) or text[:2].isdigit()
            or _DIGIT_CAPITAL_RE.search(text) is not None)


#: symbols that stand for a letter inside a misread word, and the letter
_SYMBOL_LETTERS = {"@": "a", "$": "s"}


def is_handle(text: str, is_word: Callable[[str], bool]) -> bool:
    """``@property``, ``@alice``, ``name@``, ``$HOME``, ``$major``: an ``@`` or ``$`` at a word's edge
    that is no misread letter (``@nd``, ``@bout``, ``outt@`` read with an ``a``, ``$ale`` with an ``s``
    are words; these are not). A ``|`` at a word's edge is left to the corrector: on forms it is
    mostly a box's border (``|Speedy``)."""
    for symbol, letter in _SYMBOL_LETTERS.items():
        if (text[:1] == symbol or text[-1:] == symbol) and text.count(symbol) == 1:
            return not is_word(text.replace(symbol, letter).lower())
    return False


def is_abbreviation(piece: str, following: str) -> bool:
    """``Mr.``, ``Messrs.``, ``Co.``, ``lbs.``, ``U.S.``: a capitalised word of up to 6 letters or a
    lower-case one of up to 3, closed by a full stop."""
    if not following.startswith("."):
        return False
    if piece[:1].isupper():
        return len(piece) <= 6
    return len(piece) <= 3


def log_p_unknown(word: str) -> float:
    """log P(an unknown all-letter token is right as written), by length."""
    return LOG_P_UNKNOWN_BASE + LOG_P_UNKNOWN_PER_LETTER * len(word)


_VARIANT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(a), b)
    for a, b in (
        # doubled letters first, as printed: a pair that the rules below create (havu -> hauu)
        # is no old spelling of a word (have -> haue)
        (r"(.)\1", r"\1"),  # hee, sonne, shalll
        (r"v", "u"),  # vnto / unto
        (r"sw", "su"),  # perswade / persuade
        (r"j", "i"),  # iudgment / judgment
        (r"ie$", "y"),  # onelie / onely
        (r"our$", "or"),  # colour / color
        (r"ise$", "ize"),
        (r"yse$", "yze"),
        (r"re$", "er"),  # centre / center
        (r"ck$", "k"),  # musick / music
        (r"e$", ""),  # owne, beene, hee
        (r"y", "i"),  # wyse / wise
    )
)


@functools.lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """A key shared by historical/regional spelling variants (hee/he, owne/own, colour/color)."""
    w = word.lower()
    for rx, rep in _VARIANT_RULES:
        w = rx.sub(rep, w)
    return w


def is_spelling_variant(observed: str, word: str) -> bool:
    """True when ``observed`` is a known kind of spelling variant of dictionary ``word``, not an OCR slip."""
    low = observed.lower()
    return low != word and word != low + "e" and spelling_key(observed) == spelling_key(word)


def modern_form(observed: str, is_word: Callable[[str], bool]) -> str | None:
    """The word ``observed`` becomes under one spelling rule (``doore`` -> ``door``, ``perswaded`` ->
    ``persuaded``, ``controversie`` -> ``controversy``), if that is a word: then ``observed`` is an
    old or regional spelling of it, whatever the candidate search reached."""
    w = observed.lower()
    for rx, rep in _MODERNISE_RULES:
        m = rx.sub(rep, w)
        if m != w and is_word(m):
            return m
    return None


#: old spellings that map onto one modern word each (a subset of ``_VARIANT_RULES``: doubled
#: letters and y/i are left out, they turn OCR slips such as ``nnd`` into letter pairs like ``nd``)
_MODERNISE_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(a), b)
    for a, b in (
        (r"(?<=\w\w\w)e$", ""),  # doore, owne, beene
        (r"ie$", "y"),  # controversie
        (r"sw", "su"),  # perswaded
        (r"^v", "u"),  # vnto, vpon
        (r"ck$", "k"),  # musick
    )
)


_DOUBLE_RE = re.compile(r"(.)\1")


def has_spelling_variant(observed: str, words: list[str], *, lost_doubles: bool = True) -> bool:
    """``any(is_spelling_variant(observed, w) for w in words)``, keying ``observed`` once.

    ``lost_doubles``: whether a word printed with a single letter where the dictionary word has
    two counts (``wil`` for will): old print spelled so at times, modern print does not, and there
    it is a letter the OCR lost (``stil``, ``diferent``). Doubles printed where the word has one
    (``hee``, ``untill``) count either way."""
    low = observed.lower()
    key = spelling_key(observed)
    doubles = len(_DOUBLE_RE.findall(low))
    # old spelling adds a final e (owne, beene), it does not drop one: ``fram`` is no old ``frame``
    return any(low != w and w != low + "e" and spelling_key(w) == key
               and (lost_doubles or len(_DOUBLE_RE.findall(w)) <= doubles) for w in words)


#: log P(a space is lost between two words): the confusion table's training lost 15 of 14 725
LOST_SPACE_LOGP = -6.9
#: one of two words run together must be this common (in, the, it, be; not data + set)
LOST_SPACE_COMMON_LOGP = -6.5
#: shorter tokens are not split: a split of three letters is mostly a word the lists lack
LOST_SPACE_MIN_LEN = 4

#: a lone 1 or l is the pronoun I before a word that follows "I" at least as often as any word
#: (PMI >= 0: am, think, was; not is, of, day) ...
PRONOUN_I_MIN_PMI = 0.0
#: ... after a word that precedes "I" about as often as any word (when, so, but: 0.3; that: -1.2;
#: not and, said: -1.7, where a symbol is as likely, "and l was chosen"; nor for, the, of, to)
PRONOUN_I_MIN_PMI_BEFORE = -1.5

#: a page with this many different old spellings (owne, beene, vnto) prints old spelling: there a
#: word one doubled letter or y/i from a dictionary word is one too (untill, wil); elsewhere a slip
OLD_SPELLING_PAGE_MIN = 3


#: the page error-rate shift is bounded: a short page says little about its error rate
MAX_NOISE_SHIFT = 3.0
#: on pages noisier than the training, the estimate grows only ~0.6 times as fast as the true
#: shift (measured on generated noise: a word with two misreadings is one non-word, and some
#: misreadings make words), so it is scaled up; by 1.3 rather than the full 1.65, which on clean
#: docstrings read short code names as words (py -> by, isfinite -> infinite)
NOISE_SHIFT_GAIN = 1.3


def page_noise_shift(unknown: int, words: int, table_error_rate: float, mean_word_len: float = 5.0) -> float:
    """log(page character error rate / training error rate), estimated from non-word tokens.

    Roughly one misread character makes one non-word, so the share of non-words over the mean
    word length estimates the page's character error rate. Add-one smoothing keeps short pages
    near the training rate.
    """
    est = (unknown + 1.0) / (words + 1.0 / (table_error_rate * mean_word_len)) / mean_word_len
    shift = math.log(est / table_error_rate)
    return max(-MAX_NOISE_SHIFT, min(MAX_NOISE_SHIFT, shift))


def nonword_shift(shift: float) -> float:
    """The page's noise shift as a non-word's decision uses it: scaled by ``NOISE_SHIFT_GAIN`` when
    positive. A real word's decision keeps the estimate as it is: a page in another language than
    the one chosen also looks noisy, and its right words (el, Das) must not pay for that."""
    return min(MAX_NOISE_SHIFT, shift * NOISE_SHIFT_GAIN) if shift > 0 else shift
