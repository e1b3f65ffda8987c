"""Parse a provincial cultural-diplomacy plan into :class:`ParsedPlan`.

Pure: a :class:`~ngvh.plans.readers.Document` in, plain data out, no database. The import
service decides what to store; ``ngvh plan parse`` prints the JSON.

Decisions worth knowing:

* Body sections are coded ``I``, ``I.1``, ``III.5``. When the document numbers two items
  alike (Hải Phòng's section III has two items 5), the second keeps its printed number
  with a letter, ``III.5b`` (then ``III.5c``...), and a warning is added. Renumbering
  would make every later code disagree with the printed plan people cite.
* A lead cell naming several agencies keeps the first as lead; the others become the
  first coordinators, with a warning, so nothing the plan says is lost.
* Placeholders are not agencies: ``Các đơn vị liên quan`` sets ``related_units``;
  ``Các quận, huyện`` (also ``Ủy ban nhân dân các quận, huyện``), press bodies and portals
  go to ``other_parties``.
* A timeframe we cannot read becomes ``unspecified`` with a warning, not a refusal: the
  original text is kept and a coordinator can fix it after import.
* A plan without a task table is read from the numbered items of its ``NHIỆM VỤ ...``
  section (see ``_body_tasks``); a task there without a lead goes to review. When the plan
  has a task table, the body gives no task at all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ngvh.core.messages import Message
from ngvh.core.text import agency_key, ascii_key, nfc, tone_key
from ngvh.plans.parsed import (
    BodySection,
    ParsedGroup,
    ParsedPlan,
    ParsedTask,
    PlanParseError,
    ReviewWarning,
    Timeframe,
)
from ngvh.plans.readers import Document, Line, Row, Table, read_document
from ngvh.plans.vocabulary import (
    AGENCY_PREFIXES,
    DISTRICTS_LABEL,
    DISTRICTS_RE,
    MULTI_WORD_HEADS,
    OTHER_PARTY_PREFIXES,
    PORTAL_TYPO_RE,
    SINGLE_WORD_HEADS,
    Vocabulary,
)

__all__ = ["parse_bytes", "parse_plan", "parse_timeframe", "split_parties", "Parties"]


def parse_bytes(data: bytes, filename: str, *, vocabulary: Vocabulary | None = None) -> ParsedPlan:
    return parse_plan(read_document(data, filename), vocabulary=vocabulary)


def parse_plan(document: Document, *, vocabulary: Vocabulary | None = None) -> ParsedPlan:
    return _PlanParser(document, vocabulary or Vocabulary.default()).parse()


# --- small text helpers -------------------------------------------------------------------

_MARKUP_RE = re.compile(r"\*\*|__")
_PUNCT_KEY_RE = re.compile(r"[^\w\s]+")
_ROMAN_RE = re.compile(r"^(?=[IVXLC])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def _clean(text: str) -> str:
    """Drop Markdown-style bold markers left by conversions, fold whitespace, NFC."""
    text = _MARKUP_RE.sub("", text or "")
    text = text.strip()
    if text.startswith("*") and text.endswith("*") and len(text) > 2:
        text = text[1:-1]  # an italic line: "*Hải Phòng, ngày ...*"
    return nfc(text)


def _words_key(text: str) -> str:
    """ASCII key with punctuation folded to spaces: what header and placeholder tests compare."""
    return " ".join(_PUNCT_KEY_RE.sub(" ", ascii_key(text)).split())


def _is_roman(text: str) -> bool:
    return bool(text) and bool(_ROMAN_RE.match(text))


def _warning(line: int | None, note: Message) -> dict:
    """A plan warning as plain data: the line and a ``plans.warning.*`` code with its
    parameters (``ngvh.plans.messages.warning_text`` words it)."""
    return {"line": line, "code": note.code, "params": dict(note.params)}


# --- agencies and placeholders in a cell --------------------------------------------------

_MULTI_HEAD_KEYS = {tone_key(h) for h in MULTI_WORD_HEADS if " " in h}
_SINGLE_MULTI_KEYS = {tone_key(h) for h in MULTI_WORD_HEADS if " " not in h}  # "các", "ubnd"
_SINGLE_HEAD_KEYS = {tone_key(h) for h in SINGLE_WORD_HEADS}
_CONNECTOR_SPLITS = {tone_key(p) for p in ("và các", "cùng các", "cùng với", "các đơn vị", "và Các")}
_AFTER_COMMA_STARTS = ("các", "đơn vị", "hệ thống", "cơ quan", "cổng")
_BARE_HEADS = _MULTI_HEAD_KEYS | _SINGLE_MULTI_KEYS | _SINGLE_HEAD_KEYS
_MERGE_TAIL_WORDS = {"các", "của", "thuộc", "trực thuộc"}
_STRIP_WORDS = {"và", "cùng", "với", "cùng với"}
_EDGE_PUNCT = " \t,;.:-–—"
# After "và các": words that carry on an official name ("Ban Quản lý Khu kinh tế Dung Quất
# và các Khu công nghiệp Quảng Ngãi") rather than open a new party.
_NAME_TAIL_KINDS = {tone_key(w) for w in ("Khu", "Cụm", "Làng", "Cảng", "Vườn", "Di", "Bến")}
_AND_KEYS = {tone_key("và"), tone_key("cùng")}
_PLACEHOLDER_STARTS = {tone_key(w) for w in ("cơ", "đơn", "sở", "ngành", "địa", "tổ", "quận", "huyện", "xã")}
_MERGE_TAIL_KEYS = {tone_key(w) for w in ("các", "của", "thuộc", "và", "với", "cùng", "dân", "UBND", "đạo")}


@dataclass
class Parties:
    """What one table cell names: agencies in order, and the placeholders beside them."""

    agencies: list[tuple[str, str, bool]] = field(default_factory=list)  # (canonical, as written, known)
    related_units: bool = False
    other_parties: list[str] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)  # remarks for warnings
    uncertain: list[str] = field(default_factory=list)  # pieces that may or may not be agencies


def _word_core(word: str) -> str:
    return word.strip("()[]\"'“”,;:.")


def _head_at(words: list[str], i: int) -> bool:
    """Does an agency name (or a placeholder) start at word ``i``?"""
    word = _word_core(words[i])
    if not word:
        return False
    pair = tone_key(f"{word} {_word_core(words[i + 1])}") if i + 1 < len(words) else ""
    if pair in _CONNECTOR_SPLITS:
        # "và các đơn vị liên quan" starts a placeholder; "và các Khu công nghiệp" goes on
        # with the official name before it (a kind of body, not an agency of its own).
        after = tone_key(_word_core(words[i + 2])) if i + 2 < len(words) else ""
        return not (tone_key(word) in _AND_KEYS and after in _NAME_TAIL_KINDS)
    if word == "các" and i and _word_core(words[i - 1]) and i + 1 < len(words):
        # A Word cell pasted as text: "Sở Xây dựng các cơ quan liên quan".
        return tone_key(_word_core(words[i - 1])) not in _MERGE_TAIL_KEYS and (
            tone_key(_word_core(words[i + 1])) in _PLACEHOLDER_STARTS
        )
    if not word[0].isupper():
        return False
    if pair in _MULTI_HEAD_KEYS or tone_key(word) in _SINGLE_MULTI_KEYS:
        return True
    if tone_key(word) in _SINGLE_HEAD_KEYS and i + 1 < len(words):
        following = _word_core(words[i + 1])
        return bool(following) and following[0].isupper()
    return False


def _starts_after_comma(words: list[str], i: int) -> bool:
    rest = tone_key(" ".join(_word_core(w) for w in words[i : i + 2]))
    return any(rest == s or rest.startswith(s + " ") for s in _AFTER_COMMA_STARTS)


def _split_segment(segment: str) -> list[str]:
    """Split a run of names with no separator, or with commas that are real separators.

    A comma separates only when an agency or placeholder starts after it: ``Sở Văn hóa,
    Thể thao và Du lịch`` is one name and ``Các quận, huyện`` one placeholder.
    """
    words = segment.split()
    pieces: list[list[str]] = [[]]
    for i, word in enumerate(words):
        if i and pieces[-1]:
            after_comma = words[i - 1].endswith(",")
            if _head_at(words, i) or (after_comma and _starts_after_comma(words, i)):
                pieces.append([])
        pieces[-1].append(word)
    return [" ".join(p) for p in pieces if p]


def _is_bare_head(piece: str, vocabulary: Vocabulary) -> bool:
    key = tone_key(piece.strip(_EDGE_PUNCT))
    return key in _BARE_HEADS and not vocabulary.resolve(piece)


def _merge_pieces(pieces: list[str], vocabulary: Vocabulary) -> list[str]:
    """Undo splits that cut a name: ``Văn phòng | Ủy ban nhân dân``, ``Cơ quan | Báo chí``."""
    pieces = list(pieces)
    i = 0
    while i < len(pieces) - 1:
        first, second = pieces[i], pieces[i + 1]
        last_word = tone_key(first.rstrip(_EDGE_PUNCT).split()[-1]) if first.strip(_EDGE_PUNCT) else ""
        joined = f"{first} {second}"
        if (
            _is_bare_head(first, vocabulary)
            or last_word in _MERGE_TAIL_WORDS
            or (vocabulary.resolve(joined) and not vocabulary.resolve(second))
        ):
            pieces[i : i + 2] = [joined]
            continue
        i += 1
    return pieces


def _trim_piece(piece: str) -> str:
    """Drop separators and connecting words at the edges: ``và các đơn vị liên quan.``"""
    text = piece.strip(_EDGE_PUNCT)
    changed = True
    while changed and text:
        changed = False
        words = text.split()
        if len(words) > 1 and tone_key(words[0]) in _STRIP_WORDS:
            text, changed = " ".join(words[1:]).strip(_EDGE_PUNCT), True
        words = text.split()
        if len(words) > 1 and tone_key(words[-1]) in _STRIP_WORDS:
            text, changed = " ".join(words[:-1]).strip(_EDGE_PUNCT), True
    return text


def _tidy_new_name(text: str) -> str:
    """A name we do not know is kept as written, except a lower-case head word."""
    return text[0].upper() + text[1:] if text and text[0].islower() else text


def split_parties(cell: str, vocabulary: Vocabulary) -> Parties:
    """Agencies and placeholders named in one cell, in order, without duplicates."""
    result = Parties()
    text = nfc((cell or "").replace("\n", " ; "))
    raw_pieces: list[str] = []
    for segment in re.split(r"\s*;\s*", text):
        raw_pieces.extend(_split_segment(segment))
    for piece in _merge_pieces(raw_pieces, vocabulary):
        _classify(_trim_piece(piece), vocabulary, result)
    return result


def _classify(piece: str, vocabulary: Vocabulary, result: Parties) -> None:
    if not piece:
        return
    fixed = PORTAL_TYPO_RE.sub(lambda m: f"{m.group(1)}ổng{m.group(2)}", piece)
    if fixed != piece:
        result.notes.append(Message("plans.warning.portal_typo", {"written": piece, "fixed": fixed}))
        piece = fixed
    key = _words_key(piece)
    if _LOCAL_UNITS_RE.match(key) and not DISTRICTS_RE.search(key):
        _add_unique(result.other_parties, piece)
        return
    if DISTRICTS_RE.search(key):
        _add_unique(result.other_parties, DISTRICTS_LABEL)
        if "lien quan" in key:
            result.related_units = True
        return
    if key.endswith("lien quan") and key.startswith(("cac ", "don vi", "co quan")):
        result.related_units = True
        return
    if key.startswith(OTHER_PARTY_PREFIXES) or key.startswith("cac "):
        _add_unique(result.other_parties, piece)
        return
    canonical = vocabulary.resolve(piece)
    if canonical:
        _add_agency(result, canonical, piece, True)
    elif key.startswith(AGENCY_PREFIXES) and len(key.split()) >= 2:
        _add_agency(result, _tidy_new_name(piece), piece, False)
    else:
        _add_unique(result.other_parties, piece)
        result.uncertain.append(piece)
        result.notes.append(Message("plans.warning.other_party", {"name": piece}))


def _add_unique(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _add_agency(result: Parties, canonical: str, written: str, known: bool) -> None:
    if all(existing != canonical for existing, _, _ in result.agencies):
        result.agencies.append((canonical, nfc(written), known))


# "UBND các huyện", "Ủy ban nhân dân các huyện, thị xã, thành phố": every local government,
# a placeholder like "Các quận, huyện", not one agency.
_LOCAL_UNITS_RE = re.compile(r"^(?:ubnd|uy ban nhan dan)\s+cac\s+(?:quan|huyen|thi xa|xa|phuong|dia phuong)\b")


# --- timeframes ---------------------------------------------------------------------------

_PERIOD_RE = re.compile(
    r"^(?:giai doan|tu nam|tu|trong giai doan|nam)?\s*(\d{4})\s*(?:-|–|—|den nam|den)\s*(?:nam\s*)?(\d{4})$"
)
_YEAR_RE = re.compile(r"^(?:trong nam|nam|trong|truoc nam)?\s*(\d{4})$")
_DATED_YEAR_RE = re.compile(r"^(?:truoc ngay|ngay|truoc thang|thang|truoc|den)?\s*(?:\d{1,2}\s*/\s*){1,2}(\d{4})$")
_QUARTER_RE = re.compile(r"^(?:trong\s+)?quy\s+(iv|iii|ii|i|[1-4])\s*(?:/|nam|-)\s*(?:nam\s*)?(\d{4})$")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


class TimeframeOrderError(ValueError):
    """A period that ends before it starts: the caller refuses it with the row."""


def parse_timeframe(text: str) -> Timeframe | None:
    """Read a timeframe cell; None when the text is not a form we know."""
    original = nfc(text)
    key = ascii_key(original).strip(" .;,").replace("–", "-").replace("—", "-")
    key = " ".join(key.split())
    if not key:
        return Timeframe("unspecified", text=original)
    if re.search(r"\bha?ng nam\b", key):
        return Timeframe("annual", text=original)
    if "thuong xuyen" in key:
        return Timeframe("ongoing", text=original)
    if "phat sinh" in key or re.search(r"\btheo yeu cau\b", key):
        return Timeframe("as_arising", text=original)
    if match := _PERIOD_RE.match(key):
        start, end = int(match.group(1)), int(match.group(2))
        if end < start:
            raise TimeframeOrderError(original)
        return Timeframe("period", start=start, end=end, text=original)
    if match := _QUARTER_RE.match(key):
        year = int(match.group(2))
        return Timeframe("quarter", start=year, end=year, quarter=_QUARTERS[match.group(1)], text=original)
    if match := _YEAR_RE.match(key) or _DATED_YEAR_RE.match(key):
        year = int(match.group(1))
        return Timeframe("year", start=year, end=year, text=original)
    return None


# --- document structure -------------------------------------------------------------------

_DOC_TYPES = {"ke hoach", "ke hoach hanh dong", "chuong trinh", "chuong trinh hanh dong", "de an"}
_OTHER_DOC_TYPES = {  # the first words of the line: the message code naming the kind
    "bao cao": "plans.parse.kind.report",
    "to trinh": "plans.parse.kind.submission",
    "thong bao": "plans.parse.kind.notice",
    "cong van": "plans.parse.kind.letter",
    "giay moi": "plans.parse.kind.invitation",
}
_LETTER_RE = re.compile(r"^(?:V/v|V\.v|Về việc|Kính gửi)\b", re.IGNORECASE)
_ARTICLE_ONE_RE = re.compile(
    r"Điều\s+1\s*[.:]\s*Ban hành kèm theo Quyết định này\s+(?:bản\s+)?Kế hoạch\s+(?P<title>.+?)\s*[.;]?$",
    re.IGNORECASE,
)
_APPENDIX_RE = re.compile(r"^phu luc(?: [ivx\d]+)?$")
_NUMBER_LINE_RE = re.compile(r"^Số\s*:?\s*(\d+[\w./Đđ\-]*/[\w./Đđ\-]+)", re.IGNORECASE)
_CAPTION_RE = re.compile(
    r"kèm theo\s+(?:kế hoạch|chương trình|đề án)[^\d]{0,30}?số\s*:?\s*(?P<number>\d+[\w./Đđ\-]*/[\w./Đđ\-]+)"
    r"(?:\s+ngày\s+(?P<d>\d{1,2})\s*(?:/|tháng)\s*(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4}))?",
    re.IGNORECASE,
)
_PLACE_DATE_RE = re.compile(
    r"^(?P<place>[^\d,]{2,60}?)\s*,\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
_ISSUER_TEXT_RE = re.compile(
    r"(?P<body>Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+(?P<unit>thành phố|tỉnh)\s+(?P<rest>.+)", re.IGNORECASE
)
_REF_RE = re.compile(
    r"(?P<kind>Quyết định|Công văn|Nghị quyết|Nghị định|Chỉ thị|Thông tư|Kế hoạch|Kết luận|Thông báo|"
    r"Chương trình|Hướng dẫn|Văn bản|Luật)\s+số\s+(?P<number>\d[\w./Đđ\-]*)"
    r"(?:\s+ngày\s+(?P<d>\d{1,2})\s*(?:/|tháng)\s*(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4}))?",
)
_SIGN_ON_BEHALF_RE = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\s*\.\s*\S", re.IGNORECASE)
_RECIPIENTS_RE = re.compile(r"^nơi nhận\s*:?", re.IGNORECASE)
_BODY_ROMAN_RE = re.compile(r"^(?P<code>[IVXLC]{1,6})\s*[.)]\s+(?P<title>\S.*)$")
_BODY_NUMBER_RE = re.compile(r"^(?P<code>\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s+(?P<title>\S.*)$")
_SMALL_ITEM_RE = re.compile(r"^[a-zđ]\s*[).]\s+\S")  # "a) Tổ chức ...": an item, not a cut paragraph
_BULLET_RE = re.compile(r"^[-–—+•*]\s*(?P<text>\S.*)$")
_END_PUNCT = tuple(".;:!?…\"”)")
_DEADLINE_RE = re.compile(r"truoc ngay\s+(\d{1,2})\s*(?:/|thang)\s*(\d{1,2})(?:\s*/\s*\d{4})?\s*,?\s+hang nam")
_ANY_DEADLINE_RE = re.compile(r"truoc ngay\s+(\d{1,2})\s*(?:/|thang)\s*(\d{1,2})(?!\s*/\s*\d{4})")
_HALF_YEAR_RE = re.compile(r"\b(?:6|sau) thang\b")
_DUTY_CUT_RE = re.compile(
    r"\s+(?:chủ trì|phối hợp|có trách nhiệm|thực hiện|tham mưu|là cơ quan|được giao|hướng dẫn|triển khai|"
    r"theo dõi|căn cứ)\b|\s*:",
    re.IGNORECASE,
)


# Tasks numbered in the body (a plan without a task table): the markers of an item, outermost
# first as provinces nest them; "- ..." bullets are never items.
_ITEM_RES = (
    ("roman", re.compile(r"^(?P<code>[IVXLC]{1,6})\s*[.)]\s+(?P<title>\S.*)$")),
    ("letter", re.compile(r"^(?P<code>[A-ZĐ])\s*[.)]\s+(?P<title>\S.*)$")),
    ("dotted", re.compile(r"^(?P<code>\d{1,2}(?:\.\d{1,2})+)\s*[.)]?\s+(?P<title>\S.*)$")),
    ("number", re.compile(r"^(?P<code>\d{1,2})\s*[.)]\s+(?P<title>\S.*)$")),
    ("small", re.compile(r"^(?P<code>[a-zđ])\s*[).]\s+(?P<title>\S.*)$")),
)
_TASKS_HEADING_RE = re.compile(r"^(?:(?:[IVXLC]{1,6}|[A-Z]|PHẦN\s+\w+)\s*[.):]\s*)?(?P<title>\S.{4,})$")
_ATTRIBUTE_RES = (
    ("lead", re.compile(
        r"^(?:(?:cơ quan|đơn vị)\s+)?(?:chủ trì(?:\s+thực hiện)?|thực hiện(?:\s+chính)?)\s*:\s*(?P<value>.*)$",
        re.IGNORECASE,
    )),
    ("coordinators", re.compile(
        r"^(?:(?:cơ quan|đơn vị)\s+)?phối hợp(?:\s+thực hiện)?\s*:\s*(?P<value>.*)$", re.IGNORECASE
    )),
    ("time", re.compile(
        r"^(?:thời gian|thời hạn|tiến độ)(?:\s+(?:thực hiện|hoàn thành))?\s*:\s*(?P<value>.*)$", re.IGNORECASE
    )),
    ("products", re.compile(r"^(?:sản phẩm|kết quả)(?:\s+đầu ra)?\s*:\s*(?P<value>.*)$", re.IGNORECASE)),
)
# "(Sở Ngoại vụ chủ trì, phối hợp với Công an tỉnh; thực hiện thường xuyên)" ending a task.
_INLINE_RE = re.compile(r"\s*\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*[.;,]?\s*$")
_INLINE_LEAD_RE = re.compile(
    r"^(?:giao\s+)?(?P<lead>.+?)\s+(?:là cơ quan\s+)?chủ trì\b[\s,]*(?:thực hiện\b)?[\s,]*(?P<rest>.*)$",
    re.IGNORECASE,
)
_INLINE_WITH_RE = re.compile(r"^(?:và\s+)?phối hợp(?:\s+với)?\s*:?\s*(?P<value>.*)$", re.IGNORECASE)
_INLINE_TIME_RE = re.compile(
    r"^(?:(?:thời gian|thời hạn|tiến độ)(?:\s+(?:thực hiện|hoàn thành))?\s*:?|thực hiện|hoàn thành|triển khai)\s*",
    re.IGNORECASE,
)


def _item(text: str) -> tuple[str, str, str] | None:
    """(kind, printed code, title) of a numbered item, or None."""
    for kind, pattern in _ITEM_RES:
        match = pattern.match(text)
        if match and (kind != "roman" or _is_roman(match.group("code"))):
            return kind, match.group("code"), match.group("title").strip()
    return None


def _is_tasks_heading(text: str) -> bool:
    """``II. NHIỆM VỤ VÀ GIẢI PHÁP``, ``III. NHIỆM VỤ CỤ THỂ``, ``B. CÁC NHIỆM VỤ, GIẢI PHÁP``."""
    match = _TASKS_HEADING_RE.match(text)
    title = match.group("title") if match else ""
    if title.upper() == title and "nhiem vu" in _words_key(title):
        return True
    # "II. Nhiệm vụ và giải pháp": a Roman section not in capitals, named for the tasks
    roman = _BODY_ROMAN_RE.match(text)
    return bool(roman) and _is_roman(roman.group("code")) and _words_key(roman.group("title")).startswith(
        ("nhiem vu", "cac nhiem vu", "noi dung nhiem vu")
    )


def _is_major_heading(text: str, capitals: bool) -> bool:
    """The Roman section after the tasks (``III. TỔ CHỨC THỰC HIỆN``) ends them. When the
    sections are written in capitals, a Roman line that is not (``I. Quảng bá ...``) is a
    group of tasks, not a section."""
    match = _BODY_ROMAN_RE.match(text)
    title = match.group("title") if match else ""
    if not match or not _is_roman(match.group("code")):
        return False
    return not capitals or (title.upper() == title and any(c.isalpha() for c in title))


def _attribute(text: str) -> tuple[str, str] | None:
    """``- Cơ quan chủ trì: Sở ...`` -> ("lead", "Sở ..."); also coordinators, time, products."""
    bullet = _BULLET_RE.match(text)
    body = (bullet.group("text") if bullet else text).strip()
    for kind, pattern in _ATTRIBUTE_RES:
        match = pattern.match(body)
        if match:
            return kind, match.group("value").strip(" .;")
    return None


def _inline_attributes(title: str) -> tuple[str, dict[str, str]]:
    """A task sentence ending in ``(X chủ trì, phối hợp với Y; thực hiện hằng năm)``: the
    sentence without the parentheses, and what they say. Other parentheses stay in the title."""
    match = _INLINE_RE.search(title)
    if not match:
        return title, {}
    found: dict[str, str] = {}
    for part in re.split(r"\s*;\s*", match.group("inner")):
        part = part.strip(" .,")
        if not part:
            continue
        attribute = _attribute(part)
        if attribute:
            found.setdefault(*attribute)
            continue
        lead = _INLINE_LEAD_RE.match(part)
        if lead:
            found.setdefault("lead", lead.group("lead").strip(" ,"))
            with_ = _INLINE_WITH_RE.match(lead.group("rest").strip(" ,"))
            if with_ and with_.group("value"):
                found.setdefault("coordinators", with_.group("value"))
            continue
        with_ = _INLINE_WITH_RE.match(part)
        if with_:
            found.setdefault("coordinators", with_.group("value"))
            continue
        when = _INLINE_TIME_RE.sub("", part, count=1)
        try:
            readable = parse_timeframe(when) is not None
        except TimeframeOrderError:
            readable = True  # the task refuses it with its line
        if readable and when:
            found.setdefault("time", when)
            continue
        return title, {}  # a parenthesis that is part of the sentence
    if "lead" not in found and "coordinators" not in found:
        return title, {}
    return title[: match.start()].rstrip(), found


def _date(day: str, month: str, year: str, *, line: int | None = None) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise PlanParseError(Message("plans.parse.bad_date", {"day": day, "month": month, "year": year}), line=line) from exc


@dataclass
class _Columns:
    number: int
    title: int
    lead: int
    coordinators: int | None = None
    time: int | None = None
    products: int | None = None
    width: int = 0

    @property
    def needed(self) -> int:
        return max(self.number, self.title, self.lead) + 1


def _column_kind(cell: str) -> str | None:
    key = _words_key(cell)
    if key in {"tt", "stt", "so tt", "so thu tu", "thu tu"}:
        return "number"
    if "chu tri" in key:
        return "lead"
    if "phoi hop" in key:
        return "coordinators"
    if key.startswith(("thoi gian", "thoi han", "tien do", "thoi diem")):
        return "time"
    if key in {"don vi thuc hien", "co quan thuc hien", "don vi thuc hien chinh", "co quan chu quan"}:
        return "lead"
    if "san pham" in key or key.startswith("ket qua"):
        return "products"
    if "noi dung" in key or "nhiem vu" in key or key.startswith(("ten ", "hoat dong", "cong viec")):
        return "title"
    return None


def _header_columns(cells: list[str]) -> _Columns | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        kind = _column_kind(cell) if cell else None
        if kind and kind not in found:
            found[kind] = index
    if not {"number", "title", "lead"} <= found.keys():
        return None
    return _Columns(
        number=found["number"],
        title=found["title"],
        lead=found["lead"],
        coordinators=found.get("coordinators"),
        time=found.get("time"),
        products=found.get("products"),
        width=len(cells),
    )


def _is_column_number_row(cells: list[str]) -> bool:
    """The "(1) (2) (3)" row Word tables often carry under the header."""
    values = [re.sub(r"[()\s]", "", c) for c in cells if c]
    return len(values) >= 3 and values == [str(i) for i in range(1, len(values) + 1)]


def _is_header_echo(cells: list[str]) -> bool:
    """A header row repeated on a new page, shortened or split over two rows."""
    kinds = [_column_kind(c) for c in cells if c]
    return bool(kinds) and all(kinds) and len(kinds) >= 2


def _next_number(rows: list[Row], columns: _Columns) -> str:
    for row in rows[:3]:
        cells = _trim_row(row.cells)
        if len(cells) > columns.number and cells[columns.number]:
            return cells[columns.number].rstrip(".")
    return ""


def _trim_row(cells: list[str]) -> list[str]:
    cells = [nfc(c.replace("\n", " ")) if c else "" for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return cells


class _PlanParser:
    def __init__(self, document: Document, vocabulary: Vocabulary):
        self.document = document
        self.vocabulary = vocabulary
        self.warnings: list[dict] = []
        self.needs_review: list[ReviewWarning] = []
        self.agencies: dict[str, dict] = {}
        self.is_docx = document.encoding == "docx"

    # -- top level

    def parse(self) -> ParsedPlan:
        front, appendix_lines, task_rows = self._split()
        doc_type = self._doc_type_index(front)
        self._refuse_other_documents(front, doc_type)
        decision = self._decision_index(front, doc_type)
        decision_lines: list[Line] = []
        if decision is not None:
            # A plan issued by a QUYẾT ĐỊNH: the letter head is the decision's, its "Căn cứ"
            # lines are the plan's legal basis, and its number is the plan's number.
            header = front[:decision]
            decision_lines = front[decision : doc_type if doc_type is not None else len(front)]
        else:
            header = front[:doc_type] if doc_type is not None else []
        if doc_type is None and decision is not None:
            title, after_title = self._decision_title(front, decision)
        else:
            title, after_title = self._title(front, doc_type)
        body_start = self._first_roman(front, after_title)
        body_end = self._closing_index(front, body_start)
        preamble = front[after_title:body_start]
        body_lines = front[body_start:body_end]
        closing = front[body_end:]

        number, caption_date, caption_issuer = self._number(header, front, appendix_lines)
        place, issued_on = self._place_and_date(header + front, caption_date)
        groups, tasks = self._tasks(task_rows)
        tasks_section = None
        if not tasks:
            # No task table: the tasks are the numbered items of the body's tasks section.
            groups, tasks, tasks_section = self._body_tasks(preamble + body_lines)
        body = self._body(body_lines, tasks_section)
        recipients, signer = self._closing(closing)
        self._abbreviations_seen(recipients)
        return ParsedPlan(
            number=number,
            issued_on=issued_on,
            place=place,
            issuer=self._issuer(header, preamble, caption_issuer, place),
            title=title,
            legal_basis=[
                basis for basis in self._legal_basis(decision_lines + preamble) if basis["number"] != number
            ],
            report_deadline=self._report_deadline(preamble + body_lines),
            half_year_deadline=self.half_year_deadline,
            groups=groups,
            tasks=tasks,
            body=body,
            recipients=recipients,
            signer=signer,
            agencies=list(self.agencies.values()),
            warnings=self.warnings,
            needs_review=self.needs_review,
        )

    def _warn(self, line: int | None, message_code: str, /, **params) -> None:
        self.warnings.append(_warning(line, Message(message_code, params)))

    def _review(self, code: str, params: dict, where: Row | Line | str, task_code: str | None = None) -> None:
        """Something a person should check before storing; ``where`` is a row, a line or a locator."""
        source = where if isinstance(where, str) else self._source(where)
        warning = ReviewWarning(code=code, params=params, source=source, task_code=task_code)
        if warning not in self.needs_review:
            self.needs_review.append(warning)

    # -- splitting the document into the letter and the appendix table

    def _split(self) -> tuple[list[Line], list[Line], list[Row]]:
        """Lines of the letter, lines of the appendix, and the rows of the task tables.

        Tables that are not task tables (a two-column header, a signature block) are read as
        lines, cell by cell, so the header and signature rules work on Word files too.
        """
        front: list[Line] = []
        appendix: list[Line] = []
        rows: list[Row] = []
        in_appendix = False
        have_task_table = False
        for block in self.document.blocks:
            if isinstance(block, Line):
                text = _clean(block.text)
                if not in_appendix and not have_task_table and _APPENDIX_RE.match(_words_key(text)):
                    in_appendix = True
                    continue
                target = appendix if (in_appendix or have_task_table) else front
                target.append(Line(text=text, number=block.number))
                continue
            if self._is_task_table(block) or (have_task_table and self._continues_tasks(block)):
                have_task_table = True
                rows.extend(block.rows)
                continue
            target = appendix if (in_appendix or have_task_table) else front
            target.extend(self._table_as_lines(block))
        return front, appendix, rows

    @staticmethod
    def _is_task_table(table: Table) -> bool:
        return any(_header_columns(_trim_row(row.cells)) for row in table.rows[:5])

    @staticmethod
    def _continues_tasks(table: Table) -> bool:
        """A table split by a page break without its header still continues the task list."""
        for row in table.rows[:3]:
            cells = _trim_row(row.cells)
            if cells and (re.match(r"^\d+(\.\d+)*\.?$", cells[0]) or _is_roman(cells[0].split(".")[0])):
                return True
        return False

    @staticmethod
    def _table_as_lines(table: Table) -> list[Line]:
        lines: list[Line] = []
        for row in table.rows:
            for cell in row.cells:
                for piece in (cell or "").split("\n"):
                    lines.append(Line(text=_clean(piece), number=row.number))
                lines.append(Line(text="", number=row.number))
        return lines

    # -- header, title, preamble

    @staticmethod
    def _doc_type_index(front: list[Line]) -> int | None:
        for index, line in enumerate(front):
            if line.text and line.text.upper() == line.text and _words_key(line.text) in _DOC_TYPES:
                return index
        return None

    @staticmethod
    def _decision_index(front: list[Line], doc_type: int | None) -> int | None:
        end = doc_type if doc_type is not None else len(front)
        for index, line in enumerate(front[:end]):
            if line.text and line.text.upper() == line.text and _words_key(line.text) == "quyet dinh":
                return index
        return None

    def _decision_title(self, front: list[Line], decision: int) -> tuple[str, int]:
        """No KẾ HOẠCH heading: the title is what ``Điều 1. Ban hành kèm theo ... Kế hoạch`` names."""
        for index in range(decision, len(front)):
            match = _ARTICLE_ONE_RE.search(front[index].text)
            if match:
                return re.sub(r"\s*[.:;,]+$", "", f"Kế hoạch {match.group('title')}").strip(), index + 1
        self._warn(None, "plans.warning.no_title_in_article")
        return "", decision + 1

    def _refuse_other_documents(self, front: list[Line], doc_type: int | None) -> None:
        """A report, a letter or a notice is not a plan, however plan-like its table."""
        end = doc_type if doc_type is not None else len(front)
        for line in front[:end]:
            if not line.text or line.text.upper() != line.text:
                continue
            kind = _OTHER_DOC_TYPES.get(_words_key(line.text))
            if kind:
                raise PlanParseError(Message("plans.parse.not_a_plan", {"kind": Message(kind)}), line=line.number)
        if doc_type is None and self._decision_index(front, None) is None:
            letter = next((line for line in front if _LETTER_RE.match(line.text)), None)
            if letter is not None:
                raise PlanParseError(Message("plans.parse.letter"), line=letter.number)

    def _title(self, front: list[Line], doc_type: int | None) -> tuple[str, int]:
        """The subject lines after ``KẾ HOẠCH``, joined; returns the index after them."""
        if doc_type is None:
            self._warn(None, "plans.warning.no_document_type")
            return "", 0
        parts: list[str] = []
        index = doc_type + 1
        while index < len(front):
            text = front[index].text
            key = _words_key(text)
            # "Thực hiện Chiến lược ..." is a title; "Thực hiện Quyết định số ..." opens the preamble.
            stop = (
                key.startswith(("can cu", "theo "))
                or (key.startswith("thuc hien") and _REF_RE.search(text))
                or _BODY_ROMAN_RE.match(text)
                or (text.startswith("(") and parts)
            )
            if (not text and parts) or stop or len(parts) >= 4:
                break
            if text and not set(text) <= set("-_=*. "):
                parts.append(text)
            index += 1
        title = nfc(" ".join(parts))
        title = re.sub(r"\s*[.:;,]+$", "", title).strip()
        return title, index

    @staticmethod
    def _first_roman(front: list[Line], start: int) -> int:
        for index in range(start, len(front)):
            match = _BODY_ROMAN_RE.match(front[index].text)
            if match and _is_roman(match.group("code")):
                return index
        return len(front)

    @staticmethod
    def _closing_index(front: list[Line], start: int) -> int:
        for index in range(start, len(front)):
            text = front[index].text
            if _RECIPIENTS_RE.match(text) or _SIGN_ON_BEHALF_RE.match(text):
                return index
        return len(front)

    def _number(
        self, header: list[Line], front: list[Line], appendix: list[Line]
    ) -> tuple[str, tuple[dt.date, int] | None, str]:
        caption_number, caption_date, caption_issuer = "", None, ""
        for line in appendix + front:
            match = _CAPTION_RE.search(line.text)
            if match:
                caption_number = match.group("number").rstrip(".,;)")
                if match.group("y"):
                    caption_date = (_date(match.group("d"), match.group("m"), match.group("y"), line=line.number),
                                    line.number)
                issuer = _ISSUER_TEXT_RE.search(line.text[match.end():])
                caption_issuer = self._issuer_from_text(issuer) if issuer else ""
                break
        for line in header + front:
            match = _NUMBER_LINE_RE.match(line.text)
            if match:
                return match.group(1).rstrip(".,;"), caption_date, caption_issuer
        if caption_number:
            return caption_number, caption_date, caption_issuer
        raise PlanParseError(Message("plans.parse.no_number"))

    def _place_and_date(
        self, lines: list[Line], caption_date: tuple[dt.date, int] | None
    ) -> tuple[str, dt.date]:
        for line in lines:
            match = _PLACE_DATE_RE.match(line.text)
            if match:
                issued = _date(match.group("d"), match.group("m"), match.group("y"), line=line.number)
                return nfc(match.group("place")), issued
        if caption_date:
            self._warn(caption_date[1], "plans.warning.date_from_caption")
            return "", caption_date[0]
        raise PlanParseError(Message("plans.parse.no_date"))

    def _issuer(self, header: list[Line], preamble: list[Line], caption_issuer: str, place: str) -> str:
        """Issuing body: the header block if present, else what the text says issues the plan."""
        header_lines = [
            line.text
            for line in header
            if line.text
            and line.text.upper() == line.text
            and not _words_key(line.text).startswith(("cong hoa", "doc lap"))
            and not _NUMBER_LINE_RE.match(line.text)
            and not set(line.text) <= set("-_=*. ")
        ]
        if header_lines:
            return self._sentence_case_issuer(" ".join(header_lines))
        for line in preamble:
            match = _ISSUER_TEXT_RE.search(line.text)
            if match and "ban hành" in line.text[match.start():]:
                return self._issuer_from_text(match)
        if caption_issuer:
            return caption_issuer
        self._warn(None, "plans.warning.no_issuer")
        return ""

    @staticmethod
    def _issuer_from_text(match: re.Match) -> str:
        words: list[str] = []
        for word in match.group("rest").split():
            core = word.strip(",.;:()")
            if not core or not core[0].isupper():
                break
            words.append(core)
            if core != word:
                break
        unit = match.group("unit").lower()
        return nfc(f"Ủy ban nhân dân {unit} {' '.join(words)}") if words else ""

    def _sentence_case_issuer(self, text: str) -> str:
        """``ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG`` -> ``Ủy ban nhân dân thành phố Hải Phòng``."""
        known = self.vocabulary.resolve(text)
        if known:
            return known
        lower = nfc(text).lower()
        match = re.match(r"^(.*?\b(?:thành phố|tỉnh|quận|huyện|thị xã|xã|phường))\s+(.+)$", lower)
        if not match:
            return lower[:1].upper() + lower[1:]
        head, name = match.groups()
        return f"{head[:1].upper()}{head[1:]} {' '.join(w[:1].upper() + w[1:] for w in name.split())}"

    def _legal_basis(self, preamble: list[Line]) -> list[dict]:
        result: list[dict] = []
        seen: set[str] = set()
        for line in preamble:
            matches = list(_REF_RE.finditer(line.text))
            for position, match in enumerate(matches):
                number = match.group("number").rstrip(".,;")
                if number in seen:
                    continue
                seen.add(number)
                end = matches[position + 1].start() if position + 1 < len(matches) else len(line.text)
                title = line.text[match.start():end]
                title = re.split(r";|,\s+(?=(?:Ủy ban|Uỷ ban|UBND|Sở|Bộ)\b[^,;]*\bban hành\b)", title)[0]
                title = title.strip(" ,;") if position + 1 < len(matches) else title.strip(" ,;")
                title = re.sub(r"[,;]?\s*(?:và)?\s*$", "", title).rstrip(" .")
                issued = None
                if match.group("y"):
                    issued = _date(match.group("d"), match.group("m"), match.group("y"), line=line.number)
                result.append(
                    {"number": number, "issued_on": issued.isoformat() if issued else None, "title": title}
                )
        return result

    def _report_deadline(self, lines: list[Line]) -> tuple[int, int] | None:
        """The yearly deadline; a six-month one beside it is kept in ``half_year_deadline``."""
        self.half_year_deadline = None
        yearly = None
        for line in lines:
            key = " ".join(ascii_key(line.text).replace("(", " ").replace(")", " ").split())
            match = _DEADLINE_RE.search(_words_key(line.text).replace(" / ", "/")) or _DEADLINE_RE.search(key)
            if match and yearly is None:
                yearly = self._deadline(match.group(1), match.group(2))
            if "bao cao" not in key and "hang nam" not in key:
                continue
            for found in _ANY_DEADLINE_RE.finditer(key):
                deadline = self._deadline(found.group(1), found.group(2))
                clause = key[max(0, found.start() - 40) : found.start()]
                if deadline is None:
                    continue
                if _HALF_YEAR_RE.search(clause.rsplit(" va ", 1)[-1]):
                    self.half_year_deadline = self.half_year_deadline or deadline
                elif yearly is None:
                    yearly = deadline
        return yearly

    @staticmethod
    def _deadline(day: str, month: str) -> tuple[int, int] | None:
        day_n, month_n = int(day), int(month)
        return (month_n, day_n) if 1 <= month_n <= 12 and 1 <= day_n <= 31 else None

    # -- body sections

    def _joined_paragraphs(self, lines: list[Line]) -> list[Line]:
        """Re-join paragraphs cut by a page break: no end punctuation, then a lower-case line."""
        result: list[Line] = []
        for line in lines:
            text = line.text
            if not text:
                continue
            if (
                result
                and text[0].islower()
                and not result[-1].text.endswith(_END_PUNCT)
                and not _SMALL_ITEM_RE.match(text)
            ):
                result[-1] = Line(text=f"{result[-1].text} {text}", number=result[-1].number)
                continue
            result.append(Line(text=text, number=line.number))
        return result

    def _body(self, lines: list[Line], tasks_section: str | None = None) -> list[BodySection]:
        """Sections of the letter; the section holding the tasks (no task table) names no agency."""
        sections: list[BodySection] = []
        codes: set[str] = set()
        roman = ""
        tasks_heading = ""
        current: BodySection | None = None
        for line in self._joined_paragraphs(lines):
            text = line.text
            roman_match = _BODY_ROMAN_RE.match(text)
            if roman_match and roman_match.group("code") == tasks_section and not tasks_heading:
                tasks_heading = roman_match.group("title")
                roman = tasks_section
                current = self._section(roman, tasks_heading, line, codes)
                sections.append(current)
                continue
            number_match = _BODY_NUMBER_RE.match(text)
            inner_group = (
                roman_match is not None
                and tasks_section is not None
                and roman == tasks_section
                and not _is_major_heading(text, capitals=tasks_heading.upper() == tasks_heading)
            )
            if roman_match and _is_roman(roman_match.group("code")) and not inner_group:
                roman = roman_match.group("code")
                current = self._section(roman, roman_match.group("title"), line, codes)
                sections.append(current)
            elif inner_group:
                # "I. Quảng bá ..." inside "II. NHIỆM VỤ ...": a group of tasks, not a section
                code = f"{roman}.{roman_match.group('code')}"
                current = self._section(code, roman_match.group("title"), line, codes, quiet=True)
                sections.append(current)
            elif number_match and roman:
                code = f"{roman}.{number_match.group('code')}"
                # Tasks numbered again under each group repeat their numbers: no warning there.
                current = self._section(code, number_match.group("title"), line, codes, quiet=roman == tasks_section)
                if roman != tasks_section:
                    current.agency = self._duty_agency(number_match.group("title"), line)
                sections.append(current)
            elif current is not None:
                bullet = _BULLET_RE.match(text)
                paragraph = bullet.group("text") if bullet else text
                paragraph = re.sub(r"\./\.$", ".", paragraph)
                current.paragraphs.append(paragraph)
        return sections

    def _section(self, code: str, title: str, line: Line, codes: set[str], *, quiet: bool = False) -> BodySection:
        unique = code
        suffix = ord("b")
        while unique in codes:
            unique = f"{code}{chr(suffix)}"
            suffix += 1
        if unique != code and not quiet:
            self._warn(line.number, "plans.warning.duplicate_item", code=code, unique=unique)
        codes.add(unique)
        return BodySection(code=unique, title=re.sub(r"\s*[:;]+$", "", title).strip())

    def _duty_agency(self, title: str, line: Line) -> str | None:
        """``Sở Văn hóa và Thể thao phối hợp với ...`` -> the agency the duties fall on."""
        if not _words_key(title).startswith(AGENCY_PREFIXES):
            return None
        subject = _DUTY_CUT_RE.split(title, maxsplit=1)[0]
        parties = split_parties(subject, self.vocabulary)
        if not parties.agencies:
            return None
        words = parties.agencies[0][1].split()
        if not parties.agencies[0][2] and len(words) > 1 and not words[1][:1].isupper():
            # "Ban hành các văn bản ...": a verb, not a body named "Ban ...".
            self._review("uncertain_agency", {"name": subject.strip()}, f"line {line.number}")
            return None
        heading = title[len(subject) :].lstrip().startswith(":")
        if not parties.agencies[0][2] and not heading:
            # Not "Name:" but a sentence ("Sở Tài chính bố trí kinh phí thực hiện ..."): a
            # known agency at its start is taken; anything else goes to review, never to the
            # agency list.
            words = subject.split()
            for size in range(len(words) - 1, 1, -1):
                known = self.vocabulary.resolve(" ".join(words[:size]))
                if known:
                    return known
            self._review("uncertain_agency", {"name": subject.strip()}, f"line {line.number}")
            return None
        self._record(parties, line.number)
        return parties.agencies[0][0]

    # -- closing: recipients and signature

    def _closing(self, lines: list[Line]) -> tuple[list[str], dict]:
        recipients: list[str] = []
        signer: dict = {}
        index = 0
        while index < len(lines):
            text = lines[index].text
            if _RECIPIENTS_RE.match(text):
                index += 1
                while index < len(lines):
                    item = lines[index].text
                    bullet = _BULLET_RE.match(item)
                    if item and not bullet:
                        break
                    if bullet:
                        recipients.append(bullet.group("text").rstrip(" ;.").strip())
                    index += 1
                continue
            if _SIGN_ON_BEHALF_RE.match(text) and not signer:
                signer = self._signer(lines[index:])
            index += 1
        return recipients, signer

    @staticmethod
    def _signer(lines: list[Line]) -> dict:
        texts = [
            line.text
            for line in lines
            if line.text and not re.match(r"^\(?\s*(đã ký|đã kí|ký|kí)", line.text, re.IGNORECASE)
            and not line.text.startswith("(")
        ]
        signer = {"on_behalf": texts[0], "position": "", "name": ""}
        rest = texts[1:]
        if rest and rest[0].upper() == rest[0]:
            signer["position"] = rest.pop(0)
        if rest:
            signer["name"] = rest[0]
        return signer

    def _abbreviations_seen(self, recipients: list[str]) -> None:
        """``Các Sở, ngành: Ng.v, VHTT, ...``: remember abbreviations of agencies the plan names."""
        for item in recipients:
            _, _, listed = item.rpartition(":")
            for token in re.split(r"[,;]", listed):
                token = token.strip(" .")
                canonical = self.vocabulary.resolve_abbreviation(token) if token else None
                if canonical and canonical in self.agencies:
                    aliases = self.agencies[canonical]["aliases"]
                    if token not in aliases:
                        aliases.append(token)

    # -- the appendix table

    def _refuse(self, where: Row | Line, message_code: str, /, **params) -> PlanParseError:
        message = Message(message_code, params)
        if isinstance(where, Line):
            return PlanParseError(message, line=where.number)
        if self.is_docx:
            message = Message("plans.where.table_row", {"table": where.table, "row": where.number, "message": message})
        return PlanParseError(message, row=where.number)

    def _source(self, where: Row | Line) -> str:
        if isinstance(where, Line):
            return f"line {where.number}"
        return f"table {where.table}, row {where.number}" if self.is_docx else f"line {where.number}"

    def _tasks(self, rows: list[Row]) -> tuple[list[ParsedGroup], list[ParsedTask]]:
        """Groups and tasks; the codes are settled once all rows are read (see ``_codes``)."""
        groups: list[ParsedGroup] = []
        entries: list[tuple] = []  # ("task" | "more", number, group, cells, columns, row)
        columns: _Columns | None = None
        group = ""
        for index, row in enumerate(rows):
            cells = _trim_row(row.cells)
            if not cells:
                continue
            header = _header_columns(cells)
            if header:
                columns = header
                continue
            if columns is None or _is_column_number_row(cells) or _is_header_echo(cells):
                continue
            found = self._group_row(cells, columns, rows[index + 1 :])
            if found:
                group = self._add_group(groups, found, row)
                continue
            number = cells[columns.number].rstrip(".") if len(cells) > columns.number else ""
            if re.match(r"^\d+(\.\d+)*$", number) and len(cells) <= columns.width:
                if not group:
                    group = self._add_group(groups, ParsedGroup(code="", title=""), row)
                entries.append(("task", number, group, cells, columns, row))
            elif not number and entries and any(cells):
                entries.append(("more", number, group, cells, columns, row))
            else:
                self._review("unreadable_row", {"text": " | ".join(c for c in cells if c)[:200]}, row)
        if not any(e[0] == "task" for e in entries):
            return [], []  # the caller looks for tasks numbered in the body, then refuses
        return groups, self._build_tasks(entries)

    def _body_tasks(self, lines: list[Line]) -> tuple[list[ParsedGroup], list[ParsedTask], str | None]:
        """Tasks numbered in the letter itself, as plans without a task table give them.

        The section is the one headed ``... NHIỆM VỤ ...`` in capitals; it ends at the next
        Roman section in capitals. Its outermost numbering gives the groups, the next one the
        tasks (``1.`` then ``1.1.``, or ``I.``/``A.`` then ``1.``, or ``1.`` then ``a)``); bullets
        are never tasks. Under a task, ``- Cơ quan chủ trì: ...``, ``- Phối hợp: ...``,
        ``- Thời gian thực hiện: ...`` give its parties and timeframe, or the task sentence
        ends with them in parentheses. A lead under a group holds for its tasks without one.
        Returns the groups, the tasks and the Roman code of the section (for the body).
        """
        items, section_code = self._body_items(self._joined_paragraphs(lines))
        group_kind, task_kind = self._body_levels(items)
        groups, entries = self._body_groups(items, group_kind, task_kind)
        return groups, self._body_entries_to_tasks(entries), section_code

    def _body_items(self, lines: list[Line]) -> tuple[list[tuple], str | None]:
        """The numbered items of the tasks section, each with the attribute lines under it:
        (kind, code, title, line, attributes); and the section's Roman code."""
        start = next((i for i, line in enumerate(lines) if _is_tasks_heading(line.text)), None)
        if start is None:
            raise self._no_tasks()
        heading = _BODY_ROMAN_RE.match(lines[start].text)
        capitals = lines[start].text.upper() == lines[start].text
        section_code = heading.group("code") if heading and _is_roman(heading.group("code")) else None
        items: list[tuple[str, str, str, Line, dict[str, str]]] = []
        for line in lines[start + 1 :]:
            if _is_major_heading(line.text, capitals) or _is_tasks_heading(line.text):
                break
            attribute = _attribute(line.text)
            if attribute and items:
                items[-1][4].setdefault(*attribute)
                continue
            rest, inline = _inline_attributes(line.text)
            if inline and not rest and items:
                # "(Sở Ngoại vụ chủ trì; thực hiện hằng năm)" on its own line under the task
                for pair in inline.items():
                    items[-1][4].setdefault(*pair)
                continue
            found = _item(line.text)
            if found and not _BULLET_RE.match(line.text):
                items.append((*found, line, {}))
        return items, section_code

    def _body_levels(self, items: list[tuple]) -> tuple[str | None, str]:
        """Which numbering gives the groups and which the tasks."""
        kinds = list(dict.fromkeys(kind for kind, *_ in items))
        if not kinds:
            raise self._no_tasks()
        if len(kinds) > 1:
            return kinds[0], kinds[1]
        # One level only: they are tasks if the plan names who leads them.
        if not any(self._with_inline(item)[4].get("lead") for item in items):
            raise self._no_tasks()
        return None, kinds[0]

    def _body_groups(self, items: list[tuple], group_kind: str | None, task_kind: str) -> tuple[list[ParsedGroup], list[tuple]]:
        """The groups, and the task entries (printed code, group, title, line, attributes,
        kind), a group's lead holding for its tasks that name none."""
        groups: list[ParsedGroup] = []
        entries: list[tuple] = []
        group, defaults = "", {}
        for item in items:
            kind, code, title, line, attributes = self._with_inline(item)
            if kind == group_kind:
                defaults = attributes
                if any(g.code == code for g in groups):
                    self._review("duplicate_group", {"code": code}, line)
                    group = code
                    continue
                groups.append(ParsedGroup(code=code, title=re.sub(r"\s*[.:;,]+$", "", title)))
                group = code
            elif kind == task_kind:
                entries.append((code, group, title, line, {**defaults, **attributes}, kind))
        return groups, entries

    def _body_entries_to_tasks(self, entries: list[tuple]) -> list[ParsedTask]:
        """Codes as printed, with the group in front where numbers restart in each group."""
        printed = [e[0] for e in entries]
        prefix = len(set(printed)) != len(printed)
        tasks: list[ParsedTask] = []
        codes: set[str] = set()
        for number, group, title, line, attributes, kind in entries:
            code = f"{group}.{number}" if group and (prefix or kind == "small") else number
            unique, suffix = code, ord("b")
            while unique in codes:
                unique, suffix = f"{code}{chr(suffix)}", suffix + 1
            if unique != code:
                self._review("duplicate_task", {"code": code, "new": unique}, line, unique)
            codes.add(unique)
            tasks.append(
                self._make_task(
                    unique,
                    group,
                    title=re.sub(r"\s*[,;:]+$", "", title),
                    lead_text=attributes.get("lead", ""),
                    coordinators_text=attributes.get("coordinators", ""),
                    time_text=attributes.get("time", ""),
                    products=attributes.get("products", ""),
                    where=line,
                )
            )
        return tasks

    @staticmethod
    def _with_inline(item: tuple) -> tuple:
        """The item with what parentheses at the end of its sentence say (lines win)."""
        kind, code, title, line, attributes = item
        title, inline = _inline_attributes(title)
        return kind, code, title, line, {**inline, **attributes}

    @staticmethod
    def _no_tasks() -> PlanParseError:
        return PlanParseError(Message("plans.parse.no_tasks"))

    def _build_tasks(self, entries: list[tuple]) -> list[ParsedTask]:
        """Keep the numbers as printed when they are unique in the document (numbered straight
        through the groups, or ``1.1`` under group ``1``); when groups restart at 1, prefix the
        group (``I.1``), as such plans are cited."""
        printed = [e[1] for e in entries if e[0] == "task"]
        prefix = len(set(printed)) != len(printed)
        tasks: list[ParsedTask] = []
        codes: set[str] = set()
        for kind, number, group, cells, columns, row in entries:
            if kind == "more":
                self._continuation(tasks[-1], cells, columns, row)
                continue
            code = f"{group}.{number}" if prefix and group else number
            if code in codes:
                raise self._refuse(row, "plans.parse.duplicate_task", code=code)
            codes.add(code)
            tasks.append(self._task(code, group, cells, columns, row))
        return tasks

    def _add_group(self, groups: list[ParsedGroup], found: ParsedGroup, row: Row) -> str:
        if any(g.code == found.code for g in groups):
            raise self._refuse(row, "plans.parse.duplicate_group", code=found.code)
        groups.append(found)
        return found.code

    @staticmethod
    def _group_row(cells: list[str], columns: _Columns, following: list[Row]) -> ParsedGroup | None:
        """``I`` / ``A`` / ``1`` + title in the next (or a merged) cell, or ``III. Title`` alone."""
        first = cells[columns.number] if len(cells) > columns.number else ""
        bare = first.rstrip(".:) ")
        others = [c for i, c in enumerate(cells) if i != columns.number and c]
        title = cells[columns.title] if len(cells) > columns.title and cells[columns.title] else ""
        title = title or (others[0] if others else "")
        if _is_roman(bare) or re.fullmatch(r"[A-Z]", bare):
            return ParsedGroup(code=bare, title=re.sub(r"\s*[.:;,]+$", "", title))
        if re.fullmatch(r"\d{1,2}", bare) and len(others) <= 1 and _next_number(following, columns).startswith(
            bare + "."
        ):
            return ParsedGroup(code=bare, title=re.sub(r"\s*[.:;,]+$", "", title))
        match = re.match(r"^([IVXLC]+|[A-Z])\s*[.:)]\s*(\S.*)$", first)
        if match and (_is_roman(match.group(1)) or len(match.group(1)) == 1) and not others:
            return ParsedGroup(code=match.group(1), title=re.sub(r"\s*[.:;,]+$", "", match.group(2)))
        return None

    def _cell(self, cells: list[str], index: int | None) -> str:
        return cells[index] if index is not None and index < len(cells) else ""

    def _task(self, code: str, group: str, cells: list[str], columns: _Columns, row: Row) -> ParsedTask:
        return self._make_task(
            code,
            group,
            title=re.sub(r"\s*[,;]+$", "", self._cell(cells, columns.title)),
            lead_text=self._cell(cells, columns.lead),
            coordinators_text=self._cell(cells, columns.coordinators),
            time_text=self._cell(cells, columns.time),
            products=self._cell(cells, columns.products),
            where=row,
        )

    def _make_task(
        self,
        code: str,
        group: str,
        *,
        title: str,
        lead_text: str,
        coordinators_text: str,
        time_text: str,
        products: str,
        where: Row | Line,
    ) -> ParsedTask:
        """One task from its texts: a table row's cells, or a body item and its lines."""
        lead_parties = split_parties(lead_text, self.vocabulary)
        coordinators = split_parties(coordinators_text, self.vocabulary)
        source = self._source(where)
        self._record(lead_parties, where.number, source, code)
        self._record(coordinators, where.number, source, code)
        lead = lead_parties.agencies[0][0] if lead_parties.agencies else None
        extra_leads = [name for name, _, _ in lead_parties.agencies[1:]]
        if extra_leads:
            self._review("several_leads", {"code": code, "lead": lead, "others": ", ".join(extra_leads)}, where, code)
            self._warn(where.number, "plans.warning.several_leads", code=code, lead=lead, others=", ".join(extra_leads))
        if lead is None:
            self._review("no_lead", {"code": code}, where, code)
            self._warn(where.number, "plans.warning.no_lead", code=code)
        names: list[str] = []
        for name in extra_leads + [name for name, _, _ in coordinators.agencies]:
            if name != lead and name not in names:
                names.append(name)
        others = list(lead_parties.other_parties)
        for other in coordinators.other_parties:
            _add_unique(others, other)
        return ParsedTask(
            code=code,
            group=group,
            title=title,
            lead=lead,
            coordinators=names,
            related_units=lead_parties.related_units or coordinators.related_units,
            other_parties=others,
            timeframe=self._timeframe(time_text, code, where),
            products=products,
            source_row=where.number,
            source=source,
        )

    def _timeframe(self, text: str, code: str, row: Row | Line) -> Timeframe:
        try:
            timeframe = parse_timeframe(text)
        except TimeframeOrderError:
            raise self._refuse(row, "plans.parse.period_order", code=code, text=text) from None
        if timeframe is None:
            self._review("unreadable_timeframe", {"code": code, "text": nfc(text)}, row, code)
            self._warn(row.number, "plans.warning.unreadable_timeframe", code=code, text=text)
            return Timeframe("unspecified", text=nfc(text))
        return timeframe

    def _continuation(self, task: ParsedTask, cells: list[str], columns: _Columns, row: Row) -> None:
        """A row without a number under a task: the task's text went on past a page break."""
        extra = self._cell(cells, columns.title)
        if extra:
            task.title = nfc(f"{task.title} {extra}")
        coordinators = split_parties(self._cell(cells, columns.coordinators), self.vocabulary)
        self._record(coordinators, row.number, self._source(row), task.code)
        for name, _, _ in coordinators.agencies:
            if name != task.lead and name not in task.coordinators:
                task.coordinators.append(name)
        task.related_units = task.related_units or coordinators.related_units
        for other in coordinators.other_parties:
            _add_unique(task.other_parties, other)
        self._review("continuation_row", {"code": task.code}, row, task.code)
        self._warn(row.number, "plans.warning.continuation_row", code=task.code)

    # -- agencies met

    def _record(self, parties: Parties, line: int, source: str = "", task_code: str | None = None) -> None:
        for note in parties.notes:
            self.warnings.append(_warning(line, note))
        for name in parties.uncertain:
            self._review("uncertain_agency", {"name": name}, source or f"line {line}", task_code)
        for canonical, written, known in parties.agencies:
            entry = self.agencies.get(canonical)
            if entry is None:
                entry = {"name": canonical, "aliases": [], "known": known}
                self.agencies[canonical] = entry
                if not known:
                    self._review("unknown_agency", {"name": canonical}, source or f"line {line}", task_code)
                    self._warn(line, "plans.warning.new_agency", name=canonical)
            if written != canonical and written not in entry["aliases"] and agency_key(written) != "":
                entry["aliases"].append(written)
