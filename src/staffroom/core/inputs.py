"""What the typed inputs of the services (each app's ``inputs.py``) share."""

from collections.abc import Mapping
from dataclasses import fields
from typing import Any


def known_fields(input_class: type, values: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of ``values`` named after a field of the dataclass ``input_class``: a form's
    cleaned data may hold more (files, a message, the sign-up form's passwords)."""
    names = {field.name for field in fields(input_class)}
    return {name: value for name, value in values.items() if name in names}
