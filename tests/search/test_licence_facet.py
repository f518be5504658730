"""The licence filter with many versions: each family's versions together, newest first, with
their version in the label; only licences with matches (or ticked) are listed."""

import pytest

from staffroom.search.panel import facet_groups

pytestmark = pytest.mark.django_db


def test_licence_options_group_versions_by_family_with_versioned_labels():
    counts = {"cc-by-sa-3.0": 4, "cc-by": 2, "cc-by-sa": 7, "cc0": 1, "cc-by-3.0-nl": 3, "mit": 1}
    groups = facet_groups({"licence": counts}, {"licence": "cc-by-nd-2.0"}, 0, "fl")
    licence = next(group for group in groups if group.name == "licence")
    assert [(option.value, option.label) for option in licence.options] == [
        ("cc0", "CC0 1.0"),
        ("cc-by", "CC BY 4.0"),
        ("cc-by-3.0-nl", "CC BY 3.0 NL"),
        ("cc-by-sa", "CC BY-SA 4.0"),
        ("cc-by-sa-3.0", "CC BY-SA 3.0"),
        ("cc-by-nd-2.0", "CC BY-ND 2.0"),  # ticked, so listed without matches
        ("mit", "MIT License"),
    ]
