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

    _activate_shell_language()
    execute_from_command_line(sys.argv)


def _activate_shell_language() -> None:
    """Speak the shell's language (LC_ALL, LC_MESSAGES, LANG) when Remix has it; else French."""
    from django.conf import settings
    from django.utils import translation

    known = {code for code, _name in settings.LANGUAGES}
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        code = os.environ.get(name, "").split(".")[0].split("_")[0].lower()
        if code:
            if code in known:
                translation.activate(code)
            return


if __name__ == "__main__":
    main()
