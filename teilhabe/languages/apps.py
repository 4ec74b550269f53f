from django.apps import AppConfig
from django.conf import locale
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    name = "teilhabe.languages"
    verbose_name = _("Languages")

    def ready(self):
        # Django knows "de" and "en"; teach it the plain-language tag so that
        # get_language_info() and the {% get_language_info %} tag work for it.
        locale.LANG_INFO.setdefault(
            "de-x-simple",
            {
                "bidi": False,
                "code": "de-x-simple",
                "name": "Plain German",
                "name_local": "Einfache Sprache",
            },
        )
