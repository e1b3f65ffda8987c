"""Every message code of the agencies app is worded in Vietnamese and in English."""

import pytest

from ngvh.core.messages import Message, registered

# code: (parameters, Vietnamese, English), the words users saw before the codes
WORDING = {
    "agencies.file.not_json": (
        {"error": "Expecting value: line 1 column 1 (char 0)"},
        "Tệp không phải JSON hợp lệ: Expecting value: line 1 column 1 (char 0)",
        "The file is not valid JSON: Expecting value: line 1 column 1 (char 0)",
    ),
    "agencies.file.no_format": (
        {"format": "ngvh-restructuring/1"},
        'Tệp phải có "format": "ngvh-restructuring/1".',
        'The file must declare "format": "ngvh-restructuring/1".',
    ),
    "agencies.file.no_province": (
        {},
        'Tệp thiếu tên tỉnh/thành phố ("province").',
        'The file does not name its province ("province").',
    ),
    "agencies.file.bad_kind": (
        {"event": 2, "kind": "rename-all"},
        'Sự kiện 2: loại "rename-all" không hợp lệ (rename, merge, split, dissolve).',
        'Event 2: kind "rename-all" is not one of rename, merge, split, dissolve.',
    ),
    "agencies.file.bad_date": (
        {"event": 1, "date": "01/03/2025"},
        'Sự kiện 1: ngày hiệu lực "01/03/2025" không hợp lệ (định dạng YYYY-MM-DD).',
        'Event 1: effective date "01/03/2025" is not a date (YYYY-MM-DD).',
    ),
    "agencies.file.no_agencies": (
        {"event": 3},
        "Sự kiện 3: phải có cơ quan trước và cơ quan kế thừa.",
        "Event 3: it needs predecessors and successors.",
    ),
    "agencies.file.unknown_province": (
        {"province": "Hải Phòng"},
        'Chưa có tỉnh/thành phố "Hải Phòng" trong hệ thống: hãy nhập kế hoạch trước.',
        'Province "Hải Phòng" is not in the system yet: import its plan first.',
    ),
    "agencies.file.unknown_agencies": (
        {"names": "Sở Không Tồn Tại; Sở Khác"},
        "Không áp dụng tệp: không tìm thấy cơ quan Sở Không Tồn Tại; Sở Khác. Không có thay đổi nào được ghi.",
        "File not applied: unknown agency Sở Không Tồn Tại; Sở Khác. Nothing was changed.",
    ),
    "agencies.file.undated": (
        {"events": "merge: Sở A, Sở B → Sở C"},
        "Không áp dụng tệp: chưa có ngày hiệu lực cho merge: Sở A, Sở B → Sở C. Hãy ghi ngày vào tệp.",
        "File not applied: no effective date for merge: Sở A, Sở B → Sở C. Write the date in the file.",
    ),
}


def test_every_registered_code_of_the_app_is_worded_here():
    # given the codes the app registers
    codes = {code for code in registered() if code.startswith("agencies.")}
    # then this table words each of them, and names no code the app lacks
    assert codes == set(WORDING)


@pytest.mark.parametrize("code", sorted(WORDING))
def test_each_code_reads_the_same_as_before_in_both_languages(code):
    # given a message of that code
    params, vi, en = WORDING[code]
    message = Message(code, params)
    # when it is shown in Vietnamese and in English
    # then the words are the catalogue's, parameters filled in
    assert message.text("vi") == vi
    assert message.text("en") == en
