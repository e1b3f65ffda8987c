"""The evidence check tells office files from other zips, and refuses a damaged zip
(found by fuzzing the Excel import: a header claiming zip version 6.4) instead of failing."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from ngvh.activities import storage


def _zip(names: tuple[str, ...], version_needed: int | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in names:
            zf.writestr(name, "<x/>")
    data = bytearray(out.getvalue())
    if version_needed is not None:
        start = 0
        while (found := data.find(b"PK\x01\x02", start)) != -1:
            data[found + 6] = version_needed
            start = found + 4
    return bytes(data)


def test_a_word_file_is_recognised_by_its_content():
    data = _zip(("[Content_Types].xml", "word/document.xml"))
    assert storage.detect(data[:261], io.BytesIO(data)) == "docx"


def test_a_zip_claiming_an_unreadable_version_is_not_evidence():
    # given a zip whose directory claims version 6.4 (the zip branch opens it to look inside)
    data = _zip(("notes/a.xml", "word/document.xml"), version_needed=64)
    # then it is not recognised (so the upload is refused with the usual message), never a crash
    assert storage.detect(data[:261], io.BytesIO(data)) is None
    try:
        storage.store(SimpleUploadedFile("bien-ban.zip", data))
    except storage.RefusedFile as refused:
        assert str(refused)
    else:  # pragma: no cover - the test fails here
        raise AssertionError("a damaged zip was stored")
