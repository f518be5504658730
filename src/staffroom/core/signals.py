"""Signals that let lower apps tell higher ones about something without importing them."""

from django.dispatch import Signal

# A member replaced the text of something they posted. Sent with ``kind`` (e.g. "reply"),
# ``object_id``, the former ``title`` and ``body``, and the ``editor``, so that what it said
# before can be kept (moderation keeps it for moderators reviewing a report).
post_revised = Signal()
