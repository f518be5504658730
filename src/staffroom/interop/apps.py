import importlib
import importlib.util

from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "staffroom.interop"
    verbose_name = "Interoperability"

    def ready(self) -> None:
        from staffroom.resources.review import resource_changed

        from .oai.records import oai_follow_resource_change

        # OAI-PMH records are derived from resources: they follow every change of one.
        resource_changed.connect(oai_follow_resource_change, dispatch_uid="oai-resource")
        # Each metadata format registers itself in formats.FORMATS when imported.
        from . import dc  # noqa: F401

        if importlib.util.find_spec("staffroom.interop.lom") is not None:
            importlib.import_module("staffroom.interop.lom")
