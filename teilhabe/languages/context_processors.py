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
    codes = [code for code, _name in settings.LANGUAGES if offered is None or code in offered]
    urls = addresses_in(path, current, codes)
    alternates = [
        {"code": code, "name": name, "url": urls[code], "is_current": code == current}
        for code, name in settings.LANGUAGES
        if code in urls
    ]
    return {"language_alternates": alternates, "current_language": current}


def addresses_in(path, current, codes):
    """``{code: the address of path in that language}``. No URL pattern is translated,
    so the addresses differ only in their language prefix (none for German): one
    ``translate_url`` (a resolve and a reverse) finds whether and how this page's
    address changes, the others swap the prefix. It was nine of each on every page."""
    probe = next((code for code in codes if code != current), None)
    if probe is None:
        return {code: path for code in codes}
    probed = translate_url(path, probe)
    if probed == path:  # not a page with a language prefix, or not a page at all
        return {code: path for code in codes}
    default = settings.LANGUAGE_CODE
    bare = path if current == default else path.removeprefix(f"/{current}")
    urls = {code: bare if code == default else f"/{code}{bare}" for code in codes}
    if urls[probe] != probed:  # a translated pattern after all: ask Django for each
        return {code: translate_url(path, code) for code in codes}
    return urls
