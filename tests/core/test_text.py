"""Properties of the Vietnamese text keys that matching and search rely on."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ngvh.core.text import agency_key, ascii_key, query_key, search_key, tone_key

ONSETS = ["", "h", "th", "qu", "gi", "ng", "kh", "tr"]
NUCLEI = ["oa", "oe", "uy", "a", "ai", "ao", "uo", "ươ", "ưa", "ia", "iê", "yê", "ô", "ơ", "ê", "â", "ă", "u", "i", "y", "o", "e"]  # fmt: skip
CODAS = ["", "n", "ng", "c", "t", "m", "p", "ch", "nh"]
TONES = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền, sắc, hỏi, ngã, nặng

vietnamese_text = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ .,-&;:0123456789") + TONES + ["\t", "\n", "\u00a0"]
    ),
    max_size=40,
)


def with_tone_on(base: str, index: int, tone: str) -> str:
    """The word with ``tone`` placed on the character at ``index``, NFC."""
    decomposed = base[:index] + unicodedata.normalize("NFD", base[index]) + tone + base[index + 1 :]
    return unicodedata.normalize("NFC", decomposed)


@st.composite
def syllables(draw) -> tuple[str, list[str]]:
    """A syllable and its spellings with the tone on each vowel of the nucleus."""
    onset = draw(st.sampled_from(ONSETS))
    nucleus = draw(st.sampled_from(NUCLEI))
    coda = draw(st.sampled_from(CODAS))
    tone = draw(st.sampled_from(TONES))
    base = onset + nucleus + coda
    start = len(onset)
    spellings = [with_tone_on(base, start + i, tone) for i in range(len(nucleus))]
    return base, spellings


@given(st.text(max_size=60))
def test_tone_key_is_idempotent_on_any_text(text):
    # Given any text / When keyed twice / Then the second pass changes nothing
    assert tone_key(tone_key(text)) == tone_key(text)


@given(st.text(max_size=60))
def test_agency_key_is_idempotent_on_any_text(text):
    assert agency_key(agency_key(text)) == agency_key(text)


@given(vietnamese_text)
def test_keys_are_idempotent_on_vietnamese_like_text(text):
    # Given text made of Vietnamese letters, loose tone marks and separators
    # When keyed twice / Then nothing changes
    assert tone_key(tone_key(text)) == tone_key(text)
    assert agency_key(agency_key(text)) == agency_key(text)
    assert ascii_key(ascii_key(text)) == ascii_key(text)


@given(syllables())
def test_both_tone_placements_give_one_key(syllable):
    # Given a syllable spelled with the tone mark on each vowel of its nucleus (hoá / hóa)
    base, spellings = syllable
    # When keyed / Then every placement lands on the same key, in either case
    keys = {tone_key(s) for s in spellings} | {tone_key(s.upper()) for s in spellings}
    assert len(keys) == 1, (base, spellings, keys)
    # and the tone itself is kept: the key differs from the toneless syllable
    assert keys != {tone_key(base)}


@given(syllables())
def test_ascii_key_drops_every_diacritic(syllable):
    # Given a toned syllable / When ASCII-keyed / Then only plain ASCII letters remain
    base, spellings = syllable
    for spelling in spellings:
        key = ascii_key(spelling)
        assert key.isascii()
        assert key == ascii_key(base)


def test_ascii_key_turns_d_with_stroke_into_d():
    assert ascii_key("Đà Nẵng, đường") == "da nang, duong"


def test_query_without_diacritics_finds_the_accented_text():
    # Given the stored search key of a title
    stored = search_key("Ngoại giao văn hóa")
    # When searching with and without diacritics, and with the other tone placement
    # Then all find it
    assert query_key("van hoa") in stored
    assert query_key("văn hoá") in stored
    assert query_key("NGOAI GIAO") in stored


def test_accented_query_does_not_match_other_accents():
    # Given "vân hoa" stored / When searching "văn hoá" / Then it is not found
    assert query_key("văn hoá") not in search_key("vân hoa")


def test_agency_key_folds_conjunctions_and_punctuation():
    # Given the spellings clerks use for one department / Then they share one key
    spellings = ["Sở Văn hóa và Thể thao", "Sở Văn hóa& Thể thao", "Sở Văn hoá và Thể Thao", "sở văn hoá - thể thao"]
    assert len({agency_key(s) for s in spellings}) == 1
    assert agency_key("Sở Thông tin-Truyền thông") == agency_key("Sở Thông tin và Truyền thông")
