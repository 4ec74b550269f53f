"""A developer's machine: DEBUG on, demo logins allowed."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
TEILHABE_DEMO = env_bool("TEILHABE_DEMO", True)
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
