from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def languages(request):
    """Links to the same page in every interface language (switch and hreflang)."""
    current = translation.get_language()
    path = request.get_full_path()
    alternates = []
    for code, name in settings.LANGUAGES:
        alternates.append(
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "is_current": code == current,
            }
        )
    return {"language_alternates": alternates, "current_language": current}
