"""Office previews (issue 15, point 3): how long LibreOffice takes to turn a .docx into the
pages of its preview, alone and in a batch.

Builds a two-page worksheet .docx here (python-docx, never downloaded) and measures, each the
median of ``--runs`` runs:

- LibreOffice alone (``analysis_sandbox.office_to_pdf``): one .docx to PDF, with a fresh
  profile each time as the worker does;
- the whole preview of one .docx (``files.render_office_previews``): conversion under the
  limits plus rendering its first three pages in the analysis sandbox;
- ten .docx files converted in one LibreOffice run and rendered, per file.

    .venv/bin/python bench/office_previews.py [--runs 5] [--markdown]
"""

import argparse
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchtools import django_setup, write_section

COMMAND = ".venv/bin/python bench/office_previews.py --markdown"
HEADING = "## Office previews through LibreOffice (issue 15, point 3)"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def worksheet_docx() -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_heading("Breuken vergelijken", 0)
    for page in (1, 2):
        document.add_paragraph("Naam: ______________ Klas: ______")
        for number in range(1, 16):
            document.add_paragraph(
                f"Oefening {number}: kleur de grootste breuk. {number}/7 of {number + 1}/9?",
                style="List Number",
            )
        if page == 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true")
    arguments = parser.parse_args()
    os.environ.setdefault("STAFFROOM_DEBUG", "1")
    os.environ.setdefault("STAFFROOM_VAR", tempfile.mkdtemp(prefix="staffroom-bench-"))
    django_setup()
    from staffroom.resources import analysis_sandbox, files

    converter = files.office_converter()
    if not converter:
        raise SystemExit("LibreOffice (soffice) is not installed or OFFICE_CONVERTER is empty.")
    content = worksheet_docx()

    def convert_only() -> None:
        with tempfile.TemporaryDirectory() as workdir:
            source = Path(workdir) / "werkblad.docx"
            source.write_bytes(content)
            (pdf,), problem = analysis_sandbox.office_to_pdf(
                [source],
                converter=converter,
                workdir=Path(workdir),
                limits=files.converter_limits(),
            )
            assert pdf is not None, problem

    def whole_preview() -> None:
        (analysis,) = files.render_office_previews([(io.BytesIO(content), DOCX)])
        assert len(analysis.pages) == 2, analysis.problem

    def batch_of_ten() -> None:
        analyses = files.render_office_previews([(io.BytesIO(content), DOCX)] * 10)
        assert all(len(analysis.pages) == 2 for analysis in analyses)

    load_before = os.getloadavg()[0]
    convert = statistics.median(timed(convert_only) for _ in range(arguments.runs))
    whole = statistics.median(timed(whole_preview) for _ in range(arguments.runs))
    batch = statistics.median(timed(batch_of_ten) for _ in range(max(1, arguments.runs // 2)))
    rows = [
        ("LibreOffice: one .docx to PDF (fresh profile)", convert, convert),
        ("the whole preview of one .docx (convert, render 2 pages)", whole, whole),
        ("ten .docx in one LibreOffice run, rendered", batch, batch / 10),
    ]
    for label, total, per_file in rows:
        print(f"{label}: {total:.2f} s ({per_file:.2f} s a file)")
    if arguments.markdown:
        version = os.popen(f"{converter} --version").read().strip()  # noqa: S605 (our setting)
        write_section(
            [
                HEADING,
                "",
                f"`{COMMAND}` on {date.today().isoformat()}, {platform.machine()}, "
                f"{os.cpu_count()} cores shared with other work (load average "
                f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end: the "
                f"times are longer than on an idle machine), Python "
                f"{platform.python_version()}, {version or 'LibreOffice'}.",
                "",
                f"A two-page worksheet .docx ({len(content):,} bytes) built by the script; "
                f"median of {arguments.runs} runs. LibreOffice runs headless under the "
                "converter's limits (1 GB address space, 60 s) with a fresh profile per run; "
                "the pages are rendered from its PDF in the analysis sandbox.",
                "",
                "| what | time | a file |",
                "|---|---|---|",
                *(f"| {label} | {total:.2f} s | {per:.2f} s |" for label, total, per in rows),
                "",
                "Starting LibreOffice costs most of a conversion, so the worker converts the "
                "office files waiting for pages together, up to ten a run "
                "(`resources.services.OFFICE_BATCH`): the demo's 171 office files take "
                "about 18 runs in the background after `make run`, not 171.",
            ]
        )


if __name__ == "__main__":
    main()
