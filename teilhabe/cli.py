"""The ``teilhabe`` command: Django's manage.py for this project.

``teilhabe --help`` lists every command; ``teilhabe COMMAND --help`` explains one.
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings.development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv or sys.argv)


if __name__ == "__main__":
    main()
