"""The events' reference data the office keeps (teilhabe.web.reference): venues, event
series and audience groups."""

from django.utils.translation import gettext_lazy as _

from teilhabe.web.reference import ReferenceKind, reference_urls, text

from .forms import AudienceGroupForm, EventSeriesForm, VenueForm
from .models import AudienceGroup, EventSeries, Venue

VENUES = ReferenceKind(
    model=Venue,
    form_class=VenueForm,
    permission="events.add_event",
    app="events",
    name="venue",
    heading=_("Venues"),
    title_new=_("new venue"),
    title_edit=_("Edit the venue “%(name)s”"),
    columns=[(_("Name"), "name"), (_("Address"), "address")],
    ordering=("name",),
)
SERIES = ReferenceKind(
    model=EventSeries,
    form_class=EventSeriesForm,
    permission="events.add_event",
    app="events",
    name="series",
    heading=_("Event series"),
    title_new=_("new event series"),
    title_edit=_("Edit the event series “%(name)s”"),
    columns=[(_("Title"), text("title")), (_("Short name in addresses"), "slug")],
    ordering=("title__de",),
)
AUDIENCES = ReferenceKind(
    model=AudienceGroup,
    form_class=AudienceGroupForm,
    permission="events.add_event",
    app="events",
    name="audience",
    heading=_("Audience groups"),
    title_new=_("new audience group"),
    title_edit=_("Edit the audience group “%(name)s”"),
    columns=[(_("Name"), text("name"))],
    ordering=("name__de",),
)

urlpatterns = [
    *reference_urls(VENUES, "verwaltung/orte/"),
    *reference_urls(SERIES, "verwaltung/reihen/"),
    *reference_urls(AUDIENCES, "verwaltung/zielgruppen/"),
]
