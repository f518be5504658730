"""The level and subject picker: the viewer's region's terms as nested checkbox groups, a
fieldset per top-level term, a filter box for JavaScript and a "selected" count; it works as
plain checkboxes without JavaScript."""

import pytest
from django import forms
from django.urls import reverse
from lxml import html as lxml_html
from tests.factories import MemberFactory, ResourceFactory

from staffroom.curriculum.forms import levels_field, subjects_field
from staffroom.curriculum.models import Level, Subject
from staffroom.curriculum.widgets import TermPicker
from staffroom.resources.models import Status

pytestmark = pytest.mark.django_db


def picker_form(region: str, levels=(), subjects=()):
    class Form(forms.Form):
        pass

    form = Form(
        initial={"levels": [level.pk for level in levels], "subjects": [s.pk for s in subjects]}
    )
    form.fields["levels"] = levels_field(
        region, label="Levels", required=False, widget=TermPicker(Level)
    )
    form.fields["subjects"] = subjects_field(
        region, label="Subjects", required=False, widget=TermPicker(Subject)
    )
    return form


def tree(markup: str):
    return lxml_html.fromstring(f"<div>{markup}</div>")


def label_of(box) -> str:
    return box.getparent().text_content().strip()


def checkbox(page, label: str):
    found = [box for box in page.iter("input") if label_of(box) == label]
    assert len(found) == 1, (label, len(found))
    return found[0]


def group(page, legend: str):
    return page.xpath(f'//fieldset[@class="term-group"][legend="{legend}"]')[0]


def test_levels_are_grouped_per_top_level_term_and_nested_below_it():
    page = tree(str(picker_form("fl")["levels"]))
    legends = [legend.text_content() for legend in page.xpath("//fieldset/legend")]
    assert legends[:2] == ["Elementary education (nursery and primary)", "Secondary education"]
    elementary = group(page, "Elementary education (nursery and primary)")
    year_3 = checkbox(elementary, "Primary year 3")
    # "Primary year 3" sits in the list under "Primary education", itself in the group.
    parent_item = year_3.getparent().getparent().getparent().getparent()
    assert parent_item.tag == "li"
    assert parent_item.xpath("./label")[0].text_content().strip() == "Primary education"
    # The top-level term itself can be chosen, first in its group.
    first = elementary.xpath(".//input")[0]
    assert label_of(first) == "Elementary education (nursery and primary)"
    # Only the region's terms, labelled without the indentation of a flat list.
    labels = [label_of(box) for box in page.iter("input") if box.get("type") == "checkbox"]
    assert "Group 5 (primary)" not in labels
    assert not any("\u00a0" in label for label in labels)
    assert len(labels) == Level.objects.filter(region="fl").count()


def test_a_dutch_teacher_sees_the_netherlands_terms():
    page = tree(str(picker_form("nl")["levels"]))
    primary = group(page, "Primary education (groups 1-8)")
    assert checkbox(primary, "Group 5 (primary)") is not None
    assert not page.xpath('//label[normalize-space()="Primary year 3"]')


def test_top_level_terms_without_sub_terms_are_listed_together_outside_any_group():
    page = tree(str(picker_form("fl")["subjects"]))
    mathematics = checkbox(page, "Mathematics")
    assert not mathematics.xpath("ancestor::fieldset")
    dutch = group(page, "Dutch")
    assert checkbox(dutch, "Language support and Dutch as a second language") is not None


def test_every_checkbox_is_labelled_and_the_chosen_ones_are_ticked_and_counted():
    chosen = list(Level.objects.filter(code__in=["fl-lo-3", "fl-so-1g"]))
    page = tree(str(picker_form("fl", levels=chosen)["levels"]))
    boxes = page.xpath("//input[@type='checkbox']")
    for box in boxes:
        assert box.getparent().tag == "label"
        assert box.getparent().get("for") == box.get("id")
    ticked = {label_of(box) for box in boxes if box.get("checked") is not None}
    assert ticked == {level.label for level in chosen}
    summary = page.xpath("//*[@data-term-summary]")[0]
    assert summary.text_content().strip() == "Selected: 2"
    assert summary.get("aria-live") == "polite"
    assert summary.get("data-template") == "Selected: %(count)s"
    # Named too: in a long list the ticked ones may be out of view.
    named = page.xpath("//*[@data-term-chosen]")[0].text_content()
    assert sorted(named.split(", ")) == sorted(level.label for level in chosen)


def test_the_filter_box_is_labelled_and_waits_for_javascript():
    page = tree(str(picker_form("fl")["levels"]))
    row = page.xpath("//*[@data-term-filter-row]")[0]
    assert row.get("hidden") is not None  # shown by term_picker.js only
    box = row.xpath(".//input")[0]
    assert row.xpath(f'.//label[@for="{box.get("id")}"]')
    # Without JavaScript nothing of the list is hidden.
    assert not page.xpath("//li[@hidden] | //fieldset[@hidden]")


def test_the_contribute_form_uses_the_picker_inside_the_fields_fieldset(client):
    client.force_login(MemberFactory(language="en"))
    page = lxml_html.fromstring(client.get(reverse("resources:contribute")).content)
    field = page.xpath('//fieldset[legend="Education levels"]')[0]
    assert field.xpath(".//*[@data-term-picker]")
    assert field.xpath('.//fieldset[@class="term-group"]')
    assert page.xpath('//fieldset[legend="Subjects"]//*[@data-term-picker]')
    scripts = [script.get("src") for script in page.xpath("//head/script")]
    assert any(src.endswith("staffroom/term_picker.js") for src in scripts)


def test_a_term_of_the_other_region_already_on_a_resource_stays_chosen(client):
    teacher = MemberFactory(language="en", region="fl")
    client.force_login(teacher)
    resource = ResourceFactory(contributor=teacher, status=Status.DRAFT)
    resource.levels.set([Level.objects.get(code="nl-po-5")])
    page = lxml_html.fromstring(client.get(reverse("resources:edit", args=[resource.pk])).content)
    field = page.xpath('//fieldset[legend="Education levels"]')[0]
    kept = checkbox(field, "Group 5 (primary)")
    assert kept.get("checked") is not None


def test_the_profile_form_uses_the_picker_and_saves_what_is_ticked(client):
    teacher = MemberFactory(language="en", region="fl")
    client.force_login(teacher)
    page = lxml_html.fromstring(client.get(reverse("accounts:profile_edit")).content)
    levels = page.xpath('//fieldset[legend="Levels I teach"]')[0]
    assert levels.xpath('.//fieldset[@class="term-group"]')
    assert page.xpath('//fieldset[legend="Subjects I teach"]//*[@data-term-picker]')
    year_3 = checkbox(levels, "Primary year 3")
    mathematics = Subject.objects.get(code="fl-wis")
    response = client.post(
        reverse("accounts:profile_edit"),
        {
            "name": teacher.name,
            "region": "fl",
            "language": "en",
            "levels": [year_3.get("value")],
            "subjects": [mathematics.pk],
            "notification_mail": teacher.notification_mail,
        },
    )
    assert response.status_code == 302
    assert [level.code for level in teacher.levels.all()] == ["fl-lo-3"]
    assert [subject.code for subject in teacher.subjects.all()] == ["fl-wis"]
