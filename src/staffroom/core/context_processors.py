from django.conf import settings

from staffroom.curriculum.models import Region


def site(request):
    region = getattr(request, "region", None)
    return {
        "region": region,
        "region_label": Region(region).label if region else "",
        "regions": Region.choices,
        "site_url": settings.SITE_URL,
    }
