"""Agency names the plan importer recognises, and the patterns of things that are not agencies.

Plans of the cultural-diplomacy family name the same department several ways (``Sở Văn
hóa& Thể thao``, ``Sở Văn hóa và Thể Thao``), abbreviate them in the recipients list
(``VHTT``) and mix agencies with placeholders (``Các đơn vị liên quan``, ``Các quận,
huyện``, press bodies). The vocabulary turns every spelling into one canonical name; the
import service extends it with the agencies a province has already stored, so a province's
own spelling wins over the national list.

No ORM here: this module is used by the pure parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ngvh.core.text import agency_key, ascii_key, nfc

# Standard provincial department names (domain.md §4), before and from 2025, plus the
# Hải Phòng bodies the bundled plan names. Order matters only for readability.
STANDARD_AGENCIES: tuple[str, ...] = (
    # before 2025 (Nghị định 24/2014, 107/2020)
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giao thông vận tải",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Văn hóa và Thể thao",
    "Sở Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Ngoại vụ",
    "Ban Dân tộc",
    "Sở Quy hoạch - Kiến trúc",
    "Thanh tra thành phố",
    "Thanh tra tỉnh",
    "Văn phòng Ủy ban nhân dân thành phố",
    "Văn phòng Ủy ban nhân dân tỉnh",
    # from 2025 (Nghị định 45/2025)
    "Sở Nông nghiệp và Môi trường",
    "Sở Dân tộc và Tôn giáo",
    "Thanh tra",
    # bodies named by the Hải Phòng plan
    "Công an thành phố",
    "Ban Quản lý Khu kinh tế",
)

# Abbreviations used in recipients lists ("Các Sở, ngành: Ng.v, VHTT, ...").
STANDARD_ALIASES: Mapping[str, str] = {
    "Ng.v": "Sở Ngoại vụ",
    "NgV": "Sở Ngoại vụ",
    "VHTT": "Sở Văn hóa và Thể thao",
    "VHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
    "TTTT": "Sở Thông tin và Truyền thông",
    "TT&TT": "Sở Thông tin và Truyền thông",
    "DL": "Sở Du lịch",
    "KHĐT": "Sở Kế hoạch và Đầu tư",
    "KH&ĐT": "Sở Kế hoạch và Đầu tư",
    "TC": "Sở Tài chính",
    "CATP": "Công an thành phố",
    "GD&ĐT": "Sở Giáo dục và Đào tạo",
    "GDĐT": "Sở Giáo dục và Đào tạo",
    "NV": "Sở Nội vụ",
    "YT": "Sở Y tế",
    "KH&CN": "Sở Khoa học và Công nghệ",
    "TN&MT": "Sở Tài nguyên và Môi trường",
    "LĐTB&XH": "Sở Lao động - Thương binh và Xã hội",
    "NN&PTNT": "Sở Nông nghiệp và Phát triển nông thôn",
    "GTVT": "Sở Giao thông vận tải",
}

# Words that open an agency name. A cell listing several agencies without separators is
# split before each of them. Single words only count when the next word is capitalised
# ("Bộ Ngoại giao", not "bộ đội"), so ordinary prose words are not mistaken for heads.
MULTI_WORD_HEADS: tuple[str, ...] = (
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "Công an",
    "Văn phòng",
    "Thanh tra",
    "Cơ quan",
    "Liên hiệp",
    "Liên đoàn",
    "Trung tâm",
    "Thành đoàn",
    "Mặt trận",
    "Bảo tàng",
    "Nhà hát",
    "Chi cục",
    "Các",
)
SINGLE_WORD_HEADS: tuple[str, ...] = (
    "Sở",
    "Ban",
    "Bộ",
    "Hội",
    "Báo",
    "Đài",
    "Trường",
    "Viện",
    "Cục",
)

# A piece of a cell that starts like this names an agency even when the vocabulary does
# not know it (a province's own body). Compared on ascii_key.
AGENCY_PREFIXES: tuple[str, ...] = (
    "so ",
    "ban ",
    "cong an ",
    "van phong ",
    "thanh tra",
    "uy ban nhan dan ",
    "ubnd ",
    "bo ",
    "truong ",
    "dai ",
    "bao ",
    "hoi ",
    "lien hiep ",
    "lien doan ",
    "trung tam ",
    "vien ",
    "thanh doan",
    "mat tran ",
    "bao tang ",
    "nha hat ",
    "cuc ",
    "chi cuc ",
)

# Placeholders (compared on ascii_key, punctuation folded to spaces).
RELATED_UNITS_RE = re.compile(r"^(?:cac\s+)?(?:co quan\s+)?(?:don vi|co quan|nganh|so ban nganh)(?:\s+\w+)*\s+lien quan$")
DISTRICTS_RE = re.compile(r"\bquan\s+huyen\b")
DISTRICTS_LABEL = "Các quận, huyện"
# Press bodies and portals: named parties that are not agencies of the plan.
OTHER_PARTY_PREFIXES: tuple[str, ...] = (
    "co quan bao chi",
    "cac co quan bao chi",
    "bao chi",
    "he thong ",
    "cong thong tin",
    "cac cong thong tin",
    "trang thong tin",
    "cac trang thong tin",
)
# "công thông tin điện tử" is a frequent typo for "cổng thông tin điện tử" (portal).
PORTAL_TYPO_RE = re.compile(r"\b([Cc])ông(\s+thông\s+tin\s+điện\s+tử)")

_UBND_RE = re.compile(r"\bUBND\b")
_TP_RE = re.compile(r"\bTP\.?(?=\s|$)")


def expand_abbreviations(name: str) -> str:
    """Spell out ``UBND`` and ``TP`` so ``UBND TP`` meets ``Ủy ban nhân dân thành phố``."""
    name = _UBND_RE.sub("Ủy ban nhân dân", name)
    return _TP_RE.sub("thành phố", name)


def _alias_key(text: str) -> str:
    """Abbreviations are compared without spaces or diacritics: ``KH&ĐT`` = ``KHĐT`` = ``KHDT``."""
    return ascii_key(agency_key(text)).replace(" ", "")


def _name_key(text: str) -> str:
    return agency_key(expand_abbreviations(nfc(text)))


@dataclass(frozen=True)
class Vocabulary:
    """Canonical agency names and the other spellings that lead to them."""

    names: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)
    _by_key: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _by_alias: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key: dict[str, str] = {}
        for name in self.names:
            # A later name (a province's stored spelling) replaces an earlier one with the
            # same key: the province's own spelling is the one its users expect to see.
            by_key[_name_key(name)] = nfc(name)
        by_alias: dict[str, str] = {}
        for alias, target in self.aliases.items():
            canonical = by_key.get(_name_key(target), nfc(target))
            by_key.setdefault(_name_key(canonical), canonical)
            by_alias[_alias_key(alias)] = canonical
            # A spelled-out alias ("Sở VH&TT") is also a name-shaped key.
            by_key.setdefault(_name_key(alias), canonical)
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_by_alias", by_alias)

    @classmethod
    def default(cls) -> Vocabulary:
        return cls(names=STANDARD_AGENCIES, aliases=dict(STANDARD_ALIASES))

    def with_agencies(
        self, names: Iterable[str], aliases: Mapping[str, str] | Iterable[tuple[str, str]] = ()
    ) -> Vocabulary:
        """A copy that also knows a province's stored agencies (their spelling wins)."""
        extra_aliases = dict(aliases.items() if isinstance(aliases, Mapping) else aliases)
        return Vocabulary(
            names=tuple(self.names) + tuple(nfc(n) for n in names if nfc(n)),
            aliases={**dict(self.aliases), **extra_aliases},
        )

    def resolve(self, text: str) -> str | None:
        """The canonical name for any known spelling or abbreviation, else None."""
        key = _name_key(text)
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        alias = self._by_alias.get(_alias_key(text))
        if alias:
            return alias
        # "Sở VHTT": a head word followed by an abbreviation.
        head, _, rest = nfc(text).partition(" ")
        if rest and ascii_key(head) == "so":
            alias = self._by_alias.get(_alias_key(rest))
            if alias and ascii_key(alias).startswith("so "):
                return alias
        return None

    def resolve_abbreviation(self, token: str) -> str | None:
        """Only the abbreviation table: for recipients lists, where prose is not a name."""
        return self._by_alias.get(_alias_key(token))

    def is_known(self, name: str) -> bool:
        return self.resolve(name) is not None
