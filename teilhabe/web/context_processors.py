from django.conf import settings


def site(request):
    """What the base layout needs on every page."""
    return {
        "operator": settings.TEILHABE_OPERATOR,
        "municipality": getattr(request, "municipality", None),
        "is_demo": settings.TEILHABE_DEMO,
    }
