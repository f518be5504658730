"""The list of a member's active sessions is allauth.usersessions'; this adapter records
"signed out on other devices" in the security event log."""

from allauth.core import context
from allauth.usersessions.adapter import DefaultUserSessionsAdapter

from .events import record
from .models import Kind


class UserSessionsAdapter(DefaultUserSessionsAdapter):
    def end_sessions(self, sessions) -> None:
        sessions = list(sessions)
        super().end_sessions(sessions)
        if sessions:
            record(
                Kind.SESSIONS_ENDED,
                member=sessions[0].user,
                request=context.request,
                sessions=len(sessions),
            )
