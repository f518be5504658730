"""Why a harvest run failed, in the reader's language.

A run keeps its failure as a code and values (``HarvestRun.error_code``, ``error_params``),
not as a sentence: the worker has no reader, so the sentence is made when a page (or the
command) shows it, in that reader's language. ``HarvestRun.error`` keeps the English text with
the repository's own words, for logs; runs from before the codes show only that.
"""

from django.utils.translation import gettext as _


def _messages() -> dict[str, str]:
    # Made at each call: gettext translates into the language active when a page is drawn.
    return {
        "unreachable": _("Could not reach the repository: %(detail)s"),
        "http_status": _("HTTP %(status)s from the repository."),
        "not_xml": _("The repository sent a page that is not XML: %(detail)s"),
        "not_oai": _("The repository sent XML that is not OAI-PMH (<%(tag)s>)."),
        "oai_error": _("The repository answered %(oai_code)s: %(detail)s"),
        "token_repeated": _(
            "The repository sent the same resumption token a second time (page %(page)s): "
            "the harvest stopped rather than ask for the same page again and again."
        ),
        "cursor_stuck": _(
            "The repository's list did not move on (cursor %(cursor)s after %(previous)s, "
            "page %(page)s): the harvest stopped."
        ),
        "list_overrun": _(
            "The repository sent %(records)s records for a list it said holds %(size)s: "
            "the harvest stopped."
        ),
        "page_cap": _(
            "The harvest stopped after %(pages)s pages, the most one run may fetch "
            "(HARVEST_MAX_PAGES)."
        ),
        "time_limit": _(
            "The harvest stopped after %(minutes)s minutes, the longest one run may take "
            "(HARVEST_RUN_TIME_LIMIT)."
        ),
        "worker_lost": _(
            "The worker running this harvest stopped without finishing it (last sign of life "
            "at %(beat)s UTC). The next harvest starts again from the same point."
        ),
        "interrupted": _(
            "The harvest was interrupted (its worker or command was stopped). The next "
            "harvest starts again from the same point."
        ),
        "slow_response": _(
            "The repository took more than %(seconds)s seconds to send one response: the "
            "harvest stopped."
        ),
        "response_too_large": _(
            "The repository sent a response larger than %(megabytes)s MB: the harvest stopped."
        ),
        "already_running": _("Another harvest of this source is still running."),
        "internal": _("The harvest failed on an unexpected error: %(detail)s"),
    }


def error_message(code: str, params: dict | None, fallback: str = "") -> str:
    """The sentence for a failure ``code`` with its ``params``, in the active language;
    ``fallback`` (the stored English text) for an unknown code or values that do not fit."""
    template = _messages().get(code)
    if template is None:
        return fallback
    try:
        return template % (params or {})
    except (KeyError, TypeError, ValueError):
        return fallback
