"""Every message code of the plans app is worded in Vietnamese and in English, as the
readers, the parser and the import services worded their refusals and warnings before."""

import pytest

from ngvh.core.messages import Message, registered

# code: (parameters, parameters that are codes themselves, Vietnamese, English)
WORDING = {
    "plans.where.line": (
        {"line": 12},
        {},
        "dòng 12",
        "line 12",
    ),
    "plans.where.row": (
        {"row": 7},
        {},
        "bảng, dòng 7",
        "table row 7",
    ),
    "plans.where.table_row": (
        {"table": 1, "row": 7, "message": "Trùng mã nhiệm vụ I.1."},
        {},
        "Bảng 1, dòng 7: Trùng mã nhiệm vụ I.1.",
        "Table 1, row 7: Trùng mã nhiệm vụ I.1.",
    ),
    "plans.file.empty": (
        {},
        {},
        "Tệp trống.",
        "The file is empty.",
    ),
    "plans.file.unsupported": (
        {"ext": ".doc"},
        {},
        "Không hỗ trợ loại tệp “.doc”. Hãy tải lên tệp .docx, .doc, .pdf hoặc .txt.",
        "Unsupported file type “.doc”. Upload a .docx, .doc, .pdf or .txt file.",
    ),
    "plans.file.no_libreoffice": (
        {"ext": ".doc"},
        {},
        "Máy chủ chưa cài LibreOffice nên không đọc được tệp .doc. Hãy lưu tệp ở dạng .docx rồi tải lên.",
        "LibreOffice is not installed on the server, so .doc files cannot be read. Save it as .docx.",
    ),
    "plans.file.encoding": (
        {},
        {"detected": "plans.file.encoding.tcvn3"},
        "Không đọc được mã ký tự của tệp (có vẻ là TCVN3 (ABC)). Hãy lưu lại tệp ở dạng Unicode (UTF-8) hoặc .docx rồi tải lên lại.",
        "Cannot read the file's character encoding (looks like TCVN3 (ABC)). Save it as Unicode (UTF-8) or .docx and upload it again.",
    ),
    "plans.file.encoding.tcvn3": (
        {},
        {},
        "có vẻ là TCVN3 (ABC)",
        "looks like TCVN3 (ABC)",
    ),
    "plans.file.encoding.vni": (
        {},
        {},
        "có vẻ là VNI",
        "looks like VNI",
    ),
    "plans.file.encoding.unknown": (
        {},
        {},
        "không nhận ra: không phải UTF-8, UTF-16 hay Windows-1258",
        "not recognised: not UTF-8, UTF-16 or Windows-1258",
    ),
    "plans.file.encoding.controls": (
        {"encoding": "Windows-1258"},
        {},
        "Windows-1258 nhưng chứa ký tự điều khiển, có thể không phải tệp văn bản",
        "Windows-1258 but full of control characters; probably not a text file",
    ),
    "plans.file.no_word_library": (
        {},
        {},
        "Máy chủ thiếu thư viện đọc tệp Word.",
        "The server lacks the Word reader library.",
    ),
    "plans.file.damaged_word": (
        {"ext": ".doc"},
        {},
        "Tệp .doc bị hỏng hoặc không phải tệp Word.",
        "The .doc file is damaged or not a Word document.",
    ),
    "plans.file.damaged_pdf": (
        {},
        {},
        "Tệp .pdf bị hỏng hoặc không phải tệp PDF.",
        "The .pdf file is damaged or not a PDF document.",
    ),
    "plans.file.pdf_scan": (
        {},
        {},
        "Tệp PDF không có lớp chữ (có vẻ là bản quét, chỉ có hình ảnh). Hãy tải lên tệp .docx, .doc hoặc bản PDF xuất từ Word.",
        "The PDF has no text layer (it looks like a scan, images only). Upload the .docx or .doc file, or a PDF exported from Word.",
    ),
    "plans.file.unreadable": (
        {},
        {},
        "Không đọc được tệp này. Hãy kiểm tra tệp có mở được bằng Word hoặc trình đọc PDF, rồi tải lên lại.",
        "This file could not be read. Check that it opens in Word or a PDF reader, then upload it again.",
    ),
    "plans.upload.missing": (
        {},
        {},
        "Hãy chọn tệp kế hoạch để tải lên.",
        "Choose the plan document to upload.",
    ),
    "plans.upload.too_large": (
        {},
        {},
        "Tệp lớn hơn 10 MB. Hãy tải lên tệp nhỏ hơn.",
        "The file is larger than 10 MB. Upload a smaller file.",
    ),
    "plans.parse.bad_date": (
        {"day": "31", "month": "02", "year": "2024"},
        {},
        "Ngày không hợp lệ: 31/02/2024.",
        "Invalid date: 31/02/2024.",
    ),
    "plans.parse.not_a_plan": (
        {},
        {"kind": "plans.parse.kind.report"},
        "Đây là một báo cáo, không phải kế hoạch. Hãy tải lên văn bản kế hoạch (hoặc quyết định ban hành kế hoạch).",
        "This is a report (BÁO CÁO), not a plan. Upload the plan itself (or the decision that issues it).",
    ),
    "plans.parse.kind.report": (
        {},
        {},
        "một báo cáo",
        "a report (BÁO CÁO)",
    ),
    "plans.parse.kind.submission": (
        {},
        {},
        "một tờ trình",
        "a submission (TỜ TRÌNH)",
    ),
    "plans.parse.kind.notice": (
        {},
        {},
        "một thông báo",
        "a notice (THÔNG BÁO)",
    ),
    "plans.parse.kind.letter": (
        {},
        {},
        "một công văn",
        "an official letter (CÔNG VĂN)",
    ),
    "plans.parse.kind.invitation": (
        {},
        {},
        "một giấy mời",
        "an invitation (GIẤY MỜI)",
    ),
    "plans.parse.letter": (
        {},
        {},
        "Đây là công văn, không phải kế hoạch (không có dòng “KẾ HOẠCH”). Hãy tải lên văn bản kế hoạch.",
        "This is an official letter (công văn), not a plan (no “KẾ HOẠCH” line). Upload the plan itself.",
    ),
    "plans.parse.no_number": (
        {},
        {},
        "Không tìm thấy số kế hoạch (dòng “Số: .../KH-...” hoặc “Kèm theo Kế hoạch số ...”).",
        "The plan number is missing (no “Số: .../KH-...” line or “Kèm theo Kế hoạch số ...” caption).",
    ),
    "plans.parse.no_date": (
        {},
        {},
        "Không tìm thấy ngày ban hành (dòng “..., ngày ... tháng ... năm ...”).",
        "The date of issue is missing (no “..., ngày ... tháng ... năm ...” line).",
    ),
    "plans.parse.no_tasks": (
        {},
        {},
        "Không tìm thấy bảng nhiệm vụ (phụ lục có cột TT, Nội dung, Đơn vị chủ trì) hoặc bảng không có nhiệm vụ nào; văn bản cũng không có nhiệm vụ đánh số trong mục “NHIỆM VỤ” (ví dụ “1.1. Tổ chức ...” với dòng “Cơ quan chủ trì: ...”).",
        "No task table found (an appendix with TT, Nội dung, Đơn vị chủ trì columns), or the table has no tasks; nor are there tasks numbered under a “NHIỆM VỤ” section of the text (such as “1.1. Tổ chức ...” with a “Cơ quan chủ trì: ...” line).",
    ),
    "plans.parse.duplicate_task": (
        {"code": "I.1"},
        {},
        "Trùng mã nhiệm vụ I.1.",
        "Duplicate task code I.1.",
    ),
    "plans.parse.duplicate_group": (
        {"code": "I.1"},
        {},
        "Nhóm I.1 xuất hiện hai lần.",
        "Group I.1 appears twice.",
    ),
    "plans.parse.period_order": (
        {"code": "I.1", "text": "2030-2025"},
        {},
        "Nhiệm vụ I.1: giai đoạn “2030-2025” kết thúc trước khi bắt đầu.",
        "Task I.1: the period “2030-2025” ends before it starts.",
    ),
    "plans.warning.no_title_in_article": (
        {},
        {},
        "Không tìm thấy tên kế hoạch trong Điều 1 của quyết định.",
        "The plan's title was not found in Article 1 of the decision.",
    ),
    "plans.warning.no_document_type": (
        {},
        {},
        "Không tìm thấy dòng loại văn bản (KẾ HOẠCH) và trích yếu.",
        "No document type line (KẾ HOẠCH) and subject found.",
    ),
    "plans.warning.date_from_caption": (
        {},
        {},
        "Không có dòng địa danh, ngày tháng; lấy ngày ở chú thích phụ lục.",
        "No place-and-date line; the date comes from the appendix caption.",
    ),
    "plans.warning.no_issuer": (
        {},
        {},
        "Không xác định được cơ quan ban hành.",
        "The issuing body could not be determined.",
    ),
    "plans.warning.duplicate_item": (
        {"code": "I.1", "unique": "III.5b"},
        {},
        "Số mục trùng: đã có mục I.1; mục này được ghi là III.5b.",
        "Duplicate item number: I.1 already exists; this item is coded III.5b.",
    ),
    "plans.warning.several_leads": (
        {"code": "I.1", "lead": "Sở Ngoại vụ", "others": "Sở Du lịch"},
        {},
        "Nhiệm vụ I.1: ô chủ trì có nhiều cơ quan; lấy Sở Ngoại vụ làm chủ trì, các cơ quan còn lại (Sở Du lịch) ghi là phối hợp.",
        "Task I.1: the lead cell names several agencies; Sở Ngoại vụ is taken as lead, the others (Sở Du lịch) become coordinators.",
    ),
    "plans.warning.no_lead": (
        {"code": "I.1"},
        {},
        "Nhiệm vụ I.1 không có đơn vị chủ trì.",
        "Task I.1 has no lead unit.",
    ),
    "plans.warning.unreadable_timeframe": (
        {"code": "I.1", "text": "2030-2025"},
        {},
        "Nhiệm vụ I.1: không hiểu thời gian “2030-2025”; ghi là chưa xác định.",
        "Task I.1: cannot read the timeframe “2030-2025”; recorded as unspecified.",
    ),
    "plans.warning.continuation_row": (
        {"code": "I.1"},
        {},
        "Dòng không có số thứ tự được nối vào nhiệm vụ I.1.",
        "A row without a number was joined to task I.1.",
    ),
    "plans.warning.new_agency": (
        {"name": "Sở Mới"},
        {},
        "Cơ quan chưa có trong danh mục, sẽ được thêm mới: Sở Mới.",
        "Agency not in the list yet; it will be added: Sở Mới.",
    ),
    "plans.warning.portal_typo": (
        {"written": "Cống thông tin", "fixed": "Cổng thông tin"},
        {},
        "Đã sửa “Cống thông tin” thành “Cổng thông tin” (cổng thông tin).",
        "Corrected “Cống thông tin” to “Cổng thông tin” (portal).",
    ),
    "plans.warning.other_party": (
        {"name": "Sở Mới"},
        {},
        "“Sở Mới” không giống tên cơ quan; ghi vào các bên khác.",
        "“Sở Mới” does not look like an agency name; kept as another party.",
    ),
    "plans.store.different_content": (
        {"number": "274/KH-UBND"},
        {},
        "Kế hoạch 274/KH-UBND đã có trong hệ thống với nội dung khác. Hãy dùng đề xuất điều chỉnh kế hoạch (sửa đổi, bổ sung), hoặc chạy lại với --replace để thay thế toàn bộ.",
        "Plan 274/KH-UBND is already stored with different content. Propose an amendment instead, or run again with --replace to replace it entirely.",
    ),
    "plans.store.in_use": (
        {"number": "274/KH-UBND"},
        {},
        "Không thể thay thế Kế hoạch 274/KH-UBND: đã có báo cáo hoặc hoạt động gắn với các nhiệm vụ. Hãy dùng đề xuất điều chỉnh kế hoạch.",
        "Plan 274/KH-UBND cannot be replaced: reports or activities already refer to its tasks. Propose an amendment instead.",
    ),
    "plans.store.too_long": (
        {"value": "Sở A", "limit": 255},
        {"what": "plans.store.what.agency"},
        "Không lưu được: tên cơ quan “Sở A” dài quá 255 ký tự. Hãy kiểm tra lại văn bản.",
        "Cannot store it: the agency name “Sở A” is longer than 255 characters. Check the document.",
    ),
    "plans.store.unusable": (
        {"value": "Sở A"},
        {"what": "plans.store.what.agency"},
        "Không lưu được: tên cơ quan “Sở A” không đọc được. Hãy kiểm tra lại văn bản.",
        "Cannot store it: the agency name “Sở A” cannot be read. Check the document.",
    ),
    "plans.store.what.number": (
        {},
        {},
        "số kế hoạch",
        "plan number",
    ),
    "plans.store.what.place": (
        {},
        {},
        "địa danh",
        "place",
    ),
    "plans.store.what.issuer": (
        {},
        {},
        "cơ quan ban hành",
        "issuer",
    ),
    "plans.store.what.group_code": (
        {},
        {},
        "mã nhóm",
        "group code",
    ),
    "plans.store.what.task_code": (
        {},
        {},
        "mã nhiệm vụ",
        "task code",
    ),
    "plans.store.what.timeframe": (
        {},
        {},
        "thời gian",
        "timeframe",
    ),
    "plans.store.what.agency": (
        {},
        {},
        "tên cơ quan",
        "agency name",
    ),
    "plans.store.what.task_group": (
        {},
        {},
        "nhóm của nhiệm vụ",
        "group of task",
    ),
}


def test_every_plans_code_is_registered_and_listed_here():
    # given the registry after the apps are ready
    codes = {code for code in registered() if code.startswith("plans.")}
    # then every plans code is worded below, and every code below is registered
    assert codes == set(WORDING)


@pytest.mark.parametrize("code", sorted(WORDING))
def test_a_plans_code_reads_as_before_in_vietnamese_and_english(code):
    # given a code, its parameters and those that are codes of their own (a kind, a field)
    params, nested, vietnamese, english = WORDING[code]
    message = Message(code, {**params, **{name: Message(inner) for name, inner in nested.items()}})
    # when it is rendered in each language / then the words are the ones users saw before
    assert message.text("vi") == vietnamese
    assert message.text("en") == english
