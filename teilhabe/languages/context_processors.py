from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def languages(request):
    """Links to the same page in every language offered here (switch and hreflang):
    on a municipality's pages its content languages, elsewhere all the installation's."""
    current = translation.get_language()
    path = request.get_full_path()
    municipality = getattr(request, "municipality", None)
    offered = municipality.offered_languages() if municipality else None
    alternates = []
    for code, name in settings.LANGUAGES:
        if offered is not None and code not in offered:
            continue
        alternates.append(
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "is_current": code == current,
            }
        )
    return {"language_alternates": alternates, "current_language": current}
