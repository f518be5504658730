"""factory_boy factories shared by the app tests."""

import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF

from staffroom.accounts.models import Member, Organisation
from staffroom.curriculum.models import Level, ResourceType, Subject
from staffroom.resources.models import Resource, Status


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
    description = "Een werkblad om breuken te leren vergelijken, met oplossingen voor de leerkracht."
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
