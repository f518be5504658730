"""The privacy statement's text: PRIVACY_STATEMENT_FILE (docs/privacy.md) with the configured
retention periods and contacts filled in, so the page never states a period the clock does not
enforce.

The file names a setting as ``{{ NAME }}``; only the names below are filled in (never any
other setting: the file may come from anywhere, and settings hold secrets). A Dutch text may
sit beside the file as ``privacy.nl.md``; readers in another language get the file itself.
Notes for operators between ``<!-- operator notes`` and ``<!-- end of operator notes -->``
lines are left out of the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from markdown_it import MarkdownIt

# The operator's and staff's own text, not a member's: headings kept (render_markdown keeps only
# h3-h5 for members' posts), raw HTML still off, and markdown-it refuses javascript: links.
_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def _days(seconds: int) -> int:
    return seconds // 86400


def privacy_values() -> dict[str, str]:
    """The values the statement may show, by the name it uses for them."""
    values: dict[str, object] = {
        name: getattr(settings, name)
        for name in (
            "ACCOUNT_INACTIVE_WARN_DAYS",
            "ACCOUNT_INACTIVE_DELETE_DAYS",
            "UNCONFIRMED_SIGNUP_DAYS",
            "DATA_EXPORT_DAYS",
            "SEARCH_LOG_DAYS",
            "INSIGHT_RAW_EVENT_DAYS",
            "EVENT_REGISTRATION_DAYS",
            "SECURITY_EVENT_DAYS",
            "MAIL_FILE_DAYS",
            "TASKS_KEEP_DAYS",
            "DATA_PROTECTION_CONTACT",
            "CONTACT_EMAIL",
            "SITE_OPERATOR_NAME",
            "SITE_OPERATOR_ADDRESS",
        )
    }
    # The least time between the inactivity warning and the deletion (accounts.deletion).
    values["ACCOUNT_INACTIVE_NOTICE_DAYS"] = (
        settings.ACCOUNT_INACTIVE_DELETE_DAYS - settings.ACCOUNT_INACTIVE_WARN_DAYS
    )
    values["SESSION_COOKIE_AGE_DAYS"] = _days(settings.SESSION_COOKIE_AGE)
    values["SESSION_IDLE_TIMEOUT_MINUTES"] = settings.SESSION_IDLE_TIMEOUT // 60
    return {name: str(value) for name, value in values.items()}


_PLACEHOLDER = re.compile(r"\{\{\s*([A-Z][A-Z0-9_]*)\s*\}\}")
_OPERATOR_NOTES = re.compile(
    r"^<!-- operator notes.*?^<!-- end of operator notes -->[ \t]*\n?", re.MULTILINE | re.DOTALL
)


def fill_in(text: str, values: dict[str, str]) -> str:
    """``text`` with each ``{{ NAME }}`` of ``values`` replaced; other names left as written."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def privacy_statement_file(language: str) -> Path:
    """The statement for ``language``: ``privacy.<language>.md`` beside PRIVACY_STATEMENT_FILE
    when there is one, else the file itself."""
    path = Path(settings.PRIVACY_STATEMENT_FILE)
    translated = path.with_name(f"{path.stem}.{language}{path.suffix}")
    return translated if translated.is_file() else path


def privacy_statement_text(language: str) -> str:
    """The statement's Markdown for ``language``, its values filled in. Raises OSError when
    the file cannot be read."""
    text = privacy_statement_file(language).read_text(encoding="utf-8")
    return fill_in(_OPERATOR_NOTES.sub("", text), privacy_values())


def statement_html(text: str) -> SafeString:
    """A statement's Markdown (the privacy statement, the terms of use) as HTML; its tables
    scroll sideways inside a labelled, focusable region, as the site's other tables do, so
    no page is wider than a phone."""
    label = escape(gettext("Table (scrolls sideways)"))
    html = (
        _markdown.render(text or "")
        .replace(
            "<table>",
            f'<div class="table-scroll" role="region" aria-label="{label}" tabindex="0"><table>',
        )
        .replace("</table>", "</table></div>")
    )
    return mark_safe(html)
