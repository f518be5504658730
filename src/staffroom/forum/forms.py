"""Forms of the teachers' room. Fields check what a member typed and say what is wrong;
the services decide what may be done."""

import re

from django import forms
from django.urls import reverse, reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from staffroom.curriculum.forms import levels_field, subjects_field
from staffroom.resources.inputs import member_language_choices
from staffroom.resources.models import Resource
from staffroom.resources.queries import published_by_reference

from .inputs import MAX_TAG_LENGTH, MAX_TAGS, clean_tags
from .models import TITLE_MAX_LENGTH, Answer, Question
from .services import MAX_BODY_LENGTH, MAX_LINKED_RESOURCES

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists and links.")


class ResourceLinksField(forms.CharField):
    """Published resources on Staffroom, given by their addresses or numbers (one per line,
    or separated by commas or spaces)."""

    widget = forms.Textarea(attrs={"rows": 2})
    default_error_messages = {
        "unknown": _("Not a published resource on Staffroom: %(value)s"),
        "too_many": _("Link at most %(count)d resources."),
        "too_long": _("Give at most %(count)d characters of addresses."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 3000)
        kwargs.setdefault(
            "help_text",
            _(
                "Addresses or numbers of resources on Staffroom, one per line "
                "(e.g. copied from the address bar of a resource's page)."
            ),
        )
        super().__init__(**kwargs)
        # forum.js turns these into a "Link a resource" search box above the field, which
        # adds the chosen resource's address; without JavaScript the field is typed in.
        self.widget.attrs.update(
            {
                "data-resource-picker": reverse_lazy("forum:resource_picker"),
                "data-picker-label": _("Link a resource: search by title"),
                "data-picker-help": _(
                    "Type a few words, choose with the arrow keys and Enter: the resource's "
                    "address is added to the field below."
                ),
                "data-picker-added": _("Added: %(title)s"),
                "data-picker-listbox": _("Resources found"),
            }
        )

    def to_python(self, value):
        text = super().to_python(value) or ""
        # Checked here: the value the validators see is a list of resources, not the text.
        if self.max_length is not None and len(text) > self.max_length:
            raise forms.ValidationError(
                self.error_messages["too_long"], code="too_long", params={"count": self.max_length}
            )
        references = [part for part in re.split(r"[\s,;]+", text) if part]
        if len(references) > MAX_LINKED_RESOURCES:
            raise forms.ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"count": MAX_LINKED_RESOURCES},
            )
        found, unknown = published_by_reference(references)
        if unknown:
            raise forms.ValidationError(
                [
                    forms.ValidationError(
                        self.error_messages["unknown"],
                        code="unknown",
                        params={"value": reference[:120]},
                    )
                    for reference in unknown
                ]
            )
        return list(dict.fromkeys(found[reference] for reference in references))

    def validate(self, value):
        # Empty is fine; ``to_python`` said what is wrong with anything else.
        pass

    def prepare_value(self, value):
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            return "\n".join(
                reverse("resources:detail_short", args=[item.pk])
                if isinstance(item, Resource)
                else str(item)
                for item in items
            )
        return value


class TagsField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 600)
        kwargs.setdefault(
            "help_text",
            format_lazy(_("A few words, separated by commas (at most {count})."), count=MAX_TAGS),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value) or ""
        tags = [part for part in text.split(",") if part.strip()]
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                _("Give at most %(count)d tags.") % {"count": MAX_TAGS}, code="too_many"
            )
        if any(len(tag.strip()) > MAX_TAG_LENGTH for tag in tags):
            raise forms.ValidationError(
                _("A tag can be at most %(count)d characters.") % {"count": MAX_TAG_LENGTH},
                code="too_long",
            )
        return clean_tags(tags)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("In one sentence: what do you want to know?"),
    )
    body = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy(
            "{} {}", _("Your class, what you tried, what you are looking for."), MARKDOWN_HELP
        ),
    )
    tags = TagsField(label=_("Tags"))
    resources = ResourceLinksField(label=_("Resources this is about"))
    language = forms.ChoiceField(
        label=_("Language of the question"),
        choices=[("", _("Detect from the text")), *member_language_choices()],
        required=False,
    )

    def __init__(self, *args, region: str, question: Question | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        levels = levels_field(region, label=_("Education levels"), required=False)
        subjects = subjects_field(region, label=_("Subjects"), required=False)
        if question is not None:
            # Terms of the other region the question was tagged with stay selectable.
            levels.set_region(region, keep=question.levels.all())
            subjects.set_region(region, keep=question.subjects.all())
        self.fields["levels"] = levels
        self.fields["subjects"] = subjects
        self.order_fields(["title", "body", "levels", "subjects", "tags", "resources", "language"])

    @staticmethod
    def initial_from(question: Question) -> dict:
        return {
            "title": question.title,
            "body": question.body,
            "levels": list(question.levels.all()),
            "subjects": list(question.subjects.all()),
            "tags": question.tags,
            "resources": list(question.resources.all()),
            "language": question.language,
        }


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    resources = ResourceLinksField(label=_("Link resources (optional)"))

    @staticmethod
    def initial_from(answer: Answer) -> dict:
        return {"body": answer.body, "resources": list(answer.resources.all())}


class ExpertForm(forms.Form):
    expertise = forms.CharField(
        label=_("Expert in"),
        required=False,
        max_length=120,
        help_text=_("Shown with the expert mark, e.g. “Speech therapist”."),
    )
