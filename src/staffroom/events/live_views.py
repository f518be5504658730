"""Presenter view and live Q&A."""


def detail_context(request, event, registration) -> dict:
    """What the event page needs from this part."""
    return {}
