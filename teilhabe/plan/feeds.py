"""The Atom feed of a cycle (``<cycle>/feed.atom``): what the plan publishes as news.

The platform has no news model; a cycle's news are its status reports (of measures
the public sees, not withdrawn: a withdrawn report stays on its measure's page, struck
through, but is no news), the steps of its timeline (a new phase, e.g. "Adopted by
the council") and its published implementation reports, newest first, at most
``ENTRIES``. The feed is a public page: cached
like one (``@public_page``), in the language of its address."""

from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from teilhabe.languages.content import translated
from teilhabe.tenants.scoping import active_municipality
from teilhabe.web.caching import public_page

from .models import ConceptCycle, CyclePhase, Measure, Phase, Status, StatusReport

ENTRIES = 50


@dataclass
class Entry:
    title: str
    description: str
    link: str
    published: datetime
    updated: datetime
    guid: str


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time()))


def report_entries(cycle):
    reports = (
        StatusReport.objects.standing()
        .filter(measure__in=Measure.objects.public().filter(cycle=cycle))
        .select_related("measure", "author_department")
        .order_by("-reported_on", "-created_at", "-id")[:ENTRIES]
    )
    municipality = cycle.municipality.slug
    for report in reports:
        measure = report.measure
        link = reverse(
            "plan:measure",
            kwargs={"municipality": municipality, "cycle": cycle.slug, "code": measure.code},
        )
        yield Entry(
            title=_("%(code)s %(title)s: %(status)s (%(progress)s %%)")
            % {
                "code": measure.code,
                "title": translated(measure, "title").text,
                "status": Status(report.status).label,
                "progress": report.progress,
            },
            description=report.text,
            link=link,
            published=_start_of(report.reported_on),
            updated=report.created_at,
            guid=f"{settings.TEILHABE_BASE_URL}{link}#report-{report.pk}",
        )


def phase_entries(cycle):
    link = reverse(
        "plan:timeline", kwargs={"municipality": cycle.municipality.slug, "cycle": cycle.slug}
    )
    for phase in CyclePhase.objects.filter(cycle=cycle).order_by("-starts_on", "-pk")[:ENTRIES]:
        start = _start_of(phase.starts_on)
        yield Entry(
            title=_("New phase: %(phase)s") % {"phase": Phase(phase.phase).label},
            description=translated(phase, "note").text,
            link=link,
            published=start,
            updated=start,
            guid=f"{settings.TEILHABE_BASE_URL}{link}#phase-{phase.pk}",
        )


def published_report_entries(cycle):
    from teilhabe.reports.models import Report

    reports = (
        Report.objects.published()
        .filter(cycle=cycle)
        .select_related("cycle__municipality", "municipality")
        .order_by("-published_at", "-pk")[:ENTRIES]
    )
    for report in reports:
        link = report.get_absolute_url()
        yield Entry(
            title=_("Implementation report published: %(start)s to %(end)s")
            % {
                "start": formats.date_format(report.starts_on, "SHORT_DATE_FORMAT"),
                "end": formats.date_format(report.ends_on, "SHORT_DATE_FORMAT"),
            },
            description=_("What became of the plan in the period, as a web page and a PDF."),
            link=link,
            published=report.published_at,
            updated=report.published_at,
            guid=f"{settings.TEILHABE_BASE_URL}{link}",
        )


class CycleFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, municipality, cycle):
        place = active_municipality(municipality)
        cycles = (
            ConceptCycle.objects.for_municipality(place).public().select_related("municipality")
        )
        return get_object_or_404(cycles, slug=cycle)

    def title(self, cycle):
        return _("%(cycle)s: status reports and news") % {"cycle": translated(cycle, "title").text}

    def subtitle(self, cycle):
        return _("New status reports of the measures and new phases of the plan, %(name)s.") % {
            "name": cycle.municipality.name
        }

    def link(self, cycle):
        return cycle.get_absolute_url()

    def items(self, cycle):
        entries = [
            *report_entries(cycle),
            *phase_entries(cycle),
            *published_report_entries(cycle),
        ]
        entries.sort(key=lambda e: (e.published, e.updated), reverse=True)
        return entries[:ENTRIES]

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.description

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        # Absolute and the same for every reader (TEILHABE_BASE_URL, as in mails).
        return entry.guid

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated


cycle_feed = public_page(CycleFeed())
