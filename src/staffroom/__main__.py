"""The ``staffroom`` command: Django's management commands with Staffroom's settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "staffroom.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["staffroom", *sys.argv[1:]])


if __name__ == "__main__":
    main()
