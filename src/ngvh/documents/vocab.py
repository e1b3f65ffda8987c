"""Official Vietnamese wording used inside the generated documents.

The city report is a Vietnamese administrative document whatever the reader's interface
language, so its fixed words are Vietnamese here; interface labels stay translatable.
Pure: no database.
"""

from __future__ import annotations

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
