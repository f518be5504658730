"""Signals that let lower apps tell higher ones about something without importing them."""

from django.dispatch import Signal

# A member replaced the text of something they posted. Sent with ``kind`` (e.g. "reply"),
# ``object_id``, the former ``title`` and ``body``, and the ``editor``, so that what it said
# before can be kept (moderation keeps it for moderators reviewing a report).
post_revised = Signal()

# A member turned their usage history off: what was kept under their pseudonym is deleted by
# whoever keeps it (insight). Sent on commit with ``member_id``.
usage_history_off = Signal()
