"""Split raw OCR text into word pieces with offsets, and say what kind of token each one is.

The kind decides what the corrector may do (see ``policy``): a URL, e-mail, amount, date, time or
code is never touched; an alphabetic word may be spelling-corrected; a word with digits inside may
have its digits read as letters. Offsets always index the raw text so corrections map back.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass


class Kind(enum.Enum):
    WORD = "word"  # letters only (apostrophes allowed inside)
    MIXED = "mixed"  # letters with digits or @ $ | inside: maybe OCR confusions (typ0s, s@mple)
    NUMBER = "number"  # digits only
    PROTECTED = "protected"  # URL, e-mail, amount, date, time, code: never changed


#: characters OCR puts in place of letters and that may sit inside a word piece
INNER_SYMBOLS = "@$|"
#: guillemets glued to letters: quotation marks in German or Russian (``»Wort«``), but in English,
#: which never quotes with them, a misread letter (old newspapers: ``ha«``, ``miner»``, ``»inking``)
MISREAD_GUILLEMETS = "«»"
#: digits drawn like small letters, and those letters (0 and o, 1 and l or i, 5 and s, 8 and b)
DIGIT_LETTERS = {"0": "o", "1": "li", "5": "s", "8": "b"}


@functools.lru_cache(maxsize=4)
def _piece_re(signs: str) -> re.Pattern[str]:
    """Word pieces, with ``signs`` standing for letters inside them.

    A piece is maximal: never a part of a longer run of letters and signs (partial pieces would
    leave the rest to the next run, and a second run must change nothing); after two letters or
    more it may end in ``||``, a misread ``ll`` (``wi||``), but two signs inside letters are code
    (``a||b``), and so is ``a|| b``. A sign opens or closes a piece, never both: ``«Wort»`` is quoted."""
    s = re.escape(signs)
    return re.compile(
        rf"(?<![{s}\w])(?:[^\W_]+(?:[{s}'’][^\W_]+)*(?:[{s}]|(?<=[^\W_][^\W_])\|\|)?"
        rf"|[{s}][^\W_]+(?:[{s}'’][^\W_]+)*)(?![{s}\w])"
    )


_URL_RE = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://\S+|www\.\S+|(?:[\w-]+\.)+(?:com|org|net|edu|gov|io|co|uk|de|fr|my|info|biz)(?:/\S*)?)$",
    re.IGNORECASE,
)
#: a web address anywhere in a chunk (Markdown and wiki links wrap it: ``[flake8](https://...)``)
_URL_INSIDE_RE = re.compile(r"[a-z][a-z0-9+.-]*://|www\.", re.IGNORECASE)
#: file names with a common extension, written in lower case or capitals (``file.py``, ``notes.txt``,
#: ``SCAN_01.PNG``); extensions that are also words or letters (go, log, doc, c, h) are left out:
#: ``here.Go`` and ``dog.log`` are more often a full stop without its space
_EXTENSIONS = (
    "py|txt|md|rst|json|csv|tsv|pdf|png|jpe?g|tiff?|bmp|gif|webp|svg|html?|xml|ya?ml|toml|cfg|ini|"
    "sh|bat|exe|zip|gz|tar|docx|xlsx?|pptx?|odt|js|ts|css|cpp|hpp|java|rs|rb"
)
_FILE_RE = re.compile(rf"^[\w.-]*\w\.(?:(?:{_EXTENSIONS})|(?:{_EXTENSIONS.upper()}))$")
#: an HTML tag anywhere in a chunk: ``<h1``, ``Title</h1><br>`` (the common names only: ``<Only``, ``<rights`` are OCR
#: noise before a word)
_TAG_RE = re.compile(
    r"</?(?:a|b|i|p|u|s|br|hr|h[1-6]|div|span|img|ul|ol|li|dl|dt|dd|table|tr|td|th|thead|tbody|code|pre|em|"
    r"strong|html|head|body|title|meta|link|script|style|form|input|button|label|select|option|section|"
    r"article|nav|header|footer|main|svg|sub|sup|small|blockquote|details|summary|picture|source)(?:/?>|$)"
)
#: TeX in text (``$\theta$``, ``$n$``, ``\alpha``): a span wrapped in dollars, or one of TeX's
#: usual commands, is mathematics, whose letters are symbols (OCR that misreads s as $ leaves one,
#: at an edge; a backslash it reads for a letter starts no command: ``\ittle``)
_TEX_COMMANDS = (
    "alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|pi|"
    "varpi|rho|varrho|sigma|varsigma|tau|upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|"
    "Pi|Sigma|Upsilon|Phi|Psi|Omega|frac|dfrac|sqrt|sum|prod|int|oint|lim|log|ln|exp|sin|cos|tan|max|"
    "min|cdot|cdots|ldots|dots|times|div|pm|mp|leq|le|geq|ge|neq|ne|approx|equiv|sim|propto|infty|"
    "partial|nabla|in|notin|subset|subseteq|supset|cup|cap|forall|exists|to|mapsto|rightarrow|"
    "leftarrow|mathbf|mathrm|mathit|mathcal|mathbb|operatorname|text|textbf|textit|emph|left|right|"
    "hat|bar|vec|tilde|overline|underline|begin|end|label|ref|cite|quad|qquad"
)
_MATH_RE = re.compile(rf"\\(?:{_TEX_COMMANDS})(?![A-Za-z])|^\$[^$\s]+\$$")
_EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
# amounts: currency before or after, thousands separators, decimals (O for 0 tolerated, see policy)
_CURRENCY = r"[$€£¥₹]|RM|USD|EUR|GBP"
_AMOUNT_RE = re.compile(
    rf"^(?:(?:{_CURRENCY})\s?)?[-+]?\d[\d,.'’]*(?:[.,]\d+)?(?:\s?(?:{_CURRENCY}))?%?$|^(?:{_CURRENCY})\s?\S+$"
)
_DATE_RE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{1,2}[./-][A-Za-z]{3,9}[./-]\d{2,4}$|^(?:19|20)\d\d$")
_TIME_RE = re.compile(r"^\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s?[aApP]\.?[mM]\.?)?$|^\d{1,2}\s?[aApP]\.?[mM]\.?$")
# codes: letters and digits joined by - / _ # or digits with a letter block (INV-2019-004, A4, SKU0042)
_CODE_RE = re.compile(r"^(?=.*\d)[A-Za-z0-9]+(?:[-_/#.][A-Za-z0-9]+)+$|^[A-Z]+\d+[A-Z0-9]*$|^\d+[A-Z]+\d*$")
#: punctuation around a word (quotes, brackets, stops), stripped to find its core
EDGE_PUNCT = "\"'“”‘’()[]{}<>.,;:!?*«»`"


# Pieces and chunks are made by the thousand per page: their __init__ fills the instance dict
# directly, where a frozen dataclass's generated one calls object.__setattr__ per field (twice
# as slow). Still frozen: assigning a field raises FrozenInstanceError; replace() works.


@dataclass(frozen=True, init=False)
class Piece:
    """A candidate for correction: ``raw[start:end] == text``."""

    start: int
    end: int
    text: str
    kind: Kind
    chunk_index: int  # which whitespace-separated chunk it belongs to

    def __init__(self, start: int, end: int, text: str, kind: Kind, chunk_index: int) -> None:
        d = self.__dict__
        d["start"] = start
        d["end"] = end
        d["text"] = text
        d["kind"] = kind
        d["chunk_index"] = chunk_index


@dataclass(frozen=True, init=False)
class Chunk:
    """A run of non-space characters in the raw text."""

    start: int
    end: int
    text: str
    protected: bool

    def __init__(self, start: int, end: int, text: str, protected: bool) -> None:
        d = self.__dict__
        d["start"] = start
        d["end"] = end
        d["text"] = text
        d["protected"] = protected


_CHUNK_RE = re.compile(r"\S+")


def is_protected_chunk(text: str) -> bool:
    """URLs, e-mails, amounts, dates, times and codes: their spelling is data, not language."""
    if text.isalpha():
        return False  # most chunks: none of the patterns below can match letters alone
    core = text.strip(EDGE_PUNCT)
    if not core:
        return False
    if core.isalpha():
        # a word in punctuation: only the patterns that read the whole chunk can match (an
        # address, a path, a file name and a number all need a sign or digit inside the core)
        return bool(_URL_INSIDE_RE.search(text) or _TAG_RE.search(text))
    if ("$" in core or "\\" in core) and _MATH_RE.search(core):
        return True
    if "@" in core and _EMAIL_RE.match(core):
        return True
    if _URL_RE.match(core) or _URL_INSIDE_RE.search(text) or _FILE_RE.match(core) or _TAG_RE.search(text):
        return True
    if not any(ch.isdigit() for ch in core):
        return False
    if len(core) == 1 and core == text:
        return False  # a lone digit between words may be a misread "a" or "I" (policy decides)
    return bool(_AMOUNT_RE.match(core) or _DATE_RE.match(core) or _TIME_RE.match(core) or _CODE_RE.match(core))


def chunks(raw: str) -> list[Chunk]:
    return [Chunk(*m.span(), text := m.group(), is_protected_chunk(text)) for m in _CHUNK_RE.finditer(raw)]


_GUILLEMET_RE = re.compile(f"[{MISREAD_GUILLEMETS}]")
#: how far apart an opening and a closing guillemet may stand and still quote the words between
#: (a long quotation, not a page: misread letters pages apart would pair up too)
_QUOTE_SPAN = 1000
#: a blank line (perhaps with spaces, or \r\n) ends a paragraph
_PARAGRAPH_BREAK_RE = re.compile(r"\r?\n[ \t\r]*\n")


def mask_quoting_guillemets(raw: str) -> str:
    """``raw`` with the guillemets that quote replaced by ``"``, offsets unchanged: only the
    guillemets left over are read as letters.

    A guillemet glued to the start of a word opens a quote, one glued to the end of a word closes
    the latest quote still open in the same paragraph, up to ``_QUOTE_SPAN`` characters back
    (``«la belle époque»``, ``»Wort«``, nested ``«a «b» c»``). Misread letters rarely pair up so:
    they stand at either end of words at random."""
    if sum(raw.count(g) for g in MISREAD_GUILLEMETS) < 2:
        return raw
    quoting: list[int] = []
    start = 0
    for para_end in [m.start() for m in _PARAGRAPH_BREAK_RE.finditer(raw)] + [len(raw)]:
        open_marks: list[int] = []
        for m in _GUILLEMET_RE.finditer(raw, start, para_end):
            k = m.start()
            before, after = raw[k - 1 : k], raw[k + 1 : k + 2]
            if after.isalnum() and not before.isalnum():
                open_marks.append(k)
            elif open_marks and before and not before.isspace() and not after.isalnum():
                if k - open_marks[-1] <= _QUOTE_SPAN:
                    quoting += (open_marks.pop(), k)
                else:
                    open_marks.clear()  # too far back to be this mark's partner, as are those before
        start = para_end
    if not quoting:
        return raw
    chars = list(raw)
    for k in quoting:
        chars[k] = '"'
    return "".join(chars)


def pieces(raw: str, chunk_list: list[Chunk], signs: str = INNER_SYMBOLS) -> Iterator[Piece]:
    """Word pieces of the unprotected chunks, in text order. ``signs``: the signs that stand for a
    misread letter inside a word (``@ $ |``, and in English ``MISREAD_GUILLEMETS``)."""
    piece_re = _piece_re(signs)
    for ci, ch in enumerate(chunk_list):
        if ch.protected:
            continue
        if ch.text.isalpha():
            # most chunks are a plain word: the pattern would match it whole
            yield Piece(ch.start, ch.end, ch.text, Kind.WORD, ci)
            continue
        for m in piece_re.finditer(ch.text):
            text = m.group()
            start = ch.start + m.start()
            if text.isdigit():
                kind = Kind.NUMBER
            elif any(c.isdigit() or c in signs for c in text):
                kind = Kind.MIXED
            else:
                kind = Kind.WORD
            yield Piece(start, start + len(text), text, kind, ci)


def letters_only(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


def case_shape(text: str) -> str:
    """'lower', 'title', 'upper' or 'mixed', judged on the letters only."""
    letters = text if text.isalpha() else letters_only(text)
    if not letters:
        return "lower"
    if letters.islower():
        return "lower"
    if letters.isupper():
        return "upper" if len(letters) > 1 else "title"
    if letters[0].isupper() and letters[1:].islower():
        return "title"
    if text[:1].isupper() or (not text[:1].isalpha() and letters[0].isupper()):
        return "title-mixed"
    return "mixed"


def apply_case(word: str, original: str) -> str:
    """Give a lower-case dictionary word the case pattern of the original token."""
    shape = case_shape(original)
    if shape == "upper":
        return word.upper()
    if shape in ("title", "title-mixed"):
        return word[:1].upper() + word[1:]
    if shape == "mixed" and original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
