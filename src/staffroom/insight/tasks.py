from django_tasks import task

from . import forecast, recommend, services


@task()
def rollup_usage() -> int:
    """Count today's and yesterday's raw events into the daily rollups (hourly, by the clock)."""
    return services.insight_rollup_recent()


@task()
def prune_usage_events() -> int:
    """Delete raw usage events past INSIGHT_RAW_EVENT_DAYS (daily, by the clock)."""
    return services.insight_prune_events()


@task()
def forget_member_usage(member_id: int) -> int:
    """Delete a member's pseudonymised events after they turned usage history off."""
    return services.insight_forget_member(member_id)


@task()
def rebuild_co_usage() -> int:
    """Count again which resources the same members used: "colleagues also used" (daily)."""
    return recommend.co_usage_rebuild()


@task()
def refresh_search_forecasts() -> int:
    """Forecast next weeks' searches per query and per level x subject (daily)."""
    return forecast.forecasts_refresh()
