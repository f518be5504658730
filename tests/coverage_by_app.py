"""Print line coverage per app (src/staffroom/<app>/) from the JSON report a `--cov` run wrote.

    python tests/coverage_by_app.py [var/coverage/coverage.json]

The per-file table pytest-cov prints is too long to read by app; this sums the same statements
and missing lines per app, so the figures add up to the run's total. Modules directly under
src/staffroom/ (settings, urls, the command) are counted as "(project)".
"""

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REPORT = ROOT / "var" / "coverage" / "coverage.json"
PACKAGE = ("src", "staffroom")


def app_of(path: str) -> str:
    """The app a measured file belongs to: the folder under src/staffroom/."""
    parts = Path(path).parts
    index = next(
        (i for i in range(len(parts) - 1) if parts[i : i + 2] == PACKAGE),
        None,
    )
    if index is None:
        return "(other)"
    rest = parts[index + 2 :]
    return rest[0] if len(rest) > 1 else "(project)"


def coverage_by_app(report: dict) -> dict[str, tuple[int, int]]:
    """Statements and missing statements per app, from a coverage.py JSON report."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path, data in report["files"].items():
        summary = data["summary"]
        counts = totals[app_of(path)]
        counts[0] += summary["num_statements"]
        counts[1] += summary["missing_lines"]
    return {app: (statements, missing) for app, (statements, missing) in totals.items()}


def percent(statements: int, missing: int) -> float:
    return 100.0 * (statements - missing) / statements if statements else 100.0


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_REPORT
    if not source.is_file():
        print(f"no coverage report at {source}: run pytest with --cov --cov-report=json")
        return 1
    report = json.loads(source.read_text())
    apps = coverage_by_app(report)
    width = max(len(app) for app in [*apps, "app", "total"])
    print(f"\n{'app':<{width}}  {'stmts':>6}  {'miss':>6}  {'cover':>6}")
    for app in sorted(apps):
        statements, missing = apps[app]
        line = (
            f"{app:<{width}}  {statements:>6}  {missing:>6}  {percent(statements, missing):>5.1f}%"
        )
        print(line)
    statements = sum(s for s, _ in apps.values())
    missing = sum(m for _, m in apps.values())
    print(
        f"{'total':<{width}}  {statements:>6}  {missing:>6}  {percent(statements, missing):>5.1f}%"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
