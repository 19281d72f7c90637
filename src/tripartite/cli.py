"""The ``tripartite`` command: every Django management command, plus serve, demo, backup…"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tripartite.config.settings")
    from tripartite.config.env import ConfigurationError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["tripartite", *(sys.argv[1:] if argv is None else argv)])
    except ConfigurationError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
