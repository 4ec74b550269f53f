"""The station results page tells the office where stations are added: on the event's
programme in the interface, not in the admin."""

import re

from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.models import Role
from tests import factories
from tests.events.factories import EventFactory, ProgrammeItemFactory, StationFactory


def page(client, event, language):
    with translation.override(language):
        address = reverse("events:results", kwargs={"municipality": "dresden", "slug": event.slug})
        programme = reverse(
            "events:programme", kwargs={"municipality": "dresden", "slug": event.slug}
        )
    content = client.get(address).content.decode()
    main = content[content.index("<main") : content.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split()), main, programme


def test_without_stations_the_page_leads_to_the_programme(client, municipality):
    event = EventFactory(municipality=municipality, slug="werkstatt")
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    client.force_login(office)
    text, main, programme = page(client, event, "en")
    assert (
        "This event has no stations yet. Stations (e.g. world café tables) belong to a "
        "programme item: open the programme, then “Speakers and stations” of the item."
    ) in text
    assert (
        f'<a class="kern-link" id="programme-link" href="{programme}">Open the programme</a>'
        in main
    )
    assert "/admin/" not in main and "administration" not in text
    text, main, programme = page(client, event, "de")
    assert f'href="{programme}">Programm öffnen</a>' in main
    assert "Administration" not in text and "Verwaltung" not in text

    # With a station, the form is there and the hint is not.
    StationFactory(item=ProgrammeItemFactory(event=event), title="Tisch Wohnen")
    text, main, _programme = page(client, event, "en")
    assert "Tisch Wohnen" in text and "no stations yet" not in text
