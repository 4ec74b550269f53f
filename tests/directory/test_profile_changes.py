"""Changes a representative makes to a verified profile wait for the integration
office: the public page keeps the verified values, the office sees old and new side by
side and approves (once, also when sent twice at once: test_profile_change_races.py) or
refuses with a reason that is mailed to the representative. Another municipality's
office can do none of it."""

import pytest
from django.urls import reverse

from teilhabe.accounts.models import Role
from teilhabe.directory.models import Organisation, ProfileChange
from teilhabe.mail.models import OutgoingMail
from tests import factories

K = Role.Kind


def edit_url(org):
    return reverse("directory:organisation_edit", args=[org.municipality.slug, org.slug])


def review_url(change):
    return reverse("directory:profile_change", args=[change.municipality.slug, change.pk])


def refuse_url(change):
    return reverse("directory:refuse_profile_change", args=[change.municipality.slug, change.pk])


def post_profile(client, org, **changes):
    """The edit form as it is shown, with ``changes`` made."""
    form = client.get(edit_url(org)).context["form"]
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in ("activities", "languages", "description")
    }
    data["description_de"] = form.initial["description"].get("de", "")
    data["activities"] = [a.code if hasattr(a, "code") else a for a in form.initial["activities"]]
    data["languages"] = [a.code if hasattr(a, "code") else a for a in form.initial["languages"]]
    data.update(changes)
    return client.post(edit_url(org), data)


@pytest.fixture
def verified(municipality):
    org = factories.OrganisationFactory(
        municipality=municipality, name="Ausländerrat Dresden e. V.", district="Altstadt"
    )
    org.mark_verified()
    org.save()
    return org


@pytest.fixture
def representative(verified):
    return factories.RoleFactory(
        municipality=verified.municipality,
        kind=K.ORGANISATION_REPRESENTATIVE,
        organisations=[verified],
    ).user


@pytest.fixture
def office(municipality):
    return factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN).user


@pytest.fixture
def proposal(client, verified, representative):
    client.force_login(representative)
    response = post_profile(
        client,
        verified,
        district="Johannstadt",
        description_de="Wir beraten in fünf Sprachen.",
        activities=["social"],
    )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    return ProfileChange.objects.get(organisation=verified)


@pytest.mark.django_db
def test_a_representatives_change_to_a_verified_profile_waits(client, verified, proposal):
    assert proposal.status == ProfileChange.Status.PENDING
    assert proposal.proposed["district"] == "Johannstadt"
    assert proposal.proposed["activities"] == ["social"]
    assert "name" not in proposal.proposed  # only what changed
    verified.refresh_from_db()
    assert verified.district == "Altstadt" and not verified.activities.exists()
    page = client.get(verified.get_absolute_url()).content.decode()
    assert "Altstadt" in page and "Johannstadt" not in page


@pytest.mark.django_db
def test_a_second_edit_continues_from_the_waiting_proposal(
    client, verified, representative, proposal
):
    client.force_login(representative)
    form = client.get(edit_url(verified)).context["form"]
    assert form.initial["district"] == "Johannstadt"
    post_profile(client, verified, public_phone="0351 123")
    proposal = ProfileChange.objects.get(organisation=verified)  # still one
    assert proposal.proposed["district"] == "Johannstadt"
    assert proposal.proposed["public_phone"] == "0351 123"


@pytest.mark.django_db
def test_an_unverified_profile_and_the_office_save_at_once(
    client, verified, representative, office
):
    client.force_login(office)
    assert post_profile(client, verified, district="Pieschen").status_code == 302
    verified.refresh_from_db()
    assert verified.district == "Pieschen" and verified.is_verified
    Organisation.objects.filter(pk=verified.pk).update(is_verified=False)
    client.force_login(representative)
    assert post_profile(client, verified, district="Gorbitz").status_code == 302
    verified.refresh_from_db()
    assert verified.district == "Gorbitz"
    assert not ProfileChange.objects.exists()


