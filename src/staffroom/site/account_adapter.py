"""The account adapter allauth uses (ACCOUNT_ADAPTER): accounts' adapter (mail language and
limits, constant-time sign-up answers) with security's failed-login key (per account and
client address, ``staffroom.security.throttling``)."""

from staffroom.accounts.adapter import MemberAccountAdapter
from staffroom.security.throttling import AccountAddressThrottleMixin


class SiteAccountAdapter(AccountAddressThrottleMixin, MemberAccountAdapter):
    pass
