"""PDFs made here, byte by byte, with a text layer: the demo library's papers and the library
tests' files come from this one builder."""


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(*pages: str) -> bytes:
    """A PDF whose pages carry ``pages``' text, one line of the page for each line of the
    text (Helvetica, WinAnsi: accents included, a character outside it becomes "?"). No
    argument, or an empty page, gives a blank page without a text layer, like a scan."""
    pages = pages or ("",)
    objects: list[bytes] = []
    count = len(pages)
    kids = " ".join(f"{3 + 2 * index} 0 R" for index in range(count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    font = 3 + 2 * count
    for index, text in enumerate(pages):
        lines = text.split("\n")
        stream = b"BT /F1 11 Tf 50 780 Td 14 TL " + b" ".join(
            b"(" + _escape(line) + b") Tj T*" for line in lines) + b" ET" if text else b""
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                       f"<< /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * index} 0 R >>"
                       .encode())
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
                       + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)


def wrapped(text: str, width: int = 90) -> str:
    """``text`` with its paragraphs (its lines) cut between words into lines of about
    ``width`` characters, so that they fit on an A4 page."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            if len(line) + len(word) > width:
                lines.append(line)
                line = ""
            line = f"{line} {word}".strip()
        lines.append(line)
    return "\n".join(lines)
