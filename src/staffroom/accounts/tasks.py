from django_tasks import task

# Imported as modules: services enqueue these tasks (read at run time, not at import).
from . import deletion, export


@task()
def build_data_export(export_id: int) -> bool:
    """Build a member's requested copy of their data and mail them the link."""
    return export.data_export_build(export_id=export_id)


@task()
def account_lifecycle() -> dict[str, int]:
    """Daily, by the clock: warn and delete unused accounts, delete sign-ups never confirmed,
    delete expired data exports."""
    done = deletion.lifecycle_daily()
    done["exports_expired"] = export.data_exports_expire()
    return done
