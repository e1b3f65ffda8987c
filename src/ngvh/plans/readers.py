"""Turn an uploaded plan (bytes) into ordered paragraph lines and tables.

The parser never sees file formats: a plain-text export with TAB-separated table rows and
a Word document with real tables both become the same :class:`Document`, so one parser
serves both and the two can be checked against each other.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from ngvh.core.messages import Message
from ngvh.plans.parsed import PlanParseError

TEXT_EXTENSIONS = (".txt", ".text", ".tsv")
DOCX_EXTENSIONS = (".docx",)
LEGACY_WORD_EXTENSIONS = (".doc", ".rtf", ".odt")
PDF_EXTENSIONS = (".pdf",)
CONVERSION_TIMEOUT = 90  # seconds LibreOffice may take for one document


@dataclass(frozen=True)
class Line:
    """One paragraph. ``number`` is the line (text) or paragraph index (Word), 1-based."""

    text: str
    number: int


@dataclass(frozen=True)
class Row:
    """One table row. ``number`` is the line number (text) or the row within its table (Word)."""

    cells: list[str]
    number: int
    table: int = 1


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    index: int = 1


Block = Line | Table


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    filename: str = ""
    encoding: str = ""

    def lines(self) -> list[Line]:
        return [b for b in self.blocks if isinstance(b, Line)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def read_document(data: bytes, filename: str) -> Document:
    """Read ``data`` according to the extension of ``filename``; refuse what we cannot read."""
    if not data or not data.strip():
        raise PlanParseError(Message("plans.file.empty"))
    ext = PurePath(filename or "").suffix.lower()
    if ext in TEXT_EXTENSIONS:
        text, encoding = decode_text(data)
        return Document(blocks=text_blocks(text), filename=filename, encoding=encoding)
    if ext in DOCX_EXTENSIONS:
        return read_docx(data, filename)
    if ext in LEGACY_WORD_EXTENSIONS:
        return read_docx(convert_to_docx(data, ext), filename)
    if ext in PDF_EXTENSIONS:
        from ngvh.plans.pdf import read_pdf

        return read_pdf(data, filename)
    raise PlanParseError(Message("plans.file.unsupported", {"ext": ext or filename}))


# --- legacy Word, through LibreOffice ------------------------------------------------------


def convert_to_docx(data: bytes, ext: str) -> bytes:
    """Legacy Word (as provincial portals still publish) converted by LibreOffice headless.

    A throw-away profile directory keeps concurrent conversions from fighting over the
    user's profile lock; the timeout keeps a hostile file from holding a worker.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise PlanParseError(Message("plans.file.no_libreoffice", {"ext": ext}))
    with tempfile.TemporaryDirectory(prefix="ngvh-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"plan{ext}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "docx", "--outdir", str(folder / "out"), str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERSION_TIMEOUT, check=False)  # noqa: S603
        except (subprocess.TimeoutExpired, OSError) as exc:
            raise _damaged(ext) from exc
        converted = folder / "out" / "plan.docx"
        if not converted.exists() or not converted.stat().st_size:
            raise _damaged(ext)
        return converted.read_bytes()


# --- text decoding -----------------------------------------------------------------------

