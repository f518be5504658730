"""The public figures page (/stats/)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import public_stats


@require_GET
def stats(request):
    figures = public_stats.public_stats(request.region)
    return render(
        request,
        "insight/stats.html",
        {
            "stats": figures,
            "level_bars": public_stats.level_bars(figures),
            "language_bars": public_stats.language_bars(figures),
        },
    )
