"""An event's metadata records for other systems: LOM and NL-LOM XML of a published event
(its page carries the schema.org JSON-LD)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from lxml import etree

from .lom import event_lom, event_nl_lom
from .models import Event, EventStatus


def _record(pk: int, serialize) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("organisation"), pk=pk)
    if event.status not in (EventStatus.PUBLISHED, EventStatus.CANCELLED):
        raise Http404
    xml = etree.tostring(serialize(event), encoding="UTF-8", xml_declaration=True)
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


def event_lom_record(request, pk: int):
    return _record(pk, event_lom)


def event_nl_lom_record(request, pk: int):
    return _record(pk, event_nl_lom)
