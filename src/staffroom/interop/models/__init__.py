"""Interoperability: the OAI-PMH records we offer and the sources we harvest."""

from .harvest import HarvestedRecord, HarvestRun, HarvestSource, HarvestStatus
from .oai import OaiRecord, OaiRecordSet

__all__ = [
    "HarvestRun",
    "HarvestSource",
    "HarvestStatus",
    "HarvestedRecord",
    "OaiRecord",
    "OaiRecordSet",
]
