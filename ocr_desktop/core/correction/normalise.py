"""Safe layout normalisation: whitespace runs, punctuation spacing, quotes, hyphenated line ends.

Every change is a Correction with raw offsets. Line and paragraph breaks are kept (a hyphen join
moves the second half of the word up and leaves the line break after it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ocr_desktop.core.models import Correction

from .settings import CorrectionSettings

_SPACE_RUN_RE = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_TRAILING_RE = re.compile(r"[ \t]+(?=\r?\n|\Z)")
# a space between a word and the comma or full stop that closes it ("word ," -> "word,"); not
# before an ellipsis or a run of punctuation, which may be deliberate. ; : ! ? keep a space before
# them: French and older English typesetting put one there on purpose.
# (@ $ | count as word characters: inside a word they are misread letters the corrector may fix)
_SPACE_BEFORE_PUNCT_RE = re.compile(r"(?<=[^\W_@$|]|[@$|])[ \t]+(?=[,.](?![,.;:!?\w]))")
_NEXT_WORD_RE = re.compile(r"[ \t]+([^\W\d_])")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$")
#: abbreviations a detached full stop closes even before a small letter ("etc . and", "et al . found")
ABBREVIATIONS = frozenset(
    ("etc", "al", "cf", "vs", "viz", "fig", "figs", "approx", "no", "nos", "vol", "pp", "ed", "eds", "ca",
     "e.g", "i.e", "eg", "ie", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "ltd", "co")
)
# a full stop glued to the front of a capitalised word at a line's start or after a bracket or a
# quote (``(.Mr.``, ``.Mobile, Ala.``): a speck of the old page, read as a dot. After a word and a
# space it may as well be that word's full stop set off (``late .The``, ``Mr .Smith``): left alone.
# No word starts so (``.NET`` and ``.5`` are not matched; ``...And`` is an ellipsis)
_STRAY_DOT_RE = re.compile(r"(?:^|(?<=[(\[\"'“‘])[ \t]*)\.(?=[A-Z][a-z])", re.MULTILINE)
_SPACE_AFTER_OPEN_RE = re.compile(r"(?<=[(\[])[ \t]+(?=[^\W_])")
_SPACE_BEFORE_CLOSE_RE = re.compile(r"(?<=[^\W_.])[ \t]+(?=[)\]](?:\s|$|[,.;:]))")
# underscores glued to the edge of a word: a fill-in line or an underline read with it (``and_``,
# ``__Mike``); inside a token (``file_name``) they are kept
_EDGE_UNDERSCORE_RE = re.compile(r"(?<!\S)_+(?=[^\W\d_])|(?<=[^\W\d_])_+(?!\S)")
# underscores that are written, not read from a line: a name wrapped in the same one or two on
# each side (``__init__``, ``_or_`` as emphasis), and one leading underscore before a small
# letter where code syntax follows the name (``:param _input:``, ``_retry()``, ``_cache.get``:
# a private name); an underline read with a word is most often longer or lopsided (``__Mike``,
# ``and_``), and before a word of prose (``Signed _by``) it stays an underline
_WRAPPED_NAME_RE = re.compile(r"(_{1,2})[^\W_]\w*?(?<!_)\1$")
_PRIVATE_NAME_RE = re.compile(r"_(?!_)\w*[^\W_](?:[:=(]|\)|\.[^\W\d_])")
_CHUNK_PUNCTUATION = ".,;:!?'\"()[]`*"
_OPENERS = {"(": ")", "[": "]"}
_CLOSERS = {")": "(", "]": "["}
_PARAGRAPH_RE = re.compile(r"\n[ \t]*\n")
_CURLY_TO_STRAIGHT = {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
_HYPHEN_JOIN_RE = re.compile(r"(?<![\w-])([^\W\d_]+)-[ \t]*(\r?\n)[ \t]*([^\W\d_A-Z]+)(?=([ \t]*)(\S?))")


def whitespace_corrections(raw: str) -> list[Correction]:
    out = [Correction(m.start(), m.end(), m.group(), " ", "whitespace", 1.0) for m in _SPACE_RUN_RE.finditer(raw)]
    out += [Correction(m.start(), m.end(), m.group(), "", "whitespace", 1.0) for m in _TRAILING_RE.finditer(raw)]
    return out


def punctuation_corrections(raw: str, confs: Mapping[int, float] | None = None,
                            min_confidence: float = 0.0) -> list[Correction]:
    """Spaces before ``,`` ``.`` and inside brackets, and specks read as a dot before a word.

    ``confs`` (OCR word start -> confidence): a detached mark the OCR engine was unsure of is more
    likely a speck or a form line than a comma, and stays where it is; a bracket is only closed up
    when its partner is there (on forms a lone ``[`` is a check box)."""
    out: list[Correction] = []
    for m in _SPACE_BEFORE_PUNCT_RE.finditer(raw):
        conf = confs.get(m.end()) if confs else None
        if conf is not None and conf < min_confidence:
            continue
        if raw[m.end()] == "." and _literal_full_stop(raw, m.start(), m.end()):
            continue
        out.append(Correction(m.start(), m.end(), m.group(), "", "punctuation-spacing", 0.95))
    for m in _STRAY_DOT_RE.finditer(raw):
        out.append(Correction(m.start(), m.end(), m.group(), "", "stray-mark", 0.9))
    for m in _SPACE_AFTER_OPEN_RE.finditer(raw):
        if _partner_after(raw, m.start() - 1):
            out.append(Correction(m.start(), m.end(), m.group(), "", "punctuation-spacing", 0.95))
    for m in _SPACE_BEFORE_CLOSE_RE.finditer(raw):
        if _partner_before(raw, m.end()):
            out.append(Correction(m.start(), m.end(), m.group(), "", "punctuation-spacing", 0.95))
    return out


def _literal_full_stop(raw: str, space_start: int, dot: int) -> bool:
    """A detached "." before a small letter ends no sentence: a literal "." (pdb's "With . as
    argument") or a speck, left where it is; unless it closes an abbreviation ("etc . and")."""
    nxt = _NEXT_WORD_RE.match(raw, dot + 1)
    if nxt is None or not nxt.group(1).islower():
        return False
    word = _WORD_BEFORE_RE.search(raw, 0, space_start)
    return word is None or word.group(1).lower() not in ABBREVIATIONS


def _paragraph_end(raw: str, pos: int) -> int:
    m = _PARAGRAPH_RE.search(raw, pos)
    return m.start() if m else len(raw)


def _partner_after(raw: str, i: int) -> bool:
    """The bracket at ``i`` is closed later in its paragraph, before another one opens."""
    opener = raw[i]
    closer = _OPENERS[opener]
    for ch in raw[i + 1 : _paragraph_end(raw, i + 1)]:
        if ch == closer:
            return True
        if ch == opener:
            return False
    return False


def _partner_before(raw: str, i: int) -> bool:
    """The bracket at ``i`` closes one opened earlier in its paragraph."""
    closer = raw[i]
    opener = _CLOSERS[closer]
    start = max(raw.rfind("\n\n", 0, i), raw.rfind("\n \n", 0, i), raw.rfind("\n\t\n", 0, i)) + 1
    for ch in reversed(raw[start:i]):
        if ch == opener:
            return True
        if ch == closer:
            return False
    return False


def underscore_corrections(raw: str) -> list[Correction]:
    out = []
    for m in _EDGE_UNDERSCORE_RE.finditer(raw):
        start, end = m.start(), m.end()
        while start > 0 and not raw[start - 1].isspace():
            start -= 1
        while end < len(raw) and not raw[end].isspace():
            end += 1
        if start == m.start() and "_" in raw[start:end].strip("_"):
            continue  # a private name in code (_default_name): its leading underscore is written
        chunk = raw[start:end]
        if _WRAPPED_NAME_RE.match(chunk.strip(_CHUNK_PUNCTUATION)):
            continue
        if start == m.start() and chunk[1:2].islower() and _PRIVATE_NAME_RE.match(chunk):
            continue
        out.append(Correction(m.start(), m.end(), m.group(), "", "underline", 0.9))
    return out


def quote_corrections(raw: str, curly: bool) -> list[Correction]:
    out: list[Correction] = []
    for i, ch in enumerate(raw):
        if not curly:
            if ch in _CURLY_TO_STRAIGHT:
                out.append(Correction(i, i + 1, ch, _CURLY_TO_STRAIGHT[ch], "quotes", 1.0))
            continue
        if ch not in "'\"":
            continue
        prev = raw[i - 1] if i else " "
        nxt = raw[i + 1] if i + 1 < len(raw) else " "
        opening = prev.isspace() or prev in "([{-—"
        if ch == "'":
            # an apostrophe inside a word (don't) and a closing quote are both ’
            new = "‘" if opening and not nxt.isspace() else "’"
        else:
            new = "“" if opening and not nxt.isspace() else "”"
        out.append(Correction(i, i + 1, ch, new, "quotes", 1.0))
    return out


def hyphen_join_corrections(raw: str, is_word: Callable[[str], bool]) -> list[Correction]:
    """``con-\\nstitution rest`` -> ``constitution\\nrest``: the second half moves up, the break stays.

    Joined only when the whole word is a known word, or when the second half alone is not one
    (a real compound such as ``well-\\nknown`` keeps its hyphen).
    """
    out: list[Correction] = []
    for m in _HYPHEN_JOIN_RE.finditer(raw):
        first, second = m.group(1), m.group(3)
        joined = first + second
        if not (is_word(joined.lower()) or not is_word(second.lower())):
            continue
        out.append(_join(raw, m, m.start(1) + len(first), 0.9))
    return out


def _join(raw: str, m: re.Match[str], start: int, score: float) -> Correction:
    """The join of a line-end match (groups: first part, newline, second part, gap, next char):
    raw[start:] up to the second part is replaced by the second part, the break moving after it."""
    newline, second, gap, after = m.group(2), m.group(3), m.group(4), m.group(5)
    if after and after not in "\r\n":
        # text follows on that line: the break goes after the moved fragment
        end = m.end(3) + len(gap)
        return Correction(start, end, raw[start:end], second + newline, "hyphen-join", score)
    end = m.end(3)
    return Correction(start, end, raw[start:end], second, "hyphen-join", score)


# a word fragment ending a line and a lower-case one starting the next, with no hyphen between
_LOST_HYPHEN_RE = re.compile(r"(?<![\w-])([^\W\d_]{2,})[ \t]*(\r?\n)[ \t]*([^\W\d_A-Z]{2,})(?=([ \t]*)(\S?))")


def lost_hyphen_corrections(raw: str, is_word: Callable[[str], bool], join: bool,
                            joined_likelier: Callable[[str, str], bool] | None = None) -> list[Correction]:
    """``con\\ndemned``: a word broken across lines whose hyphen the OCR dropped.

    Only when the two fragments make a known word and they are not both words themselves
    (``some\\nthing`` may be two words), unless ``joined_likelier(first, second)`` says the one
    word is far likelier than the two (``cow\\nards``, ``be\\nfore``; not ``direct\\nor``). The
    hyphen is put back where it was printed, or, when hyphenated words are joined, the word is
    joined as ``hyphen_join_corrections`` does.
    """
    out: list[Correction] = []
    for m in _LOST_HYPHEN_RE.finditer(raw):
        first, second = m.group(1), m.group(3)
        if not is_word((first + second).lower()):
            continue
        if is_word(first.lower()) and is_word(second.lower()) and not (
                joined_likelier is not None and joined_likelier(first.lower(), second.lower())):
            continue
        start = m.end(1)
        if join:
            out.append(_join(raw, m, start, 0.8))
        else:
            out.append(Correction(start, start, "", "-", "hyphen-restore", 0.8))
    return out


def normalisation_corrections(raw: str, settings: CorrectionSettings, lang_codes: list[str],
                              is_word: Callable[[str], bool] | None,
                              confs: Mapping[int, float] | None = None,
                              joined_likelier: Callable[[str, str], bool] | None = None) -> list[Correction]:
    """``confs``: OCR word start offset -> Tesseract confidence, when the text came from an image;
    ``joined_likelier``: see ``lost_hyphen_corrections``."""
    out: list[Correction] = []
    if settings.join_hyphenated and is_word is not None:
        out += hyphen_join_corrections(raw, is_word)
    if is_word is not None:
        out += lost_hyphen_corrections(raw, is_word, settings.join_hyphenated, joined_likelier)
    # punctuation spacing first: where it overlaps a whitespace run it removes the whole run
    # (the first of two overlapping corrections wins), so a second run finds nothing left to do
    if settings.normalise_punctuation:
        out += punctuation_corrections(raw, confs, settings.min_confidence)
        out += underscore_corrections(raw)
    if settings.normalise_whitespace:
        out += whitespace_corrections(raw)
    if settings.quotes != "keep":
        out += quote_corrections(raw, settings.quotes == "curly")
    return out
