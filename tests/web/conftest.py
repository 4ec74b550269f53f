import pytest


@pytest.fixture
def fragment_cache(settings):
    """The real fragment cache (the test settings switch it off: a test's transaction
    never commits, so the content version never moves on), in the shared cache's table,
    and the process's copies of stored pages."""
    settings.TEILHABE_PAGE_CACHE_LOCAL_BYTES = 32 * 1024 * 1024
    settings.CACHES = {
        **settings.CACHES,
        "template_fragments": {
            "BACKEND": "teilhabe.web.cache.DatabaseCache",
            "LOCATION": "teilhabe_cache",
            "KEY_PREFIX": "fragments",
        },
    }
