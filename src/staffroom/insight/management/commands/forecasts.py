"""``staffroom forecasts``: compute the search forecasts now (the clock does it daily) and
print their backtest: the mean MASE of the model, the same week last year and the last value."""

from django.core.management.base import BaseCommand

from staffroom.insight.forecast import forecast_backtest_summary


class Command(BaseCommand):
    help = "Forecast next weeks' searches from the weekly rollups and print the backtest."

    def handle(self, *args, **options):
        overall = forecast_backtest_summary(refresh=True)["overall"]
        self.stdout.write(
            f"Forecast {overall['series']} series ({overall['tested']} backtested over "
            f"{overall['backtest_weeks']} weeks). Mean MASE: model {overall['mase_model']}, "
            f"same week last year {overall['mase_seasonal']}, last value {overall['mase_last']}."
        )
