"""Untrusted files are read in a child process with limits, never in the worker itself.

A small upload can be made to cost gigabytes: a .docx whose XML inflates a thousandfold, a PDF
whose one page is five metres wide, a PNG of 168 million pixels that compresses to 490 KB. The
parsers (lxml, pypdf, pdfium, Pillow) hold whole documents or bitmaps in memory, so the only
dependable bound is the operating system's: the child runs under an address-space limit
(RLIMIT_AS), a CPU-time limit (RLIMIT_CPU), a limit on what it may write (RLIMIT_FSIZE on its
output file) and a wall-clock deadline after which the parent kills it. Inside those limits it
also refuses the known bombs cheaply before parsing (inflated size of a zip against the upload's
size, pixel count from the image header, page size from the PDF before rendering), so a hostile
file costs milliseconds instead of a killed process.

This module has no Django in it: the child is a fresh interpreter (``python -I -m
staffroom.resources.analysis_sandbox``) that inherits nothing from the worker but the file to
read on its standard input and the limits as JSON in its arguments. It answers with one JSON
object on its standard output, which is a temporary file.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import functools
import io
import json
import logging
import os
import resource
import signal
import stat
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

MB = 1024 * 1024

logger = logging.getLogger(__name__)

# Problem codes, shared with files.py which turns them into a note for moderators.
INFLATES_TOO_FAR = "inflates-too-far"
TOO_MANY_PIXELS = "too-many-pixels"
PAGE_TOO_LARGE = "page-too-large"
MEMORY_LIMIT = "memory-limit"
TIME_LIMIT = "time-limit"
OUTPUT_LIMIT = "output-limit"
UNREADABLE = "unreadable"
FAILED = "failed"


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = 512 * MB
    cpu_seconds: int = 60
    wall_seconds: int = 120
    output_bytes: int = 8 * MB
    max_chars: int = 200_000
    # An office file's members may inflate to this many times the upload, and never beyond
    # the cap. Text-heavy documents compress about 5-20 times, repetitive spreadsheets up to
    # about 60; a thousandfold is a bomb.
    inflate_ratio: int = 100
    inflate_cap_bytes: int = 200 * MB
    # Decoded, an image takes 3-4 bytes a pixel and a copy while it is scaled down.
    max_pixels: int = 40_000_000
    # PDF's own largest page (200 inches); bigger ones need UserUnit tricks.
    max_page_points: float = 14_400.0
    preview_size: tuple[int, int] = (480, 640)
    # A PDF's first pages are rendered for the resource page's "look inside"; the first one
    # is also the card's picture.
    preview_pages: int = 3


@dataclass
class Outcome:
    text: str = ""
    preview: bytes | None = None
    # Every page rendered, the first (``preview``) included.
    pages: list[bytes] = field(default_factory=list)
    problem: str = ""
    # The child's peak resident memory in KiB, as the kernel counted it (wait4's rusage).
    peak_rss_kb: int = 0
    detail: str = field(default="", repr=False)


# --- The parent: run a child and read its answer -------------------------------------------


def _input_fd(stream, spool) -> int:
    """A file descriptor the child can read and seek: the stream's own file when it is one."""
    try:
        fd = stream.fileno()
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.lseek(fd, 0, os.SEEK_SET)
            return fd
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        pass
    stream.seek(0)
    while chunk := stream.read(MB):
        spool.write(chunk)
    spool.flush()
    spool.seek(0)
    return spool.fileno()


def _wait(pid: int, deadline: float) -> tuple[int, int, bool]:
    """Wait for ``pid`` until the deadline, then kill it and its group; returns (exit status,
    its peak resident memory in KiB from wait4, whether it was killed)."""
    killed = False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage.ru_maxrss, killed
        if time.monotonic() > deadline and not killed:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            killed = True
        time.sleep(0.005)


