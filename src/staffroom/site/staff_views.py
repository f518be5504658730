"""The staff area's landing page: every staff page in one place (the pages keep their own
addresses; the staff menu, ``_staff_nav.html``, links them together)."""

from django.shortcuts import render

from staffroom.core.permissions import staff_required


@staff_required
def staff_home(request):
    return render(request, "site/staff_home.html")
