"""Second-factor secrets (TOTP keys, the recovery codes' seed) are encrypted in the database.

allauth stores them through its adapter's ``encrypt``/``decrypt``, which by default keep them
in the clear: someone who reads a database dump could make a member's codes. Here they are
encrypted with Fernet (AES-128-CBC with HMAC-SHA256) under a key derived from SECRET_KEY; the
keys of SECRET_KEY_FALLBACKS still decrypt, so rotating SECRET_KEY as Django documents keeps
every authenticator working.
"""

import base64
import hashlib

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

# A key of its own for this purpose, not SECRET_KEY itself.
_PURPOSE = b"staffroom.security.mfa:"


def _fernet(secret: str | bytes) -> Fernet:
    raw = secret.encode() if isinstance(secret, str) else secret
    digest = hashlib.sha256(_PURPOSE + raw).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([_fernet(secret) for secret in secrets])


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return _keys().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _keys().decrypt(encrypted_text.encode()).decode()