def _outcome(code: int, killed: bool, answer: bytes, peak_rss_kb: int, limits: Limits) -> Outcome:
    """Read what an analysing process left: its answer, or what its end says about it."""
    if killed or code in (-signal.SIGXCPU, -signal.SIGKILL):
        return Outcome(problem=TIME_LIMIT, peak_rss_kb=peak_rss_kb)
    if code == -signal.SIGXFSZ or len(answer) > limits.output_bytes:
        return Outcome(problem=OUTPUT_LIMIT, peak_rss_kb=peak_rss_kb)
    try:
        data = json.loads(answer)
    except ValueError:
        # A parser in C that cannot allocate aborts or crashes instead of raising.
        return Outcome(problem=MEMORY_LIMIT if code else FAILED, peak_rss_kb=peak_rss_kb)
    pages = [base64.b64decode(page) for page in data.get("pages") or []]
    return Outcome(
        text=data.get("text", ""),
        preview=pages[0] if pages else None,
        pages=pages,
        problem=data.get("problem", ""),
        detail=data.get("detail", ""),
        peak_rss_kb=peak_rss_kb,
    )


def run(stream, mime_type: str, *, text: bool, preview: bool, limits: Limits) -> Outcome:
    """Analyse ``stream`` (a file of type ``mime_type``) in a limited child process.

    Never raises for what the file contains: a file refused or killed for its limits, or one
    that cannot be parsed, comes back with ``problem`` set and no text or preview.

    The process started here is a small supervisor that forks the analysing process: the
    kernel's peak-memory figure for a process counts what it held before exec, which for a
    child of the worker would be the worker's own memory, while a fork of the small
    supervisor starts from a few megabytes.
    """
    stream.seek(0)
    command = [
        sys.executable,
        "-I",
        "-m",
        __name__,
        json.dumps({"mime": mime_type, "text": text, "preview": preview, "limits": asdict(limits)}),
    ]
    with (
        tempfile.TemporaryFile(prefix="staffroom-analysis-in-") as spool,
        tempfile.TemporaryFile(prefix="staffroom-analysis-out-") as output,
        tempfile.TemporaryFile(prefix="staffroom-analysis-report-") as report,
    ):
        fd = _input_fd(stream, spool)
        process = subprocess.Popen(  # our own interpreter and module, no shell
            command,
            stdin=fd,
            stdout=output,
            stderr=report,
            close_fds=True,
            start_new_session=True,
        )
        # The supervisor keeps the deadline; this one, later, is for a supervisor gone wrong.
        try:
            status, _rss, killed = _wait(process.pid, time.monotonic() + limits.wall_seconds + 10)
        except BaseException:
            # The task was interrupted (the worker stopping): the analysis goes with it.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            os.waitpid(process.pid, 0)
            raise
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4 already
        output.seek(0)
        answer = output.read(limits.output_bytes + 1)
        report.seek(0)
        try:
            supervised = json.loads(report.read(10_000).splitlines()[-1])
        except (ValueError, IndexError):
            supervised = {"code": -signal.SIGKILL if killed else 1, "killed": killed}
    return _outcome(
        supervised["code"],
        supervised.get("killed", False),
        answer,
        supervised.get("peak_rss_kb", 0),
        limits,
    )


# --- Office files: LibreOffice converts them to PDF, under limits ---------------------------


@dataclass(frozen=True)
class ConverterLimits:
    memory_bytes: int = 1024 * MB
    cpu_seconds: int = 60
    wall_seconds: int = 60
    # The largest file the converter may write (the PDF, its profile's files).
    output_bytes: int = 100 * MB


