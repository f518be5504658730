"""What the benchmark scripts share: processes, ports, memory readings, Django in a child
process, and writing a section of docs/benchmarks.md."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs/benchmarks.md"


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, check=True, cwd=ROOT, **kwargs)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_kib(pid: int) -> int:
    """The resident memory of a process now (KiB), 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def django_setup() -> None:
    """Django in this (child) process, with the settings its environment gives."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "staffroom.settings")
    import django

    django.setup()


def wait_until_up(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - http only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer at {url}")


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
