"""Fill the (set, record) table from the records' stored specs, with every broader level and
subject added (a record tagged "level:fl-lo-3" is also in "level:fl-lo" and "level:fl-bao").

The records' digests are left as they were: the next ``staffroom oai rebuild`` (daily) finds
that their headers changed and gives them a new datestamp, so that an incremental harvest of
a broader set picks them up.
"""

from django.db import migrations

from staffroom.curriculum.vocabularies import read_vocabulary

CHUNK = 2000


def _broader(apps, model_name: str, data_name: str) -> tuple[dict, dict]:
    model = apps.get_model("curriculum", model_name)
    codes = dict(model.objects.values_list("pk", "code"))
    parents = {
        code: codes.get(parent_id)
        for code, parent_id in model.objects.values_list("code", "parent_id")
    }
    extra = {
        entry["code"]: tuple(entry["also_under"])
        for entry in read_vocabulary(data_name)
        if entry.get("also_under")
    }
    return parents, extra


def _expand(codes, parents: dict, extra: dict) -> set:
    found: set = set()
    stack = list(codes)
    while stack:
        code = stack.pop()
        if code in found:
            continue
        found.add(code)
        if parents.get(code):
            stack.append(parents[code])
        stack.extend(broader for broader in extra.get(code, ()) if broader in parents)
    return found


def fill(apps, schema_editor):
    OaiRecord = apps.get_model("interop", "OaiRecord")
    OaiRecordSet = apps.get_model("interop", "OaiRecordSet")
    hierarchies = {
        "level": _broader(apps, "Level", "levels"),
        "subject": _broader(apps, "Subject", "subjects"),
    }
    last = 0
    while records := list(OaiRecord.objects.filter(pk__gt=last).order_by("pk")[:CHUNK]):
        last = records[-1].pk
        changed, rows = [], []
        for record in records:
            specs = list(record.set_specs or [])
            terms = {}
            for kind, (parents, extra) in hierarchies.items():
                codes = [spec.split(":", 1)[1] for spec in specs if spec.startswith(f"{kind}:")]
                terms[kind] = sorted(f"{kind}:{code}" for code in _expand(codes, parents, extra))
            rest = [
                spec
                for spec in specs
                if spec not in ("level", "subject") and not spec.startswith(("level:", "subject:"))
            ]
            new = ["level", *terms["level"], "subject", *terms["subject"], *rest]
            if new != specs:
                record.set_specs = new
                changed.append(record)
            rows += [
                OaiRecordSet(record_id=record.pk, spec=spec, datestamp=record.datestamp)
                for spec in dict.fromkeys(new)
            ]
        if changed:
            OaiRecord.objects.bulk_update(changed, ["set_specs"], batch_size=500)
        OaiRecordSet.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def empty(apps, schema_editor):
    apps.get_model("interop", "OaiRecordSet").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("interop", "0002_identify_run_beat_and_set_index"),
        ("curriculum", "0002_load_vocabularies"),
    ]

    operations = [migrations.RunPython(fill, empty)]
