"""The parts of a resource that every metadata format reads, taken from what the listing
queries attached in memory when they did (``listed_*``), else from the database."""


def terms_of(resource, name: str) -> list:
    """The resource's ``levels`` or ``subjects``."""
    listed = getattr(resource, f"listed_{name}", None)
    if listed is not None:
        return list(listed)
    return list(getattr(resource, name).all())


def files_of(resource) -> list:
    """The resource's files that are online (not waiting for review)."""
    listed = getattr(resource, "listed_files", None)
    if listed is not None:
        return list(listed)
    return [file for file in resource.files.all() if not file.pending]
