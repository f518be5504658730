"""Deployment checks of the trust pages (``staffroom check --deploy``): the addresses the
privacy statement, the contact page and the accessibility statement give must reach someone,
and the accessibility statement's dates must be the operator's own."""

from django.conf import settings
from django.core.checks import Warning, register

CONTACT_SETTINGS = ("CONTACT_EMAIL", "DATA_PROTECTION_CONTACT")


@register("trust", deploy=True)
def contact_addresses_are_real(app_configs, **kwargs):
    """The defaults end in .invalid (a name that never resolves): fine for the demo, but a
    member's privacy request or accessibility complaint sent there reaches nobody."""
    return [
        Warning(
            f"{name} is {getattr(settings, name)!r}: the contact form and the privacy and "
            "accessibility statements give an address that reaches nobody.",
            hint=f"Set {name} to an address staff read (docs/operations.md).",
            id=f"staffroom.accounts.W00{number}",
        )
        for number, name in enumerate(CONTACT_SETTINGS, start=1)
        if getattr(settings, name).rstrip(">").endswith(".invalid")
    ]


@register("trust", deploy=True)
def accessibility_statement_is_dated(app_configs, **kwargs):
    """The statement's dates and the number of pages checked default to the demo's: a
    deployment that keeps them states a review its operator never did."""
    unset = settings.ACCESSIBILITY_STATEMENT_UNSET
    if not unset:
        return []
    return [
        Warning(
            f"{', '.join(unset)} not set: the accessibility statement gives the demo's date of "
            "preparation and review and number of pages checked, not this site's.",
            hint="Review the site, then set them (docs/operations.md).",
            id="staffroom.accounts.W003",
        )
    ]
