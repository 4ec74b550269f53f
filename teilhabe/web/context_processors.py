from django.conf import settings

from .caching import lazy_request_version


def site(request):
    """What the base layout needs on every page."""
    return {
        "operator": settings.TEILHABE_OPERATOR,
        "municipality": getattr(request, "municipality", None),
        "is_demo": settings.TEILHABE_DEMO,
        # For {% cache ... municipality.pk content_version LANGUAGE_CODE ... %}.
        "content_version": lazy_request_version(request),
    }
