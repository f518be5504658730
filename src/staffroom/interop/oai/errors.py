"""OAI-PMH error conditions: raised by the verbs, rendered as <error code="...">."""


class OaiError(Exception):
    """One error condition of the protocol (section 3.6), with a human-readable message."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def bad_argument(message: str) -> OaiError:
    return OaiError("badArgument", message)


def bad_resumption_token(message: str) -> OaiError:
    return OaiError("badResumptionToken", message)