def office_to_pdf(
    sources: list[Path],
    *,
    converter: str,
    workdir: Path,
    limits: ConverterLimits,
    hide: list[str] | None = None,
    sanitise: bool = True,
) -> tuple[list[Path | None], str]:
    """Convert office files to PDF with LibreOffice headless, all in one run (starting it costs
    more than converting a page), and return the PDF of each source (None where it made
    none) and a problem code for the run ("" or TIME_LIMIT).

    LibreOffice parses untrusted files too, so it runs like the analysis: in its own session
    (killed as a group at the deadline), under memory, CPU-time and file-size limits set by
    this module before it execs the converter, with a fresh profile in ``workdir`` so that
    two conversions never share (or lock) one, and HOME pointing there too. The sources'
    names must differ in their stems (the PDFs are named after them).

    A document can also point outside itself (a linked image, an INCLUDETEXT field, an OLE
    link), and LibreOffice loads such targets while converting: a file of this machine or an
    address of its network would end up in the pages shown to the uploader. Two layers stop
    that. The limited process first removes every external reference from the sources
    (``sanitise_package``; a legacy binary file, which cannot be cleaned, is left out unless
    isolated). Then, where the kernel allows unprivileged namespaces (``isolation_prefix``),
    the converter runs without any network and with the directories in ``hide`` (the
    site's data, HOME, /tmp) covered by empty ones, only its own directories left visible.
    """
    isolation = isolation_prefix()
    profile = workdir / "profile"
    outdir = workdir / "pdf"
    outdir.mkdir(exist_ok=True)
    plan = {
        "limits": asdict(limits),
        "sanitise": [str(source) for source in sources] if sanitise else [],
        "isolated": bool(isolation),
        "hide": hide or [],
        # What stays visible under the hidden directories: the conversion's own files and
        # the converter's installation.
        "keep": sorted({str(workdir), *(str(source.parent) for source in sources)}),
        "converter_dir": _installation(converter),
    }
    command = [
        *isolation,
        sys.executable,
        "-I",
        "-m",
        __name__,
        "--exec-limited",
        json.dumps(plan),
        converter,
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        "--nodefault",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *(str(source) for source in sources),
    ]
    # Nothing of the worker's environment (its secrets among it) reaches the converter.
    environment = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(workdir),
        "LANG": "C.UTF-8",
        "TMPDIR": str(workdir),
    }
    process = subprocess.Popen(  # our own interpreter and module, then the configured converter
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        close_fds=True,
        start_new_session=True,
        cwd=workdir,
        env=environment,
    )
    try:
        status, _rss, killed = _wait(process.pid, time.monotonic() + limits.wall_seconds)
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        os.waitpid(process.pid, 0)
        raise
    finally:
        # LibreOffice's launcher may leave its worker behind: the whole session goes.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    process.returncode = os.waitstatus_to_exitcode(status)
    results: list[Path | None] = []
    for source in sources:
        pdf = outdir / f"{source.stem}.pdf"
        fits = pdf.is_file() and 0 < pdf.stat().st_size <= limits.output_bytes
        results.append(pdf if fits else None)
    return results, TIME_LIMIT if killed else ""


def _installation(converter: str) -> str:
    """The directory LibreOffice needs besides its program: the installation around its
    ``program`` directory (soffice is usually a link into it), else the program's own."""
    program = os.path.dirname(os.path.realpath(converter))
    return os.path.dirname(program) if os.path.basename(program) == "program" else program


def _exec_limited(plan_json: str, command: list[str]) -> None:
    """Set the converter's limits on this process, clean its sources, hide what it must not
    see (when it runs in namespaces of its own), then become the converter (limits stay
    across exec and pass on to the processes it starts)."""
    plan = json.loads(plan_json)
    limits = ConverterLimits(**plan["limits"])
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.output_bytes, limits.output_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # The sources are parsed here, under the limits, never in the worker.
    left_out = set()
    for source in plan["sanitise"]:
        if not sanitise_package(Path(source)) and not plan["isolated"]:
            left_out.add(source)
    if plan["isolated"]:
        _hide(plan["hide"], [*plan["keep"], plan["converter_dir"]])
    command = [part for part in command if part not in left_out]
    if plan["sanitise"] and not any(source in command for source in plan["sanitise"]):
        return  # nothing left to convert
    os.execv(command[0], command)  # noqa: S606 (the configured converter, no shell)


# --- Taking external references out of office files ----------------------------------------

_RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Word fields that fetch something: a file's text or picture, another program's data.
_FETCHING_FIELDS = frozenset(
    {"INCLUDETEXT", "INCLUDEPICTURE", "INCLUDE", "IMPORT", "LINK", "DDE", "DDEAUTO", "HYPERLINK"}
)


