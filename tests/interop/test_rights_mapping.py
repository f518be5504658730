"""map_licence: rights statements as repositories write them, to our licence with its version;
what names no licence we can pin down is reported, never read as "all rights reserved"."""

import pytest

from staffroom.interop.harvest.rights import NOT_OURS, WITHOUT_VERSION, map_licence


@pytest.mark.parametrize(
    ("statements", "licence"),
    [
        (["cc-by-sa-30"], "cc-by-sa-3.0"),
        (["cc-by-nc-nd-40"], "cc-by-nc-nd"),
        (["cc-by-25"], "cc-by-2.5"),
        (["cc0-10"], "cc0"),
        (["cc-by-sa-3.0"], "cc-by-sa-3.0"),
        (["cc-by-3.0-nl"], "cc-by-3.0-nl"),
        (["CC-BY-SA-3.0"], "cc-by-sa-3.0"),
        (["CC-BY-3.0-DE"], "cc-by-3.0-de"),
        (["CC BY-SA 3.0"], "cc-by-sa-3.0"),
        (["CC BY-NC-SA 2.0 BE"], "cc-by-nc-sa-2.0-be"),
        (["CC BY 4.0 de auteur"], "cc-by"),  # Dutch "de", not the German port
        (["Creative Commons Attribution-ShareAlike 3.0 Unported"], "cc-by-sa-3.0"),
        (["Creative Commons Naamsvermelding-GelijkDelen 3.0 Nederland"], "cc-by-sa-3.0-nl"),
        (["Creative Commons Namensnennung 3.0 Deutschland"], "cc-by-3.0-de"),
        (["Creative Commons Attribution-NonCommercial 4.0 International"], "cc-by-nc"),
        (["https://creativecommons.org/licenses/by-sa/3.0/nl/"], "cc-by-sa-3.0-nl"),
        (["http://creativecommons.org/licenses/by-sa/3.0/deed.nl"], "cc-by-sa-3.0"),
        (["http://creativecommons.org/licenses/by-nc/2.0/be/legalcode"], "cc-by-nc-2.0-be"),
        (["http://www.creativecommons.org/licenses/by/2.5"], "cc-by-2.5"),
        (["https://creativecommons.org/publicdomain/mark/1.0/"], "pdm"),
        (["Public Domain Mark 1.0"], "pdm"),
        (["MIT"], "mit"),
        (["https://opensource.org/licenses/BSD-3-Clause"], "bsd-3-clause"),
        (["Apache License, Version 2.0"], "apache-2.0"),
        (["https://www.gnu.org/licenses/gpl-3.0.html"], "gpl-3.0-only"),
        (["GPL-3.0+"], "gpl-3.0-or-later"),
        (["GPLv2+"], "gpl-2.0-or-later"),
        (["GNU General Public License version 2 or any later version"], "gpl-2.0-or-later"),
        (
            ["https://www.gnu.org/licenses/old-licenses/gpl-2.0.html", "GNU GPL 2.0 or later"],
            "gpl-2.0-or-later",
        ),
        (["GNU Free Documentation License 1.3"], "gfdl-1.3-only"),
        # The more precise statement wins: the port's address beside Edurep's code.
        (["cc-by-30", "https://creativecommons.org/licenses/by/3.0/nl/"], "cc-by-3.0-nl"),
        # A licence wins over LOM's "yes" and a copyright line.
        (["yes", "© 2019 Kennisnet", "CC BY-NC 3.0"], "cc-by-nc-3.0"),
        (["yes"], "arr"),
        (["Alle rechten voorbehouden"], "arr"),
        (["yes", "All rights reserved", "Ask us"], "arr"),
    ],
)
def test_statements_map_to_the_licence_with_its_version(statements, licence):
    found = map_licence(statements)
    assert found.terms == [licence]
    assert found.unmapped == []


@pytest.mark.parametrize(
    ("statements", "reported"),
    [
        (
            ["yes", "Creative Commons Attribution-ShareAlike License"],
            f"{WITHOUT_VERSION}: Creative Commons Attribution-ShareAlike License",
        ),
        (["cc-by-sa"], f"{WITHOUT_VERSION}: cc-by-sa"),
        (["CC BY-NC"], f"{WITHOUT_VERSION}: CC BY-NC"),
        (
            ["https://creativecommons.org/licenses/by-sa/"],
            f"{WITHOUT_VERSION}: https://creativecommons.org/licenses/by-sa/",
        ),
        (
            ["https://creativecommons.org/licenses/by/3.0/fr/"],
            f"{NOT_OURS}: https://creativecommons.org/licenses/by/3.0/fr/",
        ),
        (
            ["http://creativecommons.org/licenses/by/1.0/"],
            f"{NOT_OURS}: http://creativecommons.org/licenses/by/1.0/",
        ),
        (
            ["GNU Lesser General Public License v3"],
            f"{NOT_OURS}: GNU Lesser General Public License v3",
        ),
        (["yes", "Free to use in class"], "Free to use in class"),
        (["no"], "no"),
    ],
)
def test_what_names_no_licence_of_ours_is_reported_as_stated_by_the_source(statements, reported):
    found = map_licence(statements)
    assert found.terms == ["see-source"]
    assert found.unmapped == [reported]


def test_nothing_stated_maps_to_nothing():
    assert map_licence([]).terms == [] and map_licence(["  "]).unmapped == []
