"""A document that points outside itself (a linked image, an INCLUDETEXT field) must not make
LibreOffice read a file of this machine or an address of its network while converting: the
pages would show it to the uploader. Removing the references (sanitise_package) stops it on
its own; the converter's namespaces (no network, the site's data hidden) stop it on their own
too. Both are checked apart and together."""

import http.server
import io
import re
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from staffroom.resources import analysis_sandbox, files

SOFFICE = shutil.which("soffice")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def soffice():
    if SOFFICE is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    return SOFFICE


@pytest.fixture
def isolated():
    if not analysis_sandbox.isolation_prefix():
        pytest.skip("unprivileged user namespaces are not available (unshare -rn true fails)")


@pytest.fixture
def not_isolated(monkeypatch):
    monkeypatch.setattr(analysis_sandbox, "isolation_prefix", lambda: ())


@pytest.fixture
def recorder():
    """A local web server that records every request made to it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _record(self):
            hits.append(f"{self.command} {self.path}")
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            picture = io.BytesIO()
            Image.new("RGB", (64, 64), (255, 0, 0)).save(picture, "PNG")
            self.send_header("Content-Length", str(len(picture.getvalue())))
            self.end_headers()
            self.wfile.write(picture.getvalue())

        do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = _record

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def linking_docx(*targets: str, include_text: str = "") -> bytes:
    """A docx whose pictures are links (r:link, TargetMode="External") to ``targets``, and
    optionally an INCLUDETEXT field for ``include_text``."""
    import docx

    document = docx.Document()
    document.add_paragraph("Breuken vergelijken.")
    for _ in targets:
        png = io.BytesIO()
        Image.new("RGB", (40, 40), (0, 0, 255)).save(png, "PNG")
        png.seek(0)
        document.add_picture(png)
    saved = io.BytesIO()
    document.save(saved)
    source = zipfile.ZipFile(io.BytesIO(saved.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w") as target_zip:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                for target in targets:
                    data = re.sub(
                        rb'Target="media/[^"]+"(?! TargetMode)',
                        b'Target="' + target.encode() + b'" TargetMode="External"',
                        data,
                        count=1,
                    )
            if info.filename == "word/document.xml":
                data = data.replace(b"r:embed=", b"r:link=")
                if include_text:
                    field = (
                        f'<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;{include_text}&quot; ">'
                        "<w:r><w:t>included</w:t></w:r></w:fldSimple></w:p>"
                    ).encode()
                    data = data.replace(b"<w:sectPr", field + b"<w:sectPr", 1)
            target_zip.writestr(info, data)
    return result.getvalue()


def _red_png(path: Path) -> Path:
    Image.new("RGB", (64, 64), (255, 0, 0)).save(path, "PNG")
    return path


def _convert(tmp_path: Path, content: bytes, name: str = "werkblad.docx", **options):
    source = tmp_path / name
    source.write_bytes(content)
    workdir = tmp_path / "batch"
    workdir.mkdir()
    (pdf,), problem = analysis_sandbox.office_to_pdf(
        [source],
        converter=SOFFICE or "",
        workdir=workdir,
        limits=files.converter_limits(),
        hide=[str(tmp_path / "secrets"), "/tmp", str(Path.home())],  # noqa: S108
        **options,
    )
    assert problem == ""
    return pdf


def _images_and_text(pdf: Path) -> tuple[int, str]:
    reader = PdfReader(pdf)
    return sum(len(page.images) for page in reader.pages), "\n".join(
        page.extract_text() or "" for page in reader.pages
    )


def _hostile(tmp_path: Path, url: str) -> bytes:
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    secret = _red_png(secrets / "secret.png")
    (secrets / "secret.txt").write_text("vertrouwelijk-geheim\n")
    return linking_docx(
        f"{url}/picture.png",
        secret.as_uri(),
        "file:///etc/hostname",
        include_text=str(secrets / "secret.txt"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("isolation", ["isolated", "not_isolated"])
def test_external_references_are_not_followed(soffice, recorder, tmp_path, request, isolation):
    request.getfixturevalue(isolation)
    url, hits = recorder
    pdf = _convert(tmp_path, _hostile(tmp_path, url))
    assert pdf is not None  # the document itself is still converted
    images, text = _images_and_text(pdf)
    assert "Breuken vergelijken." in text
    assert hits == []
    assert images == 0
    assert "vertrouwelijk-geheim" not in text
    assert Path("/etc/hostname").read_text().strip() not in text


@pytest.mark.django_db
def test_the_files_preview_path_removes_them_too(
    soffice, recorder, tmp_path, settings, not_isolated
):
    settings.OFFICE_CONVERTER = SOFFICE
    url, hits = recorder
    (analysis,) = files.render_office_previews([(io.BytesIO(_hostile(tmp_path, url)), DOCX)])
    assert analysis.pages
    assert hits == []
    page = Image.open(io.BytesIO(analysis.pages[0])).convert("RGB")
    colours = page.getcolors(maxcolors=1 << 24) or []
    reds = sum(n for n, (r, g, b) in colours if r > 200 and g < 60 and b < 60)
    assert reds == 0


def test_without_either_layer_the_converter_follows_them(soffice, recorder, tmp_path, not_isolated):
    """The control: LibreOffice does fetch linked images when nothing stops it, so the tests
    above would see a leak."""
    url, hits = recorder
    pdf = _convert(tmp_path, _hostile(tmp_path, url), sanitise=False)
    assert pdf is not None
    assert hits
    assert _images_and_text(pdf)[0] > 0


def test_isolation_alone_stops_them(soffice, recorder, tmp_path, isolated):
    url, hits = recorder
    pdf = _convert(tmp_path, _hostile(tmp_path, url), sanitise=False)
    assert pdf is not None
    assert hits == []
    assert _images_and_text(pdf)[0] == 0  # the secret picture is hidden, the server unreachable


def test_sanitising_drops_external_relationships_and_fields(tmp_path):
    source = tmp_path / "werkblad.docx"
    source.write_bytes(linking_docx("file:///etc/hostname", include_text="/etc/hostname"))
    assert analysis_sandbox.sanitise_package(source)
    with zipfile.ZipFile(source) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        document = package.read("word/document.xml").decode()
    assert "External" not in rels and "hostname" not in rels
    assert "styles.xml" in rels  # internal parts stay
    assert "INCLUDETEXT" not in document and "Breuken vergelijken." in document


def test_sanitising_an_odt_keeps_only_links_inside_the_package(tmp_path):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
        ' xmlns:xlink="http://www.w3.org/1999/xlink"><office:body>'
        '<draw:image xlink:href="Pictures/own.png"/>'
        '<draw:image xlink:href="file:///etc/hostname"/>'
        '<draw:image xlink:href="http://169.254.169.254/latest"/>'
        '<draw:image xlink:href="../../etc/passwd"/>'
        '<draw:image xlink:href="/etc/passwd"/>'
        "</office:body></office:document-content>"
    )
    source = tmp_path / "werkblad.odt"
    with zipfile.ZipFile(source, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    assert analysis_sandbox.sanitise_package(source)
    with zipfile.ZipFile(source) as package:
        cleaned = package.read("content.xml").decode()
        assert package.infolist()[0].compress_type == zipfile.ZIP_STORED
    assert cleaned.count("xlink:href") == 1 and 'xlink:href="Pictures/own.png"' in cleaned


def test_an_entity_in_a_part_is_not_expanded(tmp_path):
    source = tmp_path / "werkblad.docx"
    with zipfile.ZipFile(source, "w") as package:
        package.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
            '<d xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="http://x/">&x;</d>',
        )
    analysis_sandbox.sanitise_package(source)
    with zipfile.ZipFile(source) as package:
        cleaned = package.read("word/document.xml").decode()
    assert Path("/etc/hostname").read_text().strip() not in cleaned


def test_a_legacy_binary_file_cannot_be_sanitised(tmp_path):
    source = tmp_path / "werkblad.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert not analysis_sandbox.sanitise_package(source)


@pytest.mark.parametrize(("isolation", "converted"), [("isolated", True), ("not_isolated", False)])
def test_legacy_files_are_converted_only_when_isolated(
    soffice, tmp_path, request, isolation, converted
):
    """A .doc cannot be cleaned: without isolation it is not converted at all (its page shows
    the start of its text); isolated, it is."""
    request.getfixturevalue(isolation)
    pdf = _convert(tmp_path, b"Breuken vergelijken in platte tekst.\n", "oud.doc")
    assert (pdf is not None) is converted


def test_isolation_is_found_out_once():
    analysis_sandbox.isolation_prefix.cache_clear()
    first = analysis_sandbox.isolation_prefix()
    assert analysis_sandbox.isolation_prefix() is first
    assert analysis_sandbox.isolation_prefix.cache_info().hits >= 1


def test_without_namespaces_a_warning_is_logged_once(monkeypatch, caplog):
    monkeypatch.setattr(analysis_sandbox, "_UNSHARE", "/nonexistent/unshare")
    analysis_sandbox.isolation_prefix.cache_clear()
    try:
        with caplog.at_level("WARNING", logger=analysis_sandbox.__name__):
            assert analysis_sandbox.isolation_prefix() == ()
            assert analysis_sandbox.isolation_prefix() == ()
        warnings = [r for r in caplog.records if "without isolation" in r.getMessage()]
        assert len(warnings) == 1
    finally:
        analysis_sandbox.isolation_prefix.cache_clear()


def test_a_fetching_field_split_over_runs_is_emptied(tmp_path):
    """Word may split a field's instruction over runs: the parts are judged together."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def run(inner: str) -> str:
        return f"<w:r>{inner}</w:r>"

    document = (
        f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body><w:p>'
        + run('<w:fldChar w:fldCharType="begin"/>')
        + run("<w:instrText> INCL</w:instrText>")
        + run('<w:instrText>UDETEXT "/etc/hostname" </w:instrText>')
        + run('<w:fldChar w:fldCharType="separate"/>')
        + run("<w:t>shown</w:t>")
        + run('<w:fldChar w:fldCharType="end"/>')
        + run('<w:fldChar w:fldCharType="begin"/>')
        + run("<w:instrText> PAGE </w:instrText>")
        + run('<w:fldChar w:fldCharType="end"/>')
        + "</w:p></w:body></w:document>"
    )
    source = tmp_path / "werkblad.docx"
    with zipfile.ZipFile(source, "w") as package:
        package.writestr("word/document.xml", document)
    assert analysis_sandbox.sanitise_package(source)
    with zipfile.ZipFile(source) as package:
        cleaned = package.read("word/document.xml").decode()
    assert "INCL" not in cleaned and "hostname" not in cleaned
    assert "PAGE" in cleaned and "shown" in cleaned


def test_a_libreoffice_installed_under_a_hidden_directory_stays_visible(tmp_path):
    program = tmp_path / "libreoffice" / "program"
    program.mkdir(parents=True)
    (program / "soffice").touch()
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "soffice").symlink_to(program / "soffice")
    assert analysis_sandbox._installation(str(tmp_path / "bin" / "soffice")) == str(
        tmp_path / "libreoffice"
    )
    assert analysis_sandbox._installation(str(program.parent / "soffice")) == str(program.parent)
