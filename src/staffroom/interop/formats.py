"""The metadata formats the OAI-PMH data provider offers, each registered by its module."""

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str  # e.g. "oai_dc"
    schema: str  # the XML Schema's URL, as ListMetadataFormats gives it
    namespace: str  # the root element's namespace
    # The <metadata> content of a published resource (with its levels, subjects, files...).
    serialize: Callable[..., etree._Element]


FORMATS: dict[str, MetadataFormat] = {}


def register(metadata_format: MetadataFormat) -> None:
    FORMATS[metadata_format.prefix] = metadata_format
