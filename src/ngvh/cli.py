"""The ``ngvh`` command: every Django management command, with the project's settings.

``ngvh plan parse FILE --json``, ``ngvh demo``, ``ngvh serve``, ``ngvh migrate`` ...
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngvh.config.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["bench"]:
        os.environ["NGVH_BENCH"] = "1"
    execute_from_command_line(["ngvh", *args])


if __name__ == "__main__":
    main()