_VIETNAMESE_LETTERS = set(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
_VIETNAMESE_LETTERS |= {c.upper() for c in _VIETNAMESE_LETTERS}
# Byte values TCVN3 (ABC) uses for common Vietnamese letters; decoded as Windows-1258
# they show as symbols (µ ¸ ¶ · ¹ ¨ © ª « ¬ ­ ®), which is how we recognise it.
_TCVN3_SYMBOLS = set(range(0xA1, 0xC0))


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode plain text, returning NFC text and the encoding name used.

    Windows-1258 writes tones as combining marks, so everything is NFC-normalised after
    decoding. Legacy 8-bit Vietnamese fonts (TCVN3, VNI) are refused rather than guessed:
    a wrong guess would store garbage agency names that then look like new agencies.
    """
    text, name = _decode(data)
    # The few stray control characters a readable file may hold (a NUL from a damaged
    # copy) carry nothing, and PostgreSQL refuses NUL in text: they are dropped here.
    return _CONTROLS_RE.sub("", text), name


_CONTROLS_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec, name in (
        (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
        (b"\xff\xfe", "utf-16-le", "UTF-16"),
        (b"\xfe\xff", "utf-16-be", "UTF-16"),
    ):
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec, name), name
    utf16 = _bomless_utf16(data)
    if utf16:
        return _strict(data, utf16, "UTF-16"), "UTF-16"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data), "Windows-1258"
    _check_text(text, "UTF-8")
    return unicodedata.normalize("NFC", text), "UTF-8"


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _encoding_error(f"{name} (lỗi)", f"{name} (damaged)") from exc
    _check_text(text, name)
    return unicodedata.normalize("NFC", text)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: most characters of Vietnamese text have a zero high byte."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.2 and even < half * 0.02:
        return "utf-16-le"
    if even > half * 0.2 and odd < half * 0.02:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes) -> str:
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise _encoding_error(_guess_legacy(data)) from exc
    text = unicodedata.normalize("NFC", text)
    if not _looks_vietnamese(text):
        raise _encoding_error(_guess_legacy(data))
    _check_text(text, "Windows-1258")
    return text


def _looks_vietnamese(text: str) -> bool:
    """Decoded Windows-1258 is believable only if its non-ASCII letters are Vietnamese ones."""
    foreign = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    if not foreign:
        return False
    vietnamese = sum(1 for ch in foreign if ch in _VIETNAMESE_LETTERS)
    return vietnamese / len(foreign) >= 0.9 and vietnamese >= 3


def _looks_tcvn3(data: bytes) -> bool:
    high = [b for b in data if b >= 0x80]
    return bool(high) and sum(1 for b in high if b in _TCVN3_SYMBOLS) / len(high) > 0.3


def _looks_vni(data: bytes) -> bool:
    # VNI writes a base letter followed by a mark byte: "Vieät", "Haûi".
    return len(re.findall(rb"[A-Za-z][\xc0-\xff]", data)) > 0.6 * sum(1 for b in data if b >= 0x80)


def _guess_legacy(data: bytes) -> Message:
    if _looks_tcvn3(data):
        return Message("plans.file.encoding.tcvn3")
    if _looks_vni(data):
        return Message("plans.file.encoding.vni")
    return Message("plans.file.encoding.unknown")


def _encoding_error(detected: Message) -> PlanParseError:
    return PlanParseError(Message("plans.file.encoding", {"detected": detected}))


def _check_text(text: str, encoding: str) -> None:
    """Binary data that happens to decode is still not a plan."""
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if controls > max(2, len(text) // 200):
        raise _encoding_error(Message("plans.file.encoding.controls", {"encoding": encoding}))


# --- plain text ---------------------------------------------------------------------------

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


def text_blocks(text: str) -> list[Block]:
    """Paragraph lines, with consecutive TAB-separated lines gathered into tables.

    Line numbers follow the file, so a refusal can point at the line in an editor. A blank
    line ends a table; the parser, not the reader, knows that the next table continues it.
    """
    blocks: list[Block] = []
    table: Table | None = None
    tables = 0
    for number, raw in enumerate(_LINE_BREAK_RE.split(text.lstrip("\ufeff")), start=1):
        raw = raw.replace("\f", "").replace("\v", "")
        cells = _tab_cells(raw)
        if cells is None:
            table = None
            blocks.append(Line(text=raw.strip(), number=number))
            continue
        if table is None:
            tables += 1
            table = Table(index=tables)
            blocks.append(table)
        table.rows.append(Row(cells=cells, number=number, table=table.index))
    return blocks


def _tab_cells(raw: str) -> list[str] | None:
    """Cells of a TAB-separated row, or None for a paragraph (even one indented by tabs)."""
    body = raw.strip(" \u00a0")
    if "\t" not in body or not body.strip():
        return None
    inner_tab = "\t" in body.strip()
    trailing_columns = body.rstrip("\t") != body and body.endswith("\t\t")
    if not inner_tab and not (trailing_columns and not body.startswith("\t")):
        return None  # an indent or a stray trailing tab on a paragraph
    cells = body.split("\t")
    # Leading empty cells from indentation are kept: columns are positional.
    return [c.strip() for c in cells]


# --- Word ---------------------------------------------------------------------------------


def read_docx(data: bytes, filename: str = "") -> Document:
    """Body paragraphs and tables in document order (python-docx lists them separately)."""
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise PlanParseError(Message("plans.file.no_word_library")) from exc
    try:
        word = docx.Document(io.BytesIO(data))
        blocks = _docx_blocks(word, DocxTable, Paragraph)
    except PlanParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged zip or XML fails in many ways (zlib, lxml, KeyError)
        raise _damaged(".docx") from exc
    return Document(blocks=blocks, filename=filename, encoding="docx")


def _damaged(ext: str) -> PlanParseError:
    return PlanParseError(Message("plans.file.damaged_word", {"ext": ext}))


def _docx_blocks(word, DocxTable, Paragraph) -> list[Block]:  # noqa: N803 - the python-docx classes
    blocks: list[Block] = []
    paragraphs = 0
    tables = 0
    for element in _body_elements(word.element.body):
        tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if tag == "p":
            paragraphs += 1
            text = Paragraph(element, word).text
            blocks.append(Line(text=unicodedata.normalize("NFC", text).strip(), number=paragraphs))
        elif tag == "tbl":
            tables += 1
            blocks.append(_docx_table(DocxTable(element, word), tables))
    return blocks


def _body_elements(body):
    """Top-level paragraphs and tables, looking inside content controls (w:sdt)."""
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag in ("p", "tbl"):
            yield child
        elif tag == "sdt":
            for inner in child.iterchildren():
                if inner.tag.rsplit("}", 1)[-1] == "sdtContent":
                    yield from _body_elements(inner)


def _docx_table(table, index: int) -> Table:
    """Rows of cell texts; a horizontally merged cell appears once, not once per column.

    Cell paragraphs are joined with a newline rather than a space: the parser folds
    whitespace in titles anyway, and a newline is a real separator between agencies that a
    clerk typed on separate lines of one cell.
    """
    result = Table(index=index)
    for number, row in enumerate(table.rows, start=1):
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            cells.append(unicodedata.normalize("NFC", text))
        result.rows.append(Row(cells=cells, number=number, table=index))
    return result
