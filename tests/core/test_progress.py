"""The one-line progress bar of management commands (staffroom prepare, staffroom demo)."""

import io

from staffroom.core.progress import ProgressLine, ProgressSteps


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_the_line_redrawn_in_place():
    terminal = Terminal()
    line = ProgressLine(terminal, "Search index")
    line.update(1, 4)
    line.update(4, 4)
    line.finish()
    text = terminal.getvalue()
    assert text.count("\r") == 3 and text.endswith(" s\n") and text.count("\n") == 1
    assert "[" + "#" * 7 + "." * 23 + "] 1/4" in text
    assert "[" + "#" * 30 + "] 4/4" in text


def test_a_log_gets_only_each_finished_step():
    log = io.StringIO()
    steps = ProgressSteps(log)
    for done in range(1, 11):
        steps("Demo files read", done, 10)
    steps("Pre-checks of open items", 0, 0)  # nothing to do: a full bar
    steps.close()
    lines = log.getvalue().splitlines()
    assert len(lines) == 2 and "\r" not in log.getvalue()
    assert lines[0].startswith("Demo files read") and "10/10" in lines[0]
    assert "[" + "#" * 30 + "] 0/0" in lines[1]