@pytest.mark.django_db
def test_the_review_page_shows_old_and_new_per_field(client, office, proposal):
    client.force_login(office)
    page = client.get(review_url(proposal)).content.decode()
    assert "<del>Altstadt</del>" in page and "<ins>Johannstadt</ins>" in page
    assert "<ins>Wir beraten in fünf Sprachen.</ins>" in page
    assert "Ein Verein, der Menschen beim Ankommen hilft." in page  # the old description
    assert "<ins>Soziale Arbeit und Beratung</ins>" in page
    assert ">Name<" not in page  # unchanged fields are not listed
    workspace = client.get(reverse("accounts:dashboard")).content.decode()
    assert review_url(proposal) in workspace


@pytest.mark.django_db
def test_approval_publishes_the_changes_once(client, office, verified, proposal):
    client.force_login(office)
    response = client.post(review_url(proposal))
    assert response.status_code == 302
    verified.refresh_from_db()
    assert verified.district == "Johannstadt"
    assert verified.description.text("de") == "Wir beraten in fünf Sprachen."
    assert list(verified.activities.values_list("code", flat=True)) == ["social"]
    assert "johannstadt" in verified.search_text
    proposal.refresh_from_db()
    assert proposal.status == ProfileChange.Status.APPROVED and proposal.decided_by == office
    Organisation.objects.filter(pk=verified.pk).update(district="Später geändert")
    client.post(review_url(proposal))  # a second approval changes nothing
    verified.refresh_from_db()
    assert verified.district == "Später geändert"


@pytest.mark.django_db
def test_refusal_asks_for_a_reason_then_mails_it(
    client, office, verified, proposal, representative
):
    client.force_login(office)
    page = client.get(refuse_url(proposal)).content.decode()
    assert representative.email in page  # says who will be mailed
    response = client.post(refuse_url(proposal), {"reason": "  "})
    assert response.status_code == 200 and 'id="id_reason-error"' in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProfileChange.Status.PENDING and not OutgoingMail.objects.exists()
    response = client.post(refuse_url(proposal), {"reason": "Die Adresse stimmt nicht."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProfileChange.Status.REFUSED
    mail = OutgoingMail.objects.get()
    assert mail.to == representative.email
    assert "Die Adresse stimmt nicht." in mail.body_text
    verified.refresh_from_db()
    assert verified.district == "Altstadt"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["foreign_office", "representative", "anonymous"])
def test_only_the_own_office_may_review(
    client, who, proposal, representative, verified, other_municipality
):
    if who == "foreign_office":
        client.force_login(
            factories.RoleFactory(municipality=other_municipality, kind=K.OFFICE_ADMIN).user
        )
    elif who == "representative":
        client.force_login(representative)
    for url in (review_url(proposal), refuse_url(proposal)):
        assert client.get(url).status_code in (302, 403)
    assert client.post(review_url(proposal)).status_code in (302, 403)
    assert client.post(refuse_url(proposal), {"reason": "nein"}).status_code in (302, 403)
    proposal.refresh_from_db()
    verified.refresh_from_db()
    assert proposal.status == ProfileChange.Status.PENDING and verified.district == "Altstadt"
    assert not OutgoingMail.objects.exists()
    if who == "foreign_office":
        page = client.get(reverse("accounts:dashboard")).content.decode()
        assert review_url(proposal) not in page


@pytest.mark.django_db
def test_the_api_is_no_side_door(client, verified, representative):
    import json

    client.force_login(representative)
    response = client.patch(
        f"/api/v1/dresden/organisations/{verified.slug}",
        data=json.dumps({"district": "Johannstadt"}),
        content_type="application/json",
    )
    assert response.status_code == 202, response.content
    assert response.json()["district"] == "Altstadt"
    verified.refresh_from_db()
    assert verified.district == "Altstadt"
    assert ProfileChange.objects.get(organisation=verified).proposed == {"district": "Johannstadt"}
