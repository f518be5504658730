import importlib
import importlib.util

from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "staffroom.interop"
    verbose_name = "Interoperability"

    def ready(self) -> None:
        # Each metadata format registers itself in formats.FORMATS when imported.
        from . import dc  # noqa: F401

        if importlib.util.find_spec("staffroom.interop.lom") is not None:
            importlib.import_module("staffroom.interop.lom")
