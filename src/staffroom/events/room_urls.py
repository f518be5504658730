"""Online room, attendance, recordings, certificates and feedback: addresses under /events/."""

from . import room_views  # noqa: F401

urlpatterns: list = []
