"""Hostile Office files, built in the test that uses them: a few kilobytes that would inflate
to gigabytes, a row of a million cells, a sheet claiming the whole grid."""

import io
import struct
import zipfile

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MILLION_CELLS = 1_200_000


def with_member(content: bytes, name: str, data: bytes,
                compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """``content`` (a zip) with the member ``name`` added, or replaced by ``data``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename != name:
                target.writestr(member, source.read(member.filename))
        target.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


def declaring_size(content: bytes, name: str, size: int) -> bytes:
    """``content`` whose member ``name`` declares ``size`` bytes once inflated (both in its
    local header and in the central directory), whatever it really holds."""
    data = bytearray(content)
    encoded = name.encode()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        local = archive.getinfo(name).header_offset
    struct.pack_into("<I", data, local + 22, size)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46:central + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, central + 24, size)
            return bytes(data)
        central = data.find(b"PK\x01\x02", central + 4)
    raise AssertionError(f"{name} is not in the archive")


def sheet_xml(rows: str, dimension: str = "") -> bytes:
    head = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<worksheet xmlns="{SHEET_NS}">{head}<sheetData>{rows}</sheetData></worksheet>'
            ).encode()


def million_cell_row() -> bytes:
    """One row of 1.2 million empty cells: 4.8 MB of XML."""
    return sheet_xml('<row r="1">' + "<c/>" * MILLION_CELLS + "</row>")


def many_members(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number in range(count - 1):
            archive.writestr(f"word/part{number}.xml", "")
    return buffer.getvalue()
