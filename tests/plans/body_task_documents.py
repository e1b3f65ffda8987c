"""Plans without a task table, as other provinces' offices write them: the tasks are
numbered in the text, each followed by who leads, who helps and when, or with that in
parentheses at the end of the sentence. Each plan is a list of paragraphs, written here
as a text file (one paragraph a line) or as a Word file (one paragraph each, no table).
"""

from __future__ import annotations

import io

import docx

NGHE_AN = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH NGHỆ AN",
    "Số: 215/KH-UBND",
    "Nghệ An, ngày 12 tháng 4 năm 2023",
    "",
    "KẾ HOẠCH",
    "Triển khai thực hiện Chiến lược Ngoại giao văn hóa đến năm 2030",
    "trên địa bàn tỉnh Nghệ An",
    "",
    "Căn cứ Quyết định số 2013/QĐ-TTg ngày 30/11/2021 của Thủ tướng Chính phủ phê duyệt Chiến lược "
    "Ngoại giao văn hóa đến năm 2030;",
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện với các nội dung như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "- Triển khai đồng bộ, hiệu quả Chiến lược Ngoại giao văn hóa trên địa bàn tỉnh.",
    "2. Yêu cầu",
    "- Các sở, ngành, địa phương chủ động phối hợp, lồng ghép với nhiệm vụ chuyên môn.",
    "II. NHIỆM VỤ VÀ GIẢI PHÁP",
    "1. Ngoại giao văn hóa góp phần xây dựng, củng cố môi trường hòa bình, ổn định",
    "1.1. Tổ chức các hoạt động giao lưu văn hóa, thể thao với các tỉnh của nước bạn Lào có chung đường biên giới.",
    "- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch",
    "- Cơ quan phối hợp: Sở Ngoại vụ, UBND các huyện",
    "- Thời gian thực hiện: Hằng năm",
    "- Tổ chức giao lưu văn nghệ, thi đấu thể thao hữu nghị tại các huyện biên giới.",
    "1.2. Tuyên truyền, quảng bá quan hệ hữu nghị đặc biệt Việt Nam - Lào trên các phương tiện thông tin đại chúng.",
    "- Cơ quan chủ trì: Sở Thông tin và Truyền thông",
    "- Cơ quan phối hợp: Sở Ngoại vụ; các đơn vị liên quan",
    "- Thời gian thực hiện: 2023 - 2030",
    "2. Ngoại giao văn hóa góp phần gắn kết ngoại giao chính trị và ngoại giao kinh tế",
    "2.1. Lồng ghép giới thiệu văn hóa xứ Nghệ trong các chuyến công tác nước ngoài của lãnh đạo tỉnh.",
    "- Cơ quan chủ trì: Sở Ngoại vụ",
    "- Cơ quan phối hợp: Sở Du lịch, Sở Công Thương",
    "- Thời gian thực hiện: Thường xuyên",
    "2.2. Xây dựng bộ ấn phẩm quảng bá Dân ca Ví, Giặm Nghệ Tĩnh bằng tiếng Anh và tiếng Lào.",
    "- Thời gian thực hiện: Năm 2024",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Sở Ngoại vụ có trách nhiệm:",
    "- Là cơ quan đầu mối, theo dõi, đôn đốc các sở, ngành thực hiện Kế hoạch.",
    "2. Sở Văn hóa, Thể thao và Du lịch có trách nhiệm chủ trì tổ chức các hoạt động văn hóa đối ngoại.",
    "3. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.",
    "4. Các sở, ban, ngành định kỳ trước ngày 30/11 hằng năm báo cáo kết quả thực hiện về Sở Ngoại vụ.",
    "Nơi nhận:",
    "- Bộ Ngoại giao;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Bùi Đình Long",
]

