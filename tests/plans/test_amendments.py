"""What an amended plan document changes against the stored plan: pure data."""

from ngvh.plans.amendments import StoredTask, document_changes
from ngvh.plans.parsed import ParsedTask


def _when(text):
    from ngvh.plans.parser import parse_timeframe

    return parse_timeframe(text)


def _stored(code, title, lead="Sở Ngoại vụ", coordinators=(), timeframe="Hằng năm", group="I"):
    return StoredTask(code=code, group=group, title=title, timeframe=_when(timeframe), lead=lead, coordinators=tuple(coordinators))


def _parsed(code, title, lead="Sở Ngoại vụ", coordinators=(), timeframe="Hằng năm", group="I"):
    return ParsedTask(code=code, group=group, title=title, lead=lead, coordinators=list(coordinators), timeframe=_when(timeframe))


def test_same_tasks_written_differently_are_no_change():
    # given the stored task, and the document writing it with other spaces, another
    # spelling of the lead and its coordinators in another order
    stored = [_stored("1", "Tổ chức tuần văn hóa Hạ Long.", coordinators=["Sở Du lịch", "Công an tỉnh"])]
    document = [_parsed("1", "Tổ chức  tuần văn hóa Hạ Long. ", lead="Sở  Ngoại vụ", coordinators=["Công an tỉnh", "Sở Du lịch"],
                        timeframe="hàng năm")]
    # then nothing changes
    assert document_changes(stored, document) == []


def test_added_changed_and_removed_tasks_in_document_order_then_removed():
    stored = [_stored("1", "Tuần văn hóa."), _stored("2", "Quảng bá di sản."), _stored("3", "Dịch ấn phẩm.")]
    document = [
        _parsed("1", "Tuần văn hóa.", lead="Sở Văn hóa, Thể thao và Du lịch"),
        _parsed("3", "Dịch và phát hành ấn phẩm quảng bá.", timeframe="2025-2030"),
        _parsed("4", "Giao lưu với Incheon.", group="II"),
    ]
    changes = document_changes(stored, document)
    assert [(c.action, c.code, c.fields) for c in changes] == [
        ("change", "1", ("lead",)),
        ("change", "3", ("title", "timeframe")),
        ("add", "4", ()),
        ("remove", "2", ()),
    ]
    assert changes[3].old.title == "Quảng bá di sản." and changes[3].new is None
    assert changes[2].old is None and changes[2].new.group == "II"
