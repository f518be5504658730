"""The certificate of attendance as a PDF, for teachers' professional development records.

Written with fpdf2 in the member's interface language. Names are set in DejaVu Sans when the
system has it (any script); otherwise in fpdf2's built-in Helvetica, which only knows
windows-1252, so other letters are spelled in their nearest Latin form (Ł as L) rather than
failing.
"""

import unicodedata
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from staffroom.core.language import language_tag

from .followup import _presenters_text, certificate_code
from .models import Registration

# Letters without a Unicode decomposition to a Latin base letter.
SPELLED_OUT = str.maketrans(
    {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "ß": "ss"}
)


def _font_dir() -> Path | None:
    """Where DejaVu Sans is (CERTIFICATE_FONT_DIR); None when it is not there or not wanted."""
    directory = settings.CERTIFICATE_FONT_DIR
    if directory and (Path(directory) / "DejaVuSans.ttf").is_file():
        return Path(directory)
    return None


def core_font_safe(text: str) -> str:
    """``text`` in windows-1252, the only encoding of fpdf2's core fonts."""
    text = text.translate(SPELLED_OUT)
    out = []
    for char in text:
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(base or "?")
        else:
            out.append(char)
    return "".join(out)


def verification_url(code: str) -> str:
    return settings.SITE_URL + reverse("events:certificate_verify", args=[code])


def _hours(registration: Registration) -> str:
    event = registration.event
    hours = (event.ends_at - event.starts_at).total_seconds() / 3600
    return formats.number_format(round(hours, 2))


def certificate_pdf(registration: Registration, *, compress: bool = True) -> bytes:
    """The certificate of an attended registration."""
    from fpdf import FPDF

    member, event = registration.member, registration.event
    code = certificate_code(registration)
    pdf = FPDF(format="A4", orientation="landscape")
    pdf.set_compression(compress)
    font_dir = _font_dir()
    safe: Callable[[str], str]
    if font_dir is not None:
        pdf.add_font("DejaVu", "", str(font_dir / "DejaVuSans.ttf"))
        bold = font_dir / "DejaVuSans-Bold.ttf"
        pdf.add_font("DejaVu", "B", str(bold if bold.is_file() else font_dir / "DejaVuSans.ttf"))
        family, safe = "DejaVu", str
    else:
        pdf.core_fonts_encoding = "windows-1252"
        family, safe = "Helvetica", core_font_safe
    language = member.interface_language
    with translation.override(language):
        starts, ends = event.local_starts_at, event.local_ends_at
        organiser = event.organisation.name if event.organisation else "Staffroom"
        lines = [
            ("B", 26, _("Certificate of attendance")),
            ("", 13, _("This certifies that")),
            ("B", 22, member.display_name),
            ("", 13, _("took part in")),
            ("B", 17, event.title),
            (
                "",
                12,
                _("on %(date)s, %(start)s–%(end)s (Brussels time): %(hours)s hours")
                % {
                    "date": formats.date_format(starts, "DATE_FORMAT"),
                    "start": starts.strftime("%H:%M"),
                    "end": ends.strftime("%H:%M"),
                    "hours": _hours(registration),
                },
            ),
        ]
        presenters = _presenters_text(event)
        if presenters:
            lines.append(("", 12, _("Presented by %(names)s") % {"names": presenters}))
        lines.append(("", 12, _("Organised by %(organiser)s") % {"organiser": organiser}))
        footer = _("Verification code %(code)s — check it at %(url)s") % {
            "code": code,
            "url": verification_url(code),
        }
        title = _("Certificate of attendance")
    pdf.set_title(safe(f"{title}: {event.title}"))
    pdf.set_author(safe(organiser))
    pdf.set_lang(language_tag(language))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_draw_color(40, 80, 120)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.ln(12)
    for style, size, text in lines:
        pdf.set_font(family, style, size)
        pdf.multi_cell(0, size * 0.55, safe(text), align="C")
        pdf.ln(size * 0.35)
    pdf.set_y(-32)
    pdf.set_font(family, "", 8)
    pdf.multi_cell(0, 4, safe(footer), align="C")
    return bytes(pdf.output())
