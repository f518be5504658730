from .models import Region


def region(request):
    """The viewer's region (set by RegionMiddleware) and the regions to choose from."""
    current = getattr(request, "region", None)
    return {
        "region": current,
        "region_label": Region(current).label if current else "",
        "regions": Region.choices,
    }
