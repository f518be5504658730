"""LOM and NL-LOM records of a published event (a training or a webinar), written by the same
serializers as resources' records (``interop.lom``), so both bindings stay in step: a training
with a price says cost "yes" with the price in the rights description.

The serializers read a resource; ``EventAsResource`` gives them an event's facts under a
resource's names. The description of an event is its organiser's text: all rights reserved.
"""

from types import SimpleNamespace

from django.conf import settings
from lxml import etree

from staffroom.curriculum.models import ResourceType
from staffroom.interop.lom import lom_serialize, nl_lom_serialize
from staffroom.resources.licences import Licence
from staffroom.resources.models import Cost

from .jsonld import event_is_free
from .models import Event

# The resource type of teacher training: for teachers only (LOM intended end user role).
TRAINING_TYPE = "teacher-training"


class EventAsResource:
    """An event as the LOM serializers read a resource."""

    def __init__(self, event: Event):
        self.event = event
        self.pk = event.pk
        self.title = event.title
        self.description = event.description
        self.language = event.language
        self.keywords: list[str] = []
        # Where the object is: its own registration, else its page (added by the serializer).
        self.url = event.registration_url
        self.listed_files: list = []
        self.listed_levels = list(event.levels.all())
        self.listed_subjects = list(event.subjects.all())
        self.published_at = event.published_at
        self.created_at = event.created_at
        self.author_name = event.presenter_names or ", ".join(
            presenter.display_name for presenter in event.presenters.all()
        )
        self.organisation = event.organisation
        self.organisation_id = event.organisation_id
        self.contributor = SimpleNamespace(name=settings.OAI_REPOSITORY_NAME)
        self.resource_type = ResourceType.objects.filter(code=TRAINING_TYPE).first()
        self.resource_type_id = self.resource_type.pk if self.resource_type else None
        minutes = int((event.ends_at - event.starts_at).total_seconds() // 60)
        hours, rest = divmod(minutes, 60)
        self.duration_iso = "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")
        self.licence = Licence.ALL_RIGHTS_RESERVED
        self.licence_url = ""
        free = event_is_free(event)
        self.cost = Cost.FREE if free else Cost.PAID
        self.cost_note = "" if free else event.price.strip()
        self.free_from = self.free_until = None
        self.manual_for_id = None
        self.manual_for = None

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url()


def event_lom(event: Event) -> etree._Element:
    """The IEEE LOM ``<lom>`` element of ``event`` (valid against lomStrict.xsd)."""
    return lom_serialize(EventAsResource(event))


def event_nl_lom(event: Event) -> etree._Element:
    """The NL-LOM ``<lom>`` element of ``event`` (IMS MD 1.2.4 binding)."""
    return nl_lom_serialize(EventAsResource(event))
