"""Vietnamese text keys.

Official documents spell the same word with the tone mark on different vowels
(``hoá``/``hóa``, ``thuỷ``/``thủy``), mix case, and users often type without any
diacritics at all. Matching and search therefore never compare raw strings; they
compare keys built here. Stored text itself is only ever NFC-normalised.
"""

from __future__ import annotations

import re
import unicodedata

# Combining marks that carry the tone (thanh điệu). The others (circumflex, breve,
# horn) change the vowel itself and must be kept.
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_TONE_CHARS = {v: k for k, v in _TONES.items()}
_SHAPED = {"â", "ê", "ô", "ơ", "ư", "ă"}
_VOWELS = set("aeiouy") | _SHAPED
# A word includes the combining marks that follow its letters: a tone mark that could not
# be composed (a second tone, say) must go with the word, or it would re-attach to a letter
# on the next pass and the key would not be stable.
_WORD_RE = re.compile(r"\w[\w\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC, with whitespace runs folded and ends trimmed: the only form we store."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def _split_tone(word: str) -> tuple[str, int]:
    """Return the word without its tone mark (NFC) and the tone number (0 = none)."""
    tone = 0
    kept = []
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _tone_position(base: str) -> int | None:
    """Index of the vowel that carries the tone in the modern (new-style) spelling."""
    lower = base.lower()
    positions = [i for i, ch in enumerate(lower) if ch in _VOWELS]
    if not positions:
        return None
    # 'qu' and 'gi' start a syllable with a consonant cluster: their u/i is not the nucleus.
    if lower.startswith("qu") and len(positions) > 1 and positions[0] == 1:
        positions = positions[1:]
    elif lower.startswith("gi") and len(positions) > 1 and positions[0] == 1:
        positions = positions[1:]
    # Keep the first contiguous vowel cluster only.
    cluster = [positions[0]]
    for pos in positions[1:]:
        if pos == cluster[-1] + 1:
            cluster.append(pos)
        else:
            break
    shaped = [i for i in cluster if lower[i] in _SHAPED]
    if shaped:
        return shaped[-1]
    if len(cluster) == 1:
        return cluster[0]
    ends_word = cluster[-1] == len(lower) - 1
    if not ends_word:
        return cluster[-1]
    pair = lower[cluster[0]] + lower[cluster[1]]
    if len(cluster) == 2 and pair in {"oa", "oe", "uy"}:
        return cluster[1]
    if len(cluster) == 3:
        return cluster[1]
    return cluster[0]


def canonical_tone(word: str) -> str:
    """Put the tone mark where the modern spelling puts it, so both placements agree."""
    base, tone = _split_tone(word)
    if not tone:
        return base
    pos = _tone_position(base)
    if pos is None:
        return unicodedata.normalize("NFC", word)
    decomposed = base[:pos] + unicodedata.normalize(
        "NFC", unicodedata.normalize("NFD", base[pos]) + _TONE_CHARS[tone]
    ) + base[pos + 1 :]
    return unicodedata.normalize("NFC", decomposed)


def tone_key(text: str) -> str:
    """Lower-case NFC text with every tone mark in its canonical place."""
    text = nfc(text).lower()
    return _WORD_RE.sub(lambda m: canonical_tone(m.group(0)), text)


def ascii_key(text: str) -> str:
    """Lower-case text with every diacritic removed (đ becomes d)."""
    text = nfc(text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # A stray mark standing between spaces leaves a double or trailing space once removed.
    return _SPACE_RE.sub(" ", stripped).strip()


def has_diacritics(text: str) -> bool:
    return ascii_key(text) != nfc(text).lower()


_AGENCY_PUNCT_RE = re.compile(r"[&\-–—,.;:/()\"'“”]+")


def agency_key(name: str) -> str:
    """Key under which spellings of one agency name meet.

    ``Sở Văn hóa& Thể thao``, ``Sở Văn hoá và Thể Thao`` and ``Sở Thông tin-Truyền
    thông`` / ``Sở Thông tin và Truyền thông`` must land on one key: ``&``, dashes and
    the word ``và`` are all conjunctions here, so they are dropped along with other
    punctuation.
    """
    key = tone_key(name)
    key = _AGENCY_PUNCT_RE.sub(" ", key)
    words = [w for w in key.split() if w != "và"]
    return " ".join(words)


def search_key(text: str) -> str:
    """What we store beside searchable text: tone-canonical form and ASCII form."""
    return f"{tone_key(text)}\n{ascii_key(text)}"


def query_key(query: str) -> str:
    """The key to look for inside :func:`search_key` output.

    A query typed without diacritics matches the ASCII half; a query with them
    matches the tone-canonical half, so ``văn hoá`` does not find ``vân hoa``.
    """
    return tone_key(query) if has_diacritics(query) else ascii_key(query)
