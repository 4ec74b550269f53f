from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# First path segments that belong to the platform, not to a municipality.
RESERVED_SLUGS = {
    "admin",
    "api",
    "static",
    "media",
    "konto",
    "impressum",
    "datenschutz",
    "barrierefreiheit",
}


def validate_municipality_slug(value):
    # Language prefixes (/en/, /ar/, ...) come first in an address, too.
    languages = {code.lower() for code, _name in settings.LANGUAGES}
    if value.lower() in RESERVED_SLUGS | languages:
        raise ValidationError(_("This short name is reserved by the platform."))
