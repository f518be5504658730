"""A one-line progress bar for management commands (no dependency for one line of text).

On a terminal the line is redrawn in place as work advances; written to a file or a pipe (a
log, a test) only the finished line is written, so logs do not fill with bars.
"""

import time
from typing import TextIO

from django.core.management.base import OutputWrapper

WIDTH = 30


class ProgressLine:
    """``update(done, total)`` as work advances, ``finish()`` once it is done."""

    def __init__(self, stream: TextIO | OutputWrapper, label: str):
        self.stream = stream
        self.label = label
        self.started = time.monotonic()
        self.done = self.total = 0
        self.live = bool(getattr(stream, "isatty", lambda: False)())

    def _line(self) -> str:
        # Nothing to do is done: a full bar.
        filled = WIDTH * self.done // self.total if self.total else WIDTH
        bar = "#" * filled + "." * (WIDTH - filled)
        return f"{self.label:<34} [{bar}] {self.done}/{self.total}"

    def update(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self.live:
            self._write("\r" + self._line())

    def finish(self, note: str = "") -> None:
        seconds = time.monotonic() - self.started
        ending = f" {note}" if note else ""
        self._write(("\r" if self.live else "") + f"{self._line()} {seconds:.1f} s{ending}\n")

    def _write(self, text: str) -> None:
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")  # a command's stdout adds a newline otherwise
        else:
            self.stream.write(text)
        self.stream.flush()


class ProgressSteps:
    """Called with (label, done, total) by work done in steps: one ProgressLine per step,
    the previous one finished when the label changes. ``close()`` finishes the last."""

    def __init__(self, stream: TextIO | OutputWrapper):
        self.stream = stream
        self.line: ProgressLine | None = None

    def __call__(self, label: str, done: int, total: int) -> None:
        if self.line is not None and self.line.label != label:
            self.close()
        if self.line is None:
            self.line = ProgressLine(self.stream, label)
        self.line.update(done, total)

    def close(self) -> None:
        if self.line is not None:
            self.line.finish()
            self.line = None
