"""What the theme pages' rows that refer to a member become when the member exports their data
or leaves (``accounts.member_data``): their follows go with them; themes, items and home
slots they made stay, without the name."""

from staffroom.accounts.member_data import Policy, register_member_relation

RELATIONS = [
    ("themes.Theme.created_by", Policy.DETACH, False),
    ("themes.Theme.editors", Policy.ERASE, False),
    ("themes.ThemeItem.added_by", Policy.DETACH, False),
    ("themes.ThemeFollow.member", Policy.ERASE, True),
    ("themes.HomeSlot.updated_by", Policy.DETACH, False),
]


def register() -> None:
    """Called from ``ThemesConfig.ready``."""
    for label, policy, exported in RELATIONS:
        register_member_relation(label, policy, export=exported)
