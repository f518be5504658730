"""Resources harvested before creators and the source's address were kept carried the
publisher as their whole credit line and pointed to our page: from now on the line names the
creators (author_name) and points to the original at the source. Their next harvested version
brings the DOI where the record has one."""

from django.db import migrations


def point_to_the_source(apps, schema_editor):
    HarvestedRecord = apps.get_model("interop", "HarvestedRecord")
    Resource = apps.get_model("resources", "Resource")
    ids = HarvestedRecord.objects.filter(resource__isnull=False).values("resource_id")
    harvested = Resource.objects.filter(pk__in=ids)
    harvested.exclude(attribution="").update(attribution="")
    changed = []
    for resource in harvested.filter(source_url="").exclude(url="").only("pk", "url"):
        resource.source_url = resource.url
        changed.append(resource)
    Resource.objects.bulk_update(changed, ["source_url"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("interop", "0003_fill_oai_record_sets"),
        ("resources", "0015_versioned_licences_source_and_url_key"),
    ]

    operations = [migrations.RunPython(point_to_the_source, migrations.RunPython.noop)]
