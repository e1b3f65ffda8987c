"""Official Vietnamese wording used inside the generated documents.

The city report is a Vietnamese administrative document whatever the reader's interface
language, so its fixed words are Vietnamese here; interface labels stay translatable.
Pure: no database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Government task-status wording (domain.md §3).
STATUS_VI = {
    "done_on_time": "Đã hoàn thành đúng hạn",
    "done_late": "Đã hoàn thành quá hạn",
    "done_no_deadline": "Hoàn thành (nhiệm vụ không có thời hạn)",
    "in_progress": "Đang thực hiện trong hạn",
    "overdue": "Quá hạn chưa hoàn thành",
    "not_arisen": "Không phát sinh trong kỳ",
    "": "Chưa có báo cáo",
}

KIND_VI = {
    "training": "Lớp tập huấn, bồi dưỡng",
    "delegation_out": "Đoàn đi công tác nước ngoài",
    "delegation_in": "Đón đoàn nước ngoài",
    "press_crew": "Đoàn báo chí, làm phim nước ngoài",
    "event_home": "Lễ hội, sự kiện trong nước",
    "event_abroad": "Sự kiện ở nước ngoài",
    "exhibition": "Triển lãm",
    "performance": "Biểu diễn nghệ thuật",
    "conference": "Hội nghị, hội thảo",
    "publication": "Ấn phẩm, sản phẩm truyền thông",
    "online": "Quảng bá trực tuyến",
    "other": "Khác",
}

REPORT_STATUS_VI = {
    "draft": "Dự thảo",
    "submitted": "Đã gửi",
    "returned": "Bị trả lại",
    "accepted": "Đã chấp nhận",
    "": "Chưa gửi",
}

BUDGET_VI = {
    "budget_state": "Ngân sách nhà nước",
    "budget_private": "Xã hội hóa",
    "budget_foreign": "Nguồn nước ngoài",
}

MONTHS_VI = [f"T{m}" for m in range(1, 13)]


def vn_int(value) -> str:
    return f"{int(value or 0):,}".replace(",", ".")


_ISSUER_RE = re.compile(r"^\s*(?:ủy|uỷ) ban nhân dân\s+(tỉnh|thành phố)\s+(.+?)\s*$", re.IGNORECASE)
_UNIT_RE = re.compile(r"^\s*(tỉnh|thành phố|tp\.?)\s+(.+?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Locality:
    """Who issues the city's (or the province's) report: ``unit`` is ``tỉnh`` or ``thành phố``."""

    unit: str
    name: str

    @property
    def issuer(self) -> str:
        return f"Ủy ban nhân dân {self.unit} {self.name}"


def locality(*, issuer: str, place: str, province: str) -> Locality:
    """The province's own words, read from the plan's issuer (``Ủy ban nhân dân tỉnh Quảng
    Ngãi``), so no report of another province says ``thành phố`` or ``Hải Phòng``."""
    if match := _ISSUER_RE.match(unicodedata.normalize("NFC", issuer or "")):
        return Locality(unit=match.group(1).lower(), name=match.group(2))
    if match := _UNIT_RE.match(unicodedata.normalize("NFC", province or "")):
        unit = match.group(1).lower()
        return Locality(unit="thành phố" if unit.startswith("tp") else unit, name=match.group(2))
    return Locality(unit="tỉnh", name=(place or province or "").strip())


def reported_note(reported: int | None, count: int) -> str:
    """`` (theo số liệu của 5/7 hoạt động có báo số người)`` when some activities gave no
    number of participants, so a total is never read as covering them; empty otherwise."""
    if reported is None or reported >= count:
        return ""
    return f" (theo số liệu của {vn_int(reported)}/{vn_int(count)} hoạt động có báo số người tham gia)"


def vn_money(value) -> str:
    return vn_int(value) + " đồng"


def place_date_line(place: str, date) -> str:
    """``Hải Phòng, ngày 05 tháng 02 năm 2027`` (Nghị định 30/2020, Phụ lục I).

    Days 1–9 and months 1–2 take a leading zero; months 3–12 do not.
    """
    if date is None:
        return f"{place}, ngày    tháng    năm    "
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"
