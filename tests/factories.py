"""factory_boy factories shared by the app tests."""

import io

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fpdf import FPDF

from staffroom.accounts.models import Member, Organisation
from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.moderation.models import ModerationItem, Reason
from staffroom.resources.models import Resource, ResourceFile, Status


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    name = factory.Faker("name", locale="nl_BE")
    region = "fl"
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ModeratorFactory(MemberFactory):
    is_moderator = True

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.moderated_levels.set(extracted)

    @factory.post_generation
    def subjects(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.moderated_subjects.set(extracted)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published link resource with levels, subjects and a type."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Werkblad breuken {n}")
    description = (
        "Een werkblad om breuken te leren vergelijken, met oplossingen voor de leerkracht."
    )
    language = "nl"
    kind = "link"
    url = factory.Sequence(lambda n: f"https://example.org/resource/{n}")
    licence = "cc-by"
    contributor = factory.SubFactory(MemberFactory)
    status = Status.PUBLISHED
    published_at = factory.Faker("date_time_this_year", tzinfo=__import__("datetime").UTC)
    checked_at = factory.SelfAttribute("published_at")
    resource_type = factory.LazyFunction(lambda: ResourceType.objects.get(code="worksheet"))

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        if create:
            obj.levels.set(Level.objects.filter(code__in=extracted or ["fl-lo-3"]))

    @factory.post_generation
    def subjects(obj, create, extracted, **kwargs):
        if create:
            obj.subjects.set(Subject.objects.filter(code__in=extracted or ["fl-wis"]))


def pdf_bytes(text: str = "Breuken vergelijken. Kleur de grootste breuk in elk paar.") -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def pdf_upload(name: str = "werkblad.pdf", text: str | None = None) -> SimpleUploadedFile:
    content = pdf_bytes(text) if text else pdf_bytes()
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_bytes() -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(output, format="PNG")
    return output.getvalue()


class StaffFactory(MemberFactory):
    is_staff = True


class DraftFactory(ResourceFactory):
    """A draft file resource: nothing published, nothing checked."""

    kind = "file"
    url = ""
    status = Status.DRAFT
    published_at = None
    checked_at = None


def _sha256(content: bytes) -> str:
    import hashlib

    return hashlib.sha256(content).hexdigest()


class ResourceFileFactory(factory.django.DjangoModelFactory):
    """A stored PDF attached to a resource (analysed: its text is already extracted)."""

    class Meta:
        model = ResourceFile
        exclude = ["content"]

    resource = factory.SubFactory(DraftFactory)
    content = factory.LazyFunction(pdf_bytes)
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name=o.original_name))
    original_name = "werkblad.pdf"
    mime_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: len(o.content))
    sha256 = factory.LazyAttribute(lambda o: _sha256(o.content))
    extracted_text = "Breuken vergelijken. Kleur de grootste breuk in elk paar."
    analysed_at = factory.LazyFunction(timezone.now)


class ModerationItemFactory(factory.django.DjangoModelFactory):
    """An open item for a pending resource."""

    class Meta:
        model = ModerationItem

    resource = factory.SubFactory(
        ResourceFactory, status=Status.PENDING, published_at=None, checked_at=None
    )
    reason = Reason.NEW


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def pptx_bytes(text: str) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1))
    box.text_frame.text = text
    output = io.BytesIO()
    presentation.save(output)
    return output.getvalue()


def xlsx_bytes(*cells: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(list(cells))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def odt_bytes(text: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text=text))
    output = io.BytesIO()
    document.write(output)
    return output.getvalue()


def ods_bytes(text: str) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Blad1")
    row = TableRow()
    cell = TableCell()
    cell.addElement(P(text=text))
    row.addElement(cell)
    table.addElement(row)
    document.spreadsheet.addElement(table)
    output = io.BytesIO()
    document.write(output)
    return output.getvalue()


def ole_bytes(stream_name: str, *, directory_sector: int = 0, fib_magic: bool = False) -> bytes:
    """A minimal OLE2 compound file (the container of .doc, .xls, .ppt) holding one named stream.

    ``directory_sector`` places the directory further into the file, as large real documents do;
    ``fib_magic`` starts sector 0 with Word's File Information Block signature.
    """
    import struct

    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 48, directory_sector)
    sectors = [bytearray(sector) for _ in range(directory_sector + 1)]
    if fib_magic and directory_sector:
        sectors[0][0:4] = b"\xec\xa5\xc1\x00"
    entry = bytearray(128)
    name = "Root Entry".encode("utf-16-le")
    entry[0 : len(name)] = name
    struct.pack_into("<HB", entry, 64, len(name) + 2, 5)
    stream = bytearray(128)
    name = stream_name.encode("utf-16-le")
    stream[0 : len(name)] = name
    struct.pack_into("<HB", stream, 64, len(name) + 2, 2)
    sectors[directory_sector][0:256] = bytes(entry) + bytes(stream)
    return bytes(header) + b"".join(bytes(s) for s in sectors)


def contribution_data(**overrides) -> dict:
    """What the contribute form posts for a complete worksheet (files not included)."""
    data = {
        "title": "Breuken vergelijken met pizza's",
        "description": "Een werkblad waarin leerlingen breuken vergelijken met pizzapunten.",
        "kind": "file",
        "levels": [Level.objects.get(code="fl-lo-3").pk],
        "subjects": [Subject.objects.get(code="fl-wis").pk],
        "resource_type": ResourceType.objects.get(code="worksheet").pk,
        "licence": "cc-by",
        "action": "submit",
    }
    data.update(overrides)
    return data
