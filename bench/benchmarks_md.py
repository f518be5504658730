"""Writing a benchmark's section into docs/benchmarks.md, replacing its earlier figures."""

from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "docs/benchmarks.md"


def write_section(lines: list[str]) -> None:
    """``lines[0]`` is the section's heading ("## ..."); a section with that heading is
    replaced, the others are kept."""
    existing = TARGET.read_text() if TARGET.exists() else "# Benchmarks\n"
    marker = lines[0]
    if marker in existing:
        before, _, rest = existing.partition(marker)
        after = rest.split("\n## ", 1)
        existing = before + ("## " + after[1] if len(after) > 1 else "")
    TARGET.write_text(existing.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n")
    print(f"written to {TARGET}")
