"""Render document blocks (see ``writing``) as real PDF, DOCX and ODT files."""

import io

import docx
from docx.shared import Pt
from fpdf import FPDF
from odf.dc import Title
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TextProperties
from odf.text import H, List, ListItem, P

from .writing import Block

EXTENSIONS = {"pdf": "pdf", "docx": "docx", "odt": "odt"}
LOCALES = {"nl": "nl-BE", "en": "en-GB", "fr": "fr-BE", "de": "de-DE"}


def render(blocks: list[Block], file_format: str, *, language: str) -> bytes:
    renderer = {"pdf": _pdf, "docx": _docx, "odt": _odt}[file_format]
    return renderer(blocks, language)


# --- PDF -----------------------------------------------------------------------------------

# fpdf2's core fonts take windows-1252; the few characters outside it are spelled out.
PDF_REPLACEMENTS = str.maketrans({"²": "2", "→": "->", "≈": "~", "×": "x"})


def _pdf_safe(text: str) -> str:
    return text.translate(PDF_REPLACEMENTS).encode("cp1252", "replace").decode("cp1252")


def _wrap(pdf, text: str, width: float) -> list[str]:
    """Greedy line breaking by word width.

    fpdf2's own multi_cell measures every character again for each candidate line, which made
    a two-page sheet take a quarter of a second; this does the same job in a few milliseconds.
    """
    space = pdf.get_string_width(" ")
    lines: list[str] = []
    line: list[str] = []
    line_width = 0.0
    for word in text.split():
        word_width = pdf.get_string_width(word)
        if line and line_width + space + word_width > width:
            lines.append(" ".join(line))
            line, line_width = [word], word_width
        else:
            line_width = line_width + space + word_width if line else word_width
            line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


PDF_STYLES = {
    # kind: (style, size, line height, space before, indent)
    "title": ("B", 18, 9, 0, 0),
    "meta": ("I", 10, 5, 1, 0),
    "line": ("", 10, 6, 4, 0),
    "h": ("B", 13, 7, 5, 0),
    "sub": ("B", 11, 5.5, 3, 0),
    "p": ("", 11, 5.5, 2, 0),
    "bullet": ("", 11, 5.5, 1, 6),
    "number": ("", 11, 5.5, 1.5, 7),
    "small": ("I", 8, 4, 8, 0),
}


def _pdf(blocks: list[Block], language: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(_pdf_safe(blocks[0][1]))
    pdf.set_author("Staffroom demo")
    pdf.set_lang(LOCALES[language])
    pdf.add_page()
    number = 0
    for kind, text in blocks:
        style, size, height, before, indent = PDF_STYLES[kind]
        pdf.set_font("Helvetica", style, size)
        pdf.ln(before)
        text = _pdf_safe(text)
        if kind == "bullet":
            marker = "-"
        elif kind == "number":
            number += 1
            marker = f"{number}."
        else:
            marker = ""
        lines = _wrap(pdf, text, pdf.epw - indent)
        for index, line in enumerate(lines):
            pdf.set_x(pdf.l_margin)
            if indent:
                pdf.cell(indent, height, marker if index == 0 else "")
            pdf.cell(0, height, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# --- DOCX ----------------------------------------------------------------------------------


def _docx(blocks: list[Block], language: str) -> bytes:
    document = docx.Document()
    document.core_properties.title = blocks[0][1]
    document.core_properties.language = LOCALES[language]
    document.core_properties.author = "Staffroom demo"
    for kind, text in blocks:
        if kind == "title":
            document.add_heading(text, level=1)
        elif kind == "h":
            document.add_heading(text, level=2)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif kind == "number":
            document.add_paragraph(text, style="List Number")
        else:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(text)
            if kind in ("meta", "small"):
                run.italic = True
                run.font.size = Pt(9)
            elif kind == "sub":
                run.bold = True
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


# --- ODT -----------------------------------------------------------------------------------


def _odt(blocks: list[Block], language: str) -> bytes:
    document = OpenDocumentText()
    country = LOCALES[language].split("-")[1]

    def style(name, family="paragraph", **text_properties):
        element = Style(name=name, family=family)
        element.addElement(TextProperties(language=language, country=country, **text_properties))
        element.addElement(ParagraphProperties(marginbottom="0.2cm"))
        document.styles.addElement(element)
        return element

    styles = {
        "title": style("Title", fontsize="18pt", fontweight="bold"),
        "h": style("Heading 2", fontsize="13pt", fontweight="bold"),
        "meta": style("Meta", fontsize="9pt", fontstyle="italic"),
        "small": style("Footer note", fontsize="8pt", fontstyle="italic"),
        "p": style("Body", fontsize="11pt"),
        "sub": style("Lead-in", fontsize="11pt", fontweight="bold"),
    }
    document.meta.addElement(_odf_title(blocks[0][1]))
    current_list = None
    number = 0
    for kind, text in blocks:
        if kind in ("bullet", "number"):
            if current_list is None:
                current_list = List()
                document.text.addElement(current_list)
            if kind == "number":
                number += 1
                text = f"{number}. {text}"
            item = ListItem()
            item.addElement(P(stylename=styles["p"], text=text))
            current_list.addElement(item)
            continue
        current_list = None
        if kind == "title":
            document.text.addElement(H(outlinelevel=1, stylename=styles["title"], text=text))
        elif kind == "h":
            document.text.addElement(H(outlinelevel=2, stylename=styles["h"], text=text))
        else:
            document.text.addElement(P(stylename=styles.get(kind, styles["p"]), text=text))
    output = io.BytesIO()
    document.write(output)
    return output.getvalue()


def _odf_title(title: str):
    return Title(text=title)