BAC_NINH = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH BẮC NINH",
    "Số: 128/KH-UBND",
    "Bắc Ninh, ngày 20 tháng 3 năm 2023",
    "",
    "KẾ HOẠCH",
    "Thực hiện Chiến lược Ngoại giao văn hóa đến năm 2030 của tỉnh Bắc Ninh",
    "",
    "Căn cứ Quyết định số 2013/QĐ-TTg ngày 30/11/2021 của Thủ tướng Chính phủ;",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "- Quảng bá hình ảnh Kinh Bắc, Dân ca Quan họ tới bạn bè quốc tế.",
    "II. NHIỆM VỤ CỤ THỂ",
    "A. Quảng bá văn hóa Kinh Bắc",
    "1. Tổ chức chương trình giới thiệu Dân ca Quan họ Bắc Ninh tại các địa phương kết nghĩa "
    "(Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Ngoại vụ, UBND các huyện; thực hiện hằng năm).",
    "2. Tổ chức Hội Lim (hát Quan họ) gắn với quảng bá du lịch cho khách quốc tế.",
    "- Chủ trì: Sở Văn hóa, Thể thao và Du lịch",
    "- Phối hợp: Sở Ngoại vụ",
    "- Thời gian: Tháng 2 hằng năm",
    "- Mời các cơ quan đại diện nước ngoài tham dự.",
    "B. Bảo đảm an ninh trong hoạt động đối ngoại",
    "1. Bảo đảm an ninh, trật tự cho các đoàn khách quốc tế đến tỉnh "
    "(Sở Ngoại vụ chủ trì, phối hợp với Công an tỉnh; thực hiện thường xuyên).",
    "2. Rà soát các hoạt động văn hóa có yếu tố nước ngoài trên địa bàn tỉnh.",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Sở Ngoại vụ: theo dõi, tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/11 hằng năm.",
    "2. Công an tỉnh có trách nhiệm bảo đảm an ninh văn hóa.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Vương Quốc Tuấn",
]

QUANG_NGAI = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH QUẢNG NGÃI",
    "Số: 96/KH-UBND",
    "Quảng Ngãi, ngày 05 tháng 6 năm 2023",
    "",
    "KẾ HOẠCH",
    "Triển khai Chiến lược Ngoại giao văn hóa đến năm 2030 trên địa bàn tỉnh Quảng Ngãi",
    "",
    "Căn cứ Quyết định số 2013/QĐ-TTg ngày 30 tháng 11 năm 2021 của Thủ tướng Chính phủ;",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "- Phát huy giá trị văn hóa Sa Huỳnh, Chămpa và văn hóa biển đảo Lý Sơn.",
    "II. QUAN ĐIỂM",
    "- Ngoại giao văn hóa là nhiệm vụ chung của cả hệ thống chính trị.",
    "III. NHIỆM VỤ CỤ THỂ",
    "1. Quảng bá văn hóa biển đảo",
    "- Đơn vị chủ trì: Sở Văn hóa, Thể thao và Du lịch",
    "a) Tổ chức Lễ Khao lề thế lính Hoàng Sa gắn với giới thiệu cho khách quốc tế.",
    "- Phối hợp: UBND huyện Lý Sơn",
    "- Thời gian: Hằng năm",
    "b) Xây dựng hồ sơ quảng bá Công viên địa chất Lý Sơn.",
    "- Đơn vị chủ trì: Sở Ngoại vụ",
    "- Thời gian: 2023 - 2025",
    "2. Ngoại giao văn hóa trong thu hút đầu tư",
    "a) Giới thiệu văn hóa Quảng Ngãi tại các hội nghị xúc tiến đầu tư.",
    "- Đơn vị chủ trì: Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
    "- Đơn vị phối hợp: Sở Ngoại vụ, Sở Kế hoạch và Đầu tư",
    "- Thời gian thực hiện: Theo kế hoạch xúc tiến của tỉnh",
    "IV. TỔ CHỨC THỰC HIỆN",
    "1. Sở Ngoại vụ là cơ quan thường trực, báo cáo kết quả trước ngày 20/11 hằng năm.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Đặng Văn Minh",
]


def as_text(lines: list[str]) -> bytes:
    return "\n".join(lines).encode("utf-8")


def as_docx(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
