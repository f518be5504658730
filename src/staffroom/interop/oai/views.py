"""The /oai endpoint: GET and POST (application/x-www-form-urlencoded)."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

from .protocol import oai_response


@csrf_exempt
def oai_endpoint(request):
    """Answer one OAI-PMH request; protocol errors are 200 responses with <error> elements."""
    if request.method == "GET":
        params = request.GET
    elif request.method == "POST":
        params = request.POST
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    # The public address (behind a proxy the request's own host and scheme may differ).
    base_url = settings.SITE_URL + request.path
    body = oai_response({name: params.getlist(name) for name in params}, base_url=base_url)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