class Unsanitisable(Exception):
    """A package part could not be read; its file is treated as one that cannot be cleaned."""


def _parser():
    from lxml import etree  # noqa: PLC0415 (the child only)

    # No entities, no DTD, no network: a hostile part cannot reach out through the parser.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _external_href(value: str) -> bool:
    """Whether an ODF link leaves the package: a scheme, an absolute path, or a way up."""
    value = value.strip()
    return (
        not value
        or ":" in value.split("/", 1)[0]
        or value.startswith(("/", "\\", ".."))
        or "/../" in value.replace("\\", "/")
    )


def _fetching_instruction(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in _FETCHING_FIELDS


def _clear_fetching_fields(root) -> bool:
    """Empty the instructions of complex Word fields that fetch something. An instruction may
    be split over several runs ("INCL", "UDETEXT ..."), and fields nest, so the parts of each
    field are gathered from its begin to its separator (or end) before judging them."""
    begin, instruction = f"{{{_WORD_NS}}}fldChar", f"{{{_WORD_NS}}}instrText"
    kind_attribute = f"{{{_WORD_NS}}}fldCharType"
    open_fields: list[list] = []
    changed = False

    def judge(parts: list) -> bool:
        if not _fetching_instruction("".join(part.text or "" for part in parts)):
            return False
        for part in parts:
            part.text = ""
        return True

    for element in root.iter(begin, instruction):
        if element.tag == instruction:
            if open_fields:
                open_fields[-1].append(element)
            elif _fetching_instruction(element.text or ""):
                element.text = ""  # an instruction outside any field: judged alone
                changed = True
            continue
        kind = element.get(kind_attribute)
        if kind == "begin":
            open_fields.append([])
        elif kind in ("separate", "end") and open_fields:
            changed |= judge(open_fields[-1])
            if kind == "end":
                open_fields.pop()
            else:
                open_fields[-1] = []  # the result's runs follow; nothing more to judge
    for parts in open_fields:  # fields never closed
        changed |= judge(parts)
    return changed


def _clean_part(name: str, data: bytes) -> bytes:
    """One part of an OOXML or ODF package without its external references."""
    from lxml import etree  # noqa: PLC0415 (the child only)

    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise Unsanitisable(name) from error
    changed = False
    if name.endswith(".rels"):
        for relationship in root.iter(f"{{{_RELATIONSHIPS_NS}}}Relationship"):
            if relationship.get("TargetMode", "").lower() == "external":
                relationship.getparent().remove(relationship)
                changed = True
    changed |= _clear_fetching_fields(root)
    for element in root.iter(f"{{{_WORD_NS}}}fldSimple"):
        if _fetching_instruction(element.get(f"{{{_WORD_NS}}}instr", "")):
            element.set(f"{{{_WORD_NS}}}instr", "")
            changed = True
    for element in root.iter():
        href = element.get(_XLINK_HREF)
        if href is not None and _external_href(href):
            del element.attrib[_XLINK_HREF]
            changed = True
    if not changed:
        return data
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def sanitise_package(path: Path) -> bool:
    """Rewrite an OOXML or ODF file (a zip) in place without its external references:
    relationships with TargetMode="External", fetching Word fields, ODF links that leave the
    package. Returns False for a file that is not such a package (a legacy .doc/.ppt/.xls)
    or whose parts cannot be read: it could not be cleaned."""
    if not zipfile.is_zipfile(path):
        return False
    cleaned = path.with_name(path.name + ".clean")
    try:
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(cleaned, "w") as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename.endswith((".xml", ".rels")):
                    data = _clean_part(info.filename, data)
                compress = (
                    zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
                )
                target.writestr(info, data, compress_type=compress)
    except (Unsanitisable, zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
        cleaned.unlink(missing_ok=True)
        return False
    os.replace(cleaned, path)
    return True


# --- Isolating the converter ----------------------------------------------------------------

_UNSHARE = "/usr/bin/unshare"
# A user namespace (root inside, the worker's user outside) with its own network (only a
# loopback, down), mounts and processes (/proc shows the converter's only).
_UNSHARE_FLAGS = [
    "--user",
    "--map-root-user",
    "--net",
    "--mount",
    "--pid",
    "--fork",
    "--mount-proc",
]
# Never covered, whatever the settings say: the converter needs them.
_SYSTEM_DIRS = frozenset(
    {
        "/",
        "/usr",
        "/etc",
        "/lib",
        "/lib64",
        "/bin",
        "/sbin",
        "/opt",
        "/proc",
        "/dev",
        "/sys",
        "/var",
        "/run",
    }
)


@functools.cache
def isolation_prefix() -> tuple[str, ...]:
    """The command that starts the converter in namespaces of its own, or () where the
    kernel does not allow it (found out once per process; a warning says so once)."""
    command = [_UNSHARE, *_UNSHARE_FLAGS, "--", "/bin/true"]
    try:
        works = (
            os.access(_UNSHARE, os.X_OK)
            and subprocess.run(  # fixed command, no shell
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=10,
                check=False,
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        works = False
    if not works:
        logger.warning(
            "Office conversion runs without isolation (unprivileged user namespaces are not "
            "available): external references are removed from the files, and legacy binary "
            "office files are not converted."
        )
        return ()
    return (_UNSHARE, *_UNSHARE_FLAGS, "--")


_MS_NOSUID = 2
_MS_NODEV = 4
_MS_BIND = 4096
_MS_REC = 16384


def _mount(source: str, target: str, kind: str | None, flags: int, options: str | None) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    result = libc.mount(
        source.encode(),
        target.encode(),
        kind.encode() if kind else None,
        ctypes.c_ulong(flags),
        options.encode() if options else None,
    )
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"mount {target}: {os.strerror(error)}")


def _hide(hide: list[str], keep: list[str]) -> None:
    """Cover each directory of ``hide`` with an empty one, then bring back the directories of
    ``keep`` (opened before, so they can be bound again once covered)."""
    kept = {}
    for path in sorted(set(keep), key=len):
        if path and os.path.isdir(path):
            kept[path] = os.open(path, os.O_PATH | os.O_DIRECTORY)
    covered: list[str] = []
    for path in sorted({os.path.realpath(path) for path in hide}, key=len):
        if path in _SYSTEM_DIRS or not os.path.isdir(path):
            continue
        if any(path.startswith(done.rstrip("/") + "/") for done in covered):
            continue  # already under a covered one
        _mount("tmpfs", path, "tmpfs", _MS_NOSUID | _MS_NODEV, "size=64m,mode=1777")
        covered.append(path)
    for path, fd in kept.items():
        if any(path == done or path.startswith(done.rstrip("/") + "/") for done in covered):
            os.makedirs(path, exist_ok=True)
            _mount(f"/proc/self/fd/{fd}", path, None, _MS_BIND | _MS_REC, None)
        os.close(fd)


# --- The child: limits first, then the parsers ---------------------------------------------


class Refused(Exception):
    """The file is refused before parsing; the argument is a problem code."""


def _apply_limits(limits: Limits) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.output_bytes, limits.output_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Python ignores SIGXFSZ (a write past the limit would raise instead); let it end us, so
    # the supervisor can tell an output limit from other failures.
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)


def _check_inflated_size(stream, upload_size: int, limits: Limits) -> None:
    """Refuse a zip-based office file whose members would inflate out of proportion.

    The sizes come from the central directory, which a forger controls; zipfile stops at the
    declared size when inflating, so a member that lies inflates no further than it says.
    """
    try:
        with zipfile.ZipFile(stream) as archive:
            total = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the parser judges it
    finally:
        stream.seek(0)
    allowed = min(limits.inflate_cap_bytes, max(upload_size, 64 * 1024) * limits.inflate_ratio)
    if total > allowed:
        raise Refused(INFLATES_TOO_FAR)


def _pdf_text(stream, limits: Limits) -> str:
    from pypdf import PdfReader  # noqa: PLC0415 (loaded for the kind at hand only)

    reader = PdfReader(stream)
    parts: list[str] = []
    length = 0
    for page in reader.pages[:200]:
        part = page.extract_text() or ""
        parts.append(part)
        length += len(part)
        if length > limits.max_chars * 2:
            break
    return "\n".join(parts)


def _docx_text(stream, limits: Limits) -> str:
    import docx  # noqa: PLC0415 (loaded for the kind at hand only)

    document = docx.Document(stream)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pptx_text(stream, limits: Limits) -> str:
    from pptx import Presentation  # noqa: PLC0415 (loaded for the kind at hand only)

    parts = []
    for slide in Presentation(stream).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
    return "\n".join(parts)


def _xlsx_text(stream, limits: Limits) -> str:
    from openpyxl import load_workbook  # noqa: PLC0415 (loaded for the kind at hand only)

    workbook = load_workbook(stream, read_only=True, data_only=True)
    parts = []
    length = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            part = " ".join(str(value) for value in row if value is not None)
            parts.append(part)
            length += len(part)
            if length > limits.max_chars * 2:
                return "\n".join(parts)
    return "\n".join(parts)


def _odf_text(stream, limits: Limits) -> str:
    from odf import teletype  # noqa: PLC0415 (loaded for the kind at hand only)
    from odf.namespaces import TEXTNS  # noqa: PLC0415 (loaded for the kind at hand only)
    from odf.opendocument import load  # noqa: PLC0415 (loaded for the kind at hand only)

    blocks = {(TEXTNS, "h"), (TEXTNS, "p")}

    def walk(node):
        # Headings and paragraphs in document order (nested ones belong to their parent).
        for child in node.childNodes:
            if getattr(child, "qname", None) in blocks:
                yield teletype.extractText(child)
            elif child.nodeType == child.ELEMENT_NODE:
                yield from walk(child)

    return "\n".join(walk(load(stream).body))


EXTRACTORS = {
    "application/pdf": _pdf_text,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _docx_text,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _pptx_text,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _xlsx_text,
    "application/vnd.oasis.opendocument.text": _odf_text,
    "application/vnd.oasis.opendocument.presentation": _odf_text,
    "application/vnd.oasis.opendocument.spreadsheet": _odf_text,
}


def _pdf_images(stream, limits: Limits) -> list:
    import pypdfium2  # noqa: PLC0415 (loaded for the kind at hand only)

    pdf = pypdfium2.PdfDocument(stream.read())
    images = []
    try:
        for number in range(min(len(pdf), max(1, limits.preview_pages))):
            page = pdf[number]
            width, height = page.get_size()
            if not (0 < width <= limits.max_page_points and 0 < height <= limits.max_page_points):
                if number == 0:
                    raise Refused(PAGE_TOO_LARGE)
                break  # the pages before it still make a preview
            # Render at twice the preview box (sharp after scaling down), never at the page's
            # own size: a 14400 pt square page at scale 1 would be an 800 MB bitmap.
            box_width, box_height = limits.preview_size
            scale = min(1.0, 2 * box_width / width, 2 * box_height / height)
            images.append(page.render(scale=scale).to_pil())
        return images
    finally:
        pdf.close()


def _bitmap_image(stream, limits: Limits):
    from PIL import Image  # noqa: PLC0415 (loaded for the kind at hand only)

    # Pillow's own bomb check only warns between its limit and twice it (89-179 Mpx).
    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            opened = Image.open(stream)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise Refused(TOO_MANY_PIXELS) from error
        box_width, box_height = limits.preview_size
        # JPEG can decode at 1/2, 1/4 or 1/8 scale: a 48 Mpx photo need not be decoded whole.
        opened.draft("RGB", (2 * box_width, 2 * box_height))
        width, height = opened.size
        if width * height > limits.max_pixels:
            raise Refused(TOO_MANY_PIXELS)
        opened.load()
    image: Image.Image = opened
    if image.mode in ("1", "P", "PA"):
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    return image


def _previews(stream, mime_type: str, limits: Limits) -> list[bytes]:
    if mime_type == "application/pdf":
        images = _pdf_images(stream, limits)
    elif mime_type.startswith("image/"):
        images = [_bitmap_image(stream, limits)]
    else:
        return []
    previews = []
    for image in images:
        # Scale first and convert after, so no full-size RGB copy of a large image is made.
        image.thumbnail(limits.preview_size)
        if image.mode in ("RGBA", "LA"):
            # Transparent parts (a logo, an og:image) on white, not on JPEG's black.
            from PIL import Image  # noqa: PLC0415 (loaded for the kind at hand only)

            background = Image.new("RGB", image.size, "white")
            background.paste(image, mask=image.getchannel("A"))
            image = background
        image = image.convert("RGB")
        output = io.BytesIO()
        # JPEG keeps a page preview around 20-40 KB where PNG takes 80-230 KB.
        image.save(output, format="JPEG", quality=80, optimize=True)
        previews.append(output.getvalue())
    return previews


def _analyse(stream, request: dict, limits: Limits) -> dict:
    mime_type = request["mime"]
    answer: dict = {"text": "", "pages": [], "problem": ""}
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    steps = []
    if request["text"] and mime_type in EXTRACTORS:
        steps.append("text")
    if request["preview"]:
        steps.append("preview")
    try:
        _check_inflated_size(stream, size, limits)
    except Refused as refused:
        return {"text": "", "pages": [], "problem": str(refused)}
    # Text and preview fail apart: pypdf may choke on a file that pdfium renders, or back.
    for step in steps:
        stream.seek(0)
        try:
            if step == "text":
                text = EXTRACTORS[mime_type](stream, limits)
                answer["text"] = " ".join(text.split())[: limits.max_chars]
            else:
                answer["pages"] = [
                    base64.b64encode(page).decode("ascii")
                    for page in _previews(stream, mime_type, limits)
                ]
        except Refused as refused:
            answer["problem"] = answer["problem"] or str(refused)
        except MemoryError:
            return {"text": "", "pages": [], "problem": MEMORY_LIMIT}
        except Exception as error:  # a damaged file: the parsers raise anything
            if not answer["problem"]:
                answer["problem"] = UNREADABLE
                answer["detail"] = f"{step}: {type(error).__name__}: {error}"[:300]
    return answer


def _analysing_process(request: dict, limits: Limits) -> None:
    """The forked child: limits on, then the parsers; never returns."""
    code = 0
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)  # the parsers' warnings must not mix with the supervisor's report
        _apply_limits(limits)
        stream = os.fdopen(0, "rb", closefd=False)
        answer = _analyse(stream, request, limits)
        data = json.dumps(answer).encode()
        while data:
            data = data[os.write(1, data) :]
    except BaseException:
        code = 70
    os._exit(code)


def main() -> None:
    """The supervisor: fork the analysing process, keep its deadline, report how it ended."""
    if sys.argv[1] == "--exec-limited":
        _exec_limited(sys.argv[2], sys.argv[3:])
        return
    request = json.loads(sys.argv[1])
    limits_data = request["limits"]
    limits_data["preview_size"] = tuple(limits_data["preview_size"])
    limits = Limits(**limits_data)
    pid = os.fork()
    if pid == 0:
        _analysing_process(request, limits)
    status, peak_rss_kb, killed = _wait_child(pid, time.monotonic() + limits.wall_seconds)
    report = {
        "code": os.waitstatus_to_exitcode(status),
        "killed": killed,
        "peak_rss_kb": peak_rss_kb,
    }
    sys.stderr.write("\n" + json.dumps(report) + "\n")
    sys.stderr.flush()


def _wait_child(pid: int, deadline: float) -> tuple[int, int, bool]:
    killed = False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage.ru_maxrss, killed
        if time.monotonic() > deadline and not killed:
            os.kill(pid, signal.SIGKILL)
            killed = True
        time.sleep(0.005)


if __name__ == "__main__":
    main()
