"""The `remix` command: Django's management commands, with Remix's own beside them."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remix.settings")
    try:
        import django

        django.setup()
    except Exception as error:  # a wrong DATABASE_URL or setting: one clear line, no traceback
        print(f"remix: cannot start: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(2)

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
