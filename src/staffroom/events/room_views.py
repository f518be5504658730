"""Online room, attendance, recordings, certificates and feedback."""


def detail_context(request, event, registration) -> dict:
    """What the event page needs from this part."""
    return {}
