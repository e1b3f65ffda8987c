"""Country names: the Ministry of Foreign Affairs' Vietnamese names for every ISO 3166-1
entry, English from pycountry, and the old transliterations still accepted on import."""

import csv
import unicodedata

import pycountry
import pytest

from ngvh.core import countries


def _rows():
    with countries.VI_NAMES_FILE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_iso_3166_country_has_a_reviewed_vietnamese_name():
    # given the reviewed file and pycountry's ISO 3166-1 list
    rows = _rows()
    iso = {c.alpha_2 for c in pycountry.countries}
    # then it names each ISO entry exactly once, and nothing else
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    assert set(codes) == iso
    # and every name is non-empty NFC text, no two countries share a name, each row says what it is
    names = [r["name_vi"] for r in rows]
    assert all(n and n == unicodedata.normalize("NFC", n) and n == n.strip() for n in names)
    assert len(names) == len(set(names))
    assert {r["kind"] for r in rows} == {"state", "territory"}
    # and the name shown in Vietnamese is the file's, for every code
    assert all(countries.country_name(r["code"], "vi") == r["name_vi"] for r in rows)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("JP", "Nhật Bản"), ("KR", "Hàn Quốc"), ("LA", "Lào"), ("AF", "Áp-ga-ni-xtan"), ("AR", "Ác-hen-ti-na"),
        ("CZ", "Séc"), ("BD", "Băng-la-đét"), ("CN", "Trung Quốc"), ("US", "Hoa Kỳ"), ("RU", "Liên bang Nga"),
        ("KH", "Campuchia"), ("AU", "Ô-xtrây-li-a"), ("NZ", "Niu Di-lân"), ("GB", "Vương quốc Anh"),
        ("IT", "I-ta-li-a"), ("ID", "In-đô-nê-xi-a"), ("MK", "Bắc Ma-xê-đô-ni-a"), ("TR", "Thổ Nhĩ Kỳ"),
        ("SZ", "Ét-xoa-ti-ni"), ("VN", "Việt Nam"),
    ],
)
def test_spot_checks_of_the_ministry_names(code, name):
    assert countries.country_name(code, "vi") == name
    assert countries.country_name(code.lower(), "vi") == name


def test_no_old_transliteration_or_english_name_is_shown_in_vietnamese():
    shown = set(countries.vi_names().values())
    for old in ("A Phú Hãn", "Á-căn-đình", "Bang-la-đesợ", "Czechia", "Cộng hoà Nam Hàn", "Căm Bốt", "Mỹ", "Türkiye"):
        assert old not in shown


def test_english_names_come_from_pycountry():
    assert countries.country_name("CZ", "en") == "Czechia"
    assert countries.country_name("KR", "en") == "South Korea"
    assert countries.country_name("JP", "en") == "Japan"


def test_choices_are_names_sorted_without_diacritics():
    choices = countries.country_choices("vi")
    assert len(choices) == len(pycountry.countries)
    assert ("JP", "Nhật Bản") in choices
    labels = [label for _, label in choices]
    assert labels.index("Ác-hen-ti-na") < labels.index("Ai Cập") < labels.index("Áo")


def test_import_accepts_the_new_names_and_the_old_spellings():
    lookup = countries.country_lookup()
    key = countries.tone_key
    assert lookup[key("Áp-ga-ni-xtan")] == "AF"
    assert lookup[countries.ascii_key("Ap-ga-ni-xtan")] == "AF"
    assert lookup[key("A Phú Hãn")] == "AF"  # pycountry's catalogue, as older files wrote it
    assert lookup[key("Czechia")] == "CZ"
    assert lookup["jp"] == "JP"


def test_an_unknown_code_is_shown_as_given():
    assert countries.country_name("XX", "vi") == "XX"
    assert countries.country_name("", "vi") == ""
