"""The content bank: forty lesson topics, each written out in Dutch, English, French and
German, with where it fits in the Flemish and Dutch curricula."""

from . import languages, life, maths, science, society
from .base import BANDS, LANGUAGES, PRIMARY_BANDS, Text, Topic

TOPICS: list[Topic] = [
    *maths.TOPICS,
    *science.TOPICS,
    *society.TOPICS,
    *languages.TOPICS,
    *life.TOPICS,
]

__all__ = ["BANDS", "LANGUAGES", "PRIMARY_BANDS", "TOPICS", "Text", "Topic"]
