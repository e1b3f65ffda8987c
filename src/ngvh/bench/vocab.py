"""Words the synthetic dataset is made of: real province and department names, task and
activity wording in the style of the plan family, so that search keys, sorting and page
widths behave as they will with real data."""

from __future__ import annotations

PROVINCES = [
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "An Giang", "Bà Rịa - Vũng Tàu",
    "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương",
    "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên",
    "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương",
    "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh",
    "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]

# Marks every synthetic province so it can never be mistaken for (or collide with) a real
# plan imported into the same database, such as the bundled Hải Phòng plan.
PROVINCE_SUFFIX = " (thử tải)"

FOCAL_AGENCY = "Sở Ngoại vụ"

DEPARTMENTS = [
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo",
    "Sở Y tế", "Thanh tra tỉnh", "Văn phòng Ủy ban nhân dân", "Sở Dân tộc và Tôn giáo", "Sở Du lịch",
    "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Ban Quản lý các khu công nghiệp", "Báo điện tử tỉnh",
    "Đài Phát thanh và Truyền hình", "Liên hiệp các tổ chức hữu nghị", "Trường Đại học",
    "Bảo tàng tỉnh", "Thư viện tỉnh", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch",
]

DISTRICTS = [
    "An Dương", "Thủy Nguyên", "Kiến Thụy", "Tiên Lãng", "Vĩnh Bảo", "Cát Hải", "Bạch Long Vĩ",
    "Đồ Sơn", "Hồng Bàng", "Lê Chân", "Ngô Quyền", "Hải An", "Dương Kinh", "Kiến An", "An Lão",
    "Hòa Bình", "Tân Phú", "Phú Lộc", "Xuân Trường", "Quảng Điền",
]

GROUP_TITLES = [
    "Tăng cường quảng bá hình ảnh, văn hóa, con người ra thế giới",
    "Đẩy mạnh hoạt động ngoại giao văn hóa gắn với ngoại giao kinh tế",
    "Bảo tồn và phát huy giá trị di sản văn hóa",
    "Nâng cao năng lực đội ngũ cán bộ làm công tác ngoại giao văn hóa",
    "Tăng cường hợp tác với các địa phương kết nghĩa",
    "Truyền thông về ngoại giao văn hóa trên các nền tảng số",
]

TASK_TITLES = [
    "Tổ chức Lễ hội Hoa Phượng Đỏ gắn với quảng bá du lịch quốc tế",
    "Tổ chức các đoàn nghệ thuật biểu diễn tại các địa phương kết nghĩa",
    "Xây dựng chuyên trang ngoại giao văn hóa trên cổng thông tin điện tử",
    "Tổ chức hội thảo về vai trò văn hóa với phát triển và hội nhập quốc tế",
    "Lập hồ sơ đề nghị UNESCO ghi danh di sản thiên nhiên thế giới",
    "Tổ chức tuần văn hóa, ẩm thực tại nước ngoài",
    "Đón các đoàn phóng viên, hãng phim nước ngoài quảng bá hình ảnh",
    "Tổ chức lớp bồi dưỡng kiến thức ngoại giao văn hóa cho cán bộ",
    "Kỷ niệm các ngày lễ tròn năm thiết lập quan hệ ngoại giao",
    "Giao lưu văn hóa, giáo dục với các trường nước ngoài",
    "Xúc tiến đầu tư gắn với các hoạt động văn hóa đối ngoại",
    "Phát hành ấn phẩm quảng bá bằng nhiều ngôn ngữ",
    "Tổ chức triển lãm ảnh về con người và vùng đất",
    "Bảo tồn, tu bổ, tôn tạo di tích lịch sử văn hóa",
    "Tổ chức giải thể thao quốc tế",
    "Hợp tác với các tổ chức quốc tế về bảo tồn di sản",
    "Tuyên truyền về Chiến lược Ngoại giao văn hóa đến năm 2030",
    "Tổ chức Lễ hội Chọi trâu Đồ Sơn gắn với quảng bá văn hóa",
    "Tổ chức Lễ hội Nghề cá và giao lưu với ngư dân các nước",
    "Phát triển du lịch văn hóa, du lịch di sản, du lịch trải nghiệm",
    "Đảm bảo an ninh văn hóa trong các hoạt động đối ngoại",
    "Huy động nguồn lực tài chính cho hoạt động ngoại giao văn hóa",
    "Giới thiệu văn hóa địa phương với cộng đồng người Việt Nam ở nước ngoài",
    "Tổ chức chương trình giao lưu hữu nghị nhân dân",
    "Quảng bá điểm đến trên mạng xã hội quốc tế",
]

KIND_PHRASES = {
    "training": "Lớp bồi dưỡng",
    "delegation_out": "Đoàn công tác",
    "delegation_in": "Đón đoàn",
    "press_crew": "Đón đoàn phóng viên",
    "event_home": "Lễ hội",
    "event_abroad": "Tuần văn hóa",
    "exhibition": "Triển lãm",
    "performance": "Biểu diễn nghệ thuật",
    "conference": "Hội thảo",
    "publication": "Ấn phẩm",
    "online": "Chiến dịch quảng bá trực tuyến",
    "other": "Hoạt động giao lưu",
}

TOPICS = [
    "văn hóa biển", "di sản thế giới", "ẩm thực truyền thống", "nghệ thuật múa rối nước",
    "hữu nghị Việt - Nhật", "hữu nghị Việt - Hàn", "quan hệ Việt Nam - Pháp", "du lịch cộng đồng",
    "nghề thủ công truyền thống", "thanh niên và hội nhập", "áo dài Việt Nam", "cà phê và trà",
    "điện ảnh", "âm nhạc dân gian", "thể thao dưới nước", "sách và văn học", "kiến trúc Pháp",
    "làng nghề", "lễ hội truyền thống", "giáo dục quốc tế",
]

DOMESTIC_PLACES = ["Trung tâm Hội nghị", "Nhà hát thành phố", "Bảo tàng", "Quảng trường", "Khu du lịch", "Trường Đại học"]
FOREIGN_PLACES = {
    "JP": ["Kitakyushu", "Tokyo", "Osaka"],
    "KR": ["Incheon", "Seoul", "Busan"],
    "CN": ["Thiên Tân", "Quảng Châu"],
    "FR": ["Paris", "Lyon"],
    "US": ["Seattle", "San Francisco"],
    "RU": ["Moskva", "Vladivostok"],
    "LA": ["Viêng Chăn"],
    "TH": ["Bangkok"],
    "DE": ["Berlin"],
    "AU": ["Sydney"],
}
COUNTRIES = sorted(FOREIGN_PLACES)

OUTCOMES = [
    "Thu hút đông đảo khách quốc tế tham gia",
    "Ký kết biên bản ghi nhớ hợp tác",
    "Được báo chí trong và ngoài nước đưa tin",
    "",
]

RESULTS = [
    "Đã tổ chức các hoạt động theo kế hoạch, đạt kết quả tốt.",
    "Phối hợp chặt chẽ với các đơn vị liên quan; hoàn thành các nội dung được giao.",
    "Triển khai đúng tiến độ, thu hút sự tham gia của bạn bè quốc tế.",
]
