"""The restructuring file parser refuses a bad file with a message code, not with words."""

import json

import pytest

from ngvh.agencies.restructuring_file import (
    FORMAT,
    RestructuringFileError,
    parse_restructuring_file,
)
from ngvh.core.messages import Message

MERGE = {"kind": "merge", "effective_date": "2025-03-01", "predecessors": ["Sở A", "Sở B"], "successors": ["Sở C"]}


def _file(**changes) -> str:
    data = {"format": FORMAT, "province": "Hải Phòng", "events": [MERGE]}
    data.update(changes)
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(
    ("raw", "code", "params"),
    [
        (_file(format="other/1"), "agencies.file.no_format", {"format": FORMAT}),
        (_file(province=" "), "agencies.file.no_province", {}),
        (_file(events=[MERGE, {**MERGE, "kind": "swap"}]), "agencies.file.bad_kind", {"event": 2, "kind": "swap"}),
        (_file(events=[{**MERGE, "effective_date": "01/03/2025"}]), "agencies.file.bad_date",
         {"event": 1, "date": "01/03/2025"}),
        (_file(events=[{**MERGE, "successors": []}]), "agencies.file.no_agencies", {"event": 1}),
    ],
    ids=["format", "province", "kind", "date", "agencies"],
)
def test_a_bad_file_is_refused_with_its_code(raw, code, params):
    # given a file with one thing wrong
    # when it is parsed
    with pytest.raises(RestructuringFileError) as info:
        parse_restructuring_file(raw)
    # then the error carries the code and its parameters, which read in both languages
    assert info.value.message == Message(code, params)
    assert info.value.text("vi") and info.value.text("en")


def test_text_that_is_not_json_is_refused_with_the_readers_reason():
    # given text that is not JSON
    # when it is parsed
    with pytest.raises(RestructuringFileError) as info:
        parse_restructuring_file("{not json")
    # then the code says so, and the reason is passed on as a parameter
    assert info.value.message.code == "agencies.file.not_json"
    assert info.value.text("vi").startswith("Tệp không phải JSON hợp lệ: Expecting property name")
    assert isinstance(info.value, ValueError)


def test_a_good_file_is_read_into_plain_data():
    # given a well-formed file
    # when it is parsed
    parsed = parse_restructuring_file(_file())
    # then the province and the event come back as plain data
    assert parsed.province == "Hải Phòng"
    assert [(e.kind, e.predecessors, [s.name for s in e.successors]) for e in parsed.events] == [
        ("merge", ["Sở A", "Sở B"], ["Sở C"])
    ]
