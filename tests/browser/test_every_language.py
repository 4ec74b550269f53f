"""Every public page type in the interface languages that test_accessibility.py does
not cover (Arabic, Persian, Russian, Turkish, Ukrainian, Vietnamese): the same checks
(axe-core with WCAG 2.0 A/AA and 2.1 AA, <html lang>, one h1, the skip link, no
horizontal scrolling at 320 px), page type by page type.

Cost: one test per page type visits the page in all six languages with one browser
page and one data set, instead of one test (and one database flush) per page and
language. A failure in one language does not hide the others: each language's failure
is collected and the test fails listing them all. The sweep does not depend on the
database, so it is marked ``once`` and runs on the SQLite run only (tests/conftest.py).
"""

import pytest
from django.conf import settings

from .helpers import DEFAULT_VIEWPORT, LANGUAGES, OTHER_LANGUAGES
from .test_accessibility import PAGES, check_page_type

pytestmark = [pytest.mark.browser, pytest.mark.once]


def test_the_sweeps_cover_every_interface_language():
    assert sorted(LANGUAGES + OTHER_LANGUAGES) == sorted(code for code, _ in settings.LANGUAGES)


def _start_afresh(context, page):
    """What one language's visit leaves behind must not change the next one's: the
    session (log-in), the log-in lock-out and the rate-limit counters, the window size."""
    from axes.models import AccessAttempt
    from django.core.cache import cache

    context.clear_cookies()
    AccessAttempt.objects.all().delete()
    cache.clear()
    page.console_errors.clear()
    page.set_viewport_size(DEFAULT_VIEWPORT)


@pytest.mark.parametrize("page_type", list(PAGES))
def test_page_is_accessible_in_every_other_language(
    context, page, base_url, directory_data, log_in, axe_check, page_type
):
    failures = []
    for language in OTHER_LANGUAGES:
        _start_afresh(context, page)
        try:
            check_page_type(page, base_url, directory_data, log_in, axe_check, language, page_type)
        except (AssertionError, pytest.fail.Exception) as error:
            failures.append(f"--- {language}: {error}")
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)
