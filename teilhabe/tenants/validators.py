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
    "en",
    "de",
    "de-x-simple",
}


def validate_municipality_slug(value):
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(_("This short name is reserved by the platform."))
