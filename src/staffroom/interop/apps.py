from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "staffroom.interop"
    verbose_name = "Interoperability"

    def ready(self) -> None:
        from staffroom.resources.review import resource_changed

        # Each metadata format registers itself in formats.FORMATS when imported.
        from . import dc, lom  # noqa: F401
        from .oai.records import oai_follow_resource_change

        # OAI-PMH records are derived from resources: they follow every change of one.
        resource_changed.connect(oai_follow_resource_change, dispatch_uid="oai-resource")
