"""Hostile uploads (issue 14, point 4): time and peak memory of analysing three small crafted
files, before the analysis was sandboxed and after.

The files are built here, never downloaded:

- a .docx of about 1 MB whose document.xml inflates to about 280 MB (a "zip bomb" made of
  ordinary paragraphs);
- a 197-byte PDF whose one page is 14400 x 14400 pt (PDF's largest page, 5 m square);
- a PNG of 168 million pixels (14000 x 12000, RGB) that compresses to about 0.5 MB.

"Before" runs the text extraction and preview code as it was (in the worker's own process, no
limits) in a child process of its own, so its peak memory can be read; "after" runs
``staffroom.resources.files.analyse_file``, which analyses in a child process under the limits
of ``analysis_sandbox`` (512 MB address space, 60 s CPU). Peak memory is the child's peak
resident set size as the kernel reports it to ``wait4``.

    .venv/bin/python bench/hostile_files.py [--skip-before] [--markdown]

The "before" run of the .docx takes minutes and several GB of memory.
"""

import argparse
import io
import os
import platform
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="jpeg" ContentType="image/jpeg"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx_bomb(inflated_mb: int = 280, padding_kb: int = 0) -> bytes:
    """A valid .docx of about 1 MB whose document.xml inflates to ``inflated_mb`` MB.

    The padding (random bytes, stored as a thumbnail) stands for the pictures a real document
    carries and makes the upload as large as the review's (996 KB).
    """
    paragraph = b"<w:p><w:r><w:t>Breuken vergelijken met pizzapunten</w:t></w:r></w:p>"
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>'
    ).encode()
    tail = b"</w:body></w:document>"
    block = paragraph * 20_000
    blocks = (inflated_mb * 1024 * 1024) // len(block)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            entry.write(head)
            for _ in range(blocks):
                entry.write(block)
            entry.write(tail)
        archive.writestr(
            zipfile.ZipInfo("docProps/thumbnail.jpeg"),
            os.urandom(padding_kb * 1024),
            compress_type=zipfile.ZIP_STORED,
        )
    return output.getvalue()


def pdf_huge_page(points: int = 14400) -> bytes:
    """A PDF of about 200 bytes with one empty page of ``points`` x ``points`` pt."""
    return (
        b"%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 %d %d]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%%%EOF\n" % (points, points)
    )


def png_many_pixels(width: int = 14000, height: int = 12000) -> bytes:
    """An RGB PNG of width x height black pixels, written row by row (never held decoded)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    compressor = zlib.compressobj(9)
    row = b"\x00" + bytes(width * 3)
    parts = [compressor.compress(row) for _ in range(height)]
    parts.append(compressor.flush())
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", b"".join(parts))
        + chunk(b"IEND", b"")
    )


HOSTILE = [
    ("docx inflating to 280 MB", DOCX, docx_bomb),
    ("PDF with a 14400 pt page", "application/pdf", pdf_huge_page),
    ("PNG of 168 Mpx", "image/png", png_many_pixels),
]

# The analysis as it was before issue 14 (files.py: extract_text, then render_preview), in
# the worker's process with no limit; run here in a child of its own to read its peak memory.
BEFORE = r"""
import io, sys, zipfile
from PIL import Image
mime, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
def docx_text(stream):
    import docx
    document = docx.Document(stream)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)
def pdf_text(stream):
    from pypdf import PdfReader
    return "\n".join((p.extract_text() or "") for p in PdfReader(stream).pages[:200])
extractors = {"application/pdf": pdf_text, sys.argv[3]: docx_text}
try:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        total = sum(e.file_size for e in archive.infolist())
except zipfile.BadZipFile:
    total = 0
if mime in extractors and total <= 300 * 1024 * 1024:
    try:
        text = extractors[mime](io.BytesIO(data))
    except Exception as error:
        print("text failed:", type(error).__name__)
try:
    if mime == "application/pdf":
        import pypdfium2
        pdf = pypdfium2.PdfDocument(data)
        image = pdf[0].render(scale=1).to_pil()
    elif mime.startswith("image/"):
        image = Image.open(io.BytesIO(data)); image.load()
    else:
        image = None
    if image is not None:
        image = image.convert("RGB"); image.thumbnail((480, 640))
        image.save(io.BytesIO(), format="JPEG", quality=80, optimize=True)
except Exception as error:
    print("preview failed:", type(error).__name__)
"""


def run_before(mime: str, content: bytes) -> tuple[float, int, str]:
    with tempfile.NamedTemporaryFile(suffix=".bin") as file:
        file.write(content)
        file.flush()
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-c", BEFORE, mime, file.name, DOCX],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.monotonic() - started
        note = process.stdout.read().decode().strip() if process.stdout else ""
        process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, note or "analysed"


def run_after(mime: str, content: bytes) -> tuple[float, int, str]:
    from staffroom.resources.files import analyse_file

    started = time.monotonic()
    analysis = analyse_file(io.BytesIO(content), mime)
    elapsed = time.monotonic() - started
    outcome = (
        f"{len(analysis.text)} characters of text, "
        f"{'a' if analysis.preview else 'no'} preview"
        + (f"; problem: {analysis.problem}" if analysis.problem else "")
    )
    return elapsed, analysis.peak_rss_kb, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-before", action="store_true")
    parser.add_argument("--markdown", action="store_true")
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "staffroom.settings")
    os.environ.setdefault("STAFFROOM_DEBUG", "1")

    rows = []
    for label, mime, build in HOSTILE:
        content = build()
        before = None if arguments.skip_before else run_before(mime, content)
        after = run_after(mime, content)
        rows.append((label, len(content), before, after))
        print(f"{label}: {len(content):,} bytes", file=sys.stderr)
        if before:
            print(f"  before: {before[0]:.1f} s, {before[1] / 1024:.0f} MB, {before[2]}")
        print(f"  after:  {after[0]:.1f} s, {after[1] / 1024:.0f} MB, {after[2]}")

    if arguments.markdown:
        print()
        print(
            f"`.venv/bin/python bench/hostile_files.py --markdown` on {date.today()}, "
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}."
        )
        print()
        print(
            "| file | size | before: time | before: peak memory | after: time | "
            "after: peak memory | after: outcome |"
        )
        print("|---|---|---|---|---|---|---|")
        for label, size, before, after in rows:
            before_cells = f"{before[0]:.1f} s | {before[1] / 1024:,.0f} MB" if before else "- | -"
            print(
                f"| {label} | {size:,} bytes | {before_cells} | {after[0]:.2f} s | "
                f"{after[1] / 1024:,.0f} MB | {after[2]} |"
            )


if __name__ == "__main__":
    main()
