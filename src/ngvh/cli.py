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
        if "--inner" not in args:
            # The outer bench process only prepares the run and starts the inner one with
            # the production settings (DEBUG=0, a throw-away secret); it serves nothing, so
            # a developer's shell needs no SECRET_KEY for `make bench`.
            os.environ.setdefault("DEBUG", "1")
    execute_from_command_line(["ngvh", *args])


if __name__ == "__main__":
    main()
