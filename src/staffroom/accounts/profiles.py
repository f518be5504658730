"""Sections that other apps add to the page of a member or an organisation.

Accounts shows who a member or an organisation is and who follows them; what they did
elsewhere (resources published, points and badges earned) is shown by the app that records
it. Such an app registers a section in its AppConfig.ready():

    from staffroom.accounts.profiles import register_profile_section

    register_profile_section(
        "badges",
        page="member",                     # or "organisation"
        slot="summary",                    # where on the page: one of SLOTS[page]
        template="recognition/_profile_summary.html",
        context=lambda request, member: {"points": points_of(member)},
    )

The template is rendered inside the page (it sees ``member`` or ``organisation``, ``user``,
``request``) with what ``context`` returns added; sections of a slot follow each other in the
order they were registered. The page's template shows a slot with
``{% profile_sections "summary" %}`` (from ``{% load profiles %}``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

# The places on each page where sections go: "summary" under the member's name (standing,
# rewards), "content" after what the page itself shows (lists of their work).
SLOTS = {"member": ("summary", "content"), "organisation": ("content",)}


@dataclass(frozen=True)
class ProfileSection:
    name: str
    template: str
    context: Callable[[HttpRequest, Any], dict[str, Any]]


PROFILE_SECTIONS: dict[tuple[str, str], dict[str, ProfileSection]] = {
    (page, slot): {} for page, slots in SLOTS.items() for slot in slots
}


def register_profile_section(
    name: str,
    *,
    page: str,
    slot: str,
    template: str,
    context: Callable[[HttpRequest, Any], dict[str, Any]],
) -> None:
    """Add (or replace, by name) a section of the member or organisation page; see above."""
    if slot not in SLOTS.get(page, ()):
        raise ValueError(f"No slot {slot!r} on the {page} page")
    PROFILE_SECTIONS[(page, slot)][name] = ProfileSection(name, template, context)


@dataclass(frozen=True)
class RenderedSection:
    template: str
    context: dict[str, Any]


def profile_sections(
    request: HttpRequest, page: str, owner: object
) -> dict[str, list[RenderedSection]]:
    """The sections of ``owner``'s page (a member's or an organisation's) by slot, each with
    its context worked out."""
    return {
        slot: [
            RenderedSection(section.template, section.context(request, owner))
            for section in PROFILE_SECTIONS[(page, slot)].values()
        ]
        for slot in SLOTS[page]
    }
