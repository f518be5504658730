from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int = 24):
    """A page of ``queryset``; a page number that is not a number or out of range gives the
    nearest valid page rather than an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
