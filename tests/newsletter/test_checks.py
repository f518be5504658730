from staffroom.newsletter.checks import unsubscribe_address_is_https


def test_deploy_check_wants_an_https_site_address(settings):
    settings.SITE_URL = "http://staffroom.example.org"
    [warning] = unsubscribe_address_is_https(None)
    assert warning.id == "staffroom.newsletter.W001"
    settings.SITE_URL = "https://staffroom.example.org"
    assert unsubscribe_address_is_https(None) == []
