"""Organisation self-service: asking to represent an organisation (with or without an
account), registering a new one, the office's decision and its mails, bad input, and
another municipality's office and representatives kept out. Simultaneous requests:
test_claim_races.py."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.models import Role, User
from teilhabe.directory import claims
from teilhabe.directory.models import Organisation, RepresentationClaim
from teilhabe.mail.models import AT_LEAST_ONCE_PURPOSES, OutgoingMail
from tests import factories

K = Role.Kind
Status = RepresentationClaim.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(municipality):
    return factories.OrganisationFactory(
        municipality=municipality, name="Ukrainische Gemeinde Dresden e. V.", slug="ukraine"
    )


@pytest.fixture
def office(municipality):
    return factories.RoleFactory(municipality=municipality, kind=K.OFFICE_ADMIN).user


def claim_url(org):
    with translation.override("de"):  # unprefixed, whatever the last request's language
        return reverse("directory:claim_new", args=[org.municipality.slug, org.slug])


def register_url(municipality):
    return reverse("directory:claim_organisation", args=[municipality.slug])


def detail_url(claim):
    return reverse("directory:claim", args=[claim.municipality.slug, claim.pk])


def refuse_url(claim):
    return reverse("directory:claim_refuse", args=[claim.municipality.slug, claim.pk])


def confirm_link(mail):
    return re.search(r"https?://[^/\s]+(/\S+/anfrage/\S+/)", mail.body_text).group(1)


def ask_anonymously(client, org, email="olena@example.org", prefix="", **more):
    data = {"full_name": "Olena Koval", "email": email, "message": "Ich bin Vorsitzende."}
    return client.post(prefix + claim_url(org), {**data, **more})


# --- Asking -------------------------------------------------------------------------------


def test_without_an_account_the_request_waits_for_the_confirmed_address(
    client, organisation, office
):
    response = ask_anonymously(client, organisation)
    assert response.status_code == 200
    assert "olena@example.org" in response.content.decode()
    claim = RepresentationClaim.objects.get()
    assert (claim.status, claim.user, claim.email) == (
        Status.UNCONFIRMED,
        None,
        "olena@example.org",
    )
    assert not User.objects.filter(email="olena@example.org").exists()  # no account yet
    mail = OutgoingMail.objects.get()
    assert (mail.to, mail.purpose) == ("olena@example.org", "representation_claim_confirm")
    assert "representation_claim_confirm" in AT_LEAST_ONCE_PURPOSES
    # The office does not see it before it is confirmed.
    client.force_login(office)
    assert detail_url(claim) not in client.get(reverse("accounts:dashboard")).content.decode()
    assert client.get(detail_url(claim)).status_code == 404
    client.logout()
    # The link's page has a button; only its POST confirms (mail scanners follow links).
    link = confirm_link(mail)
    assert client.get(link).status_code == 200
    claim.refresh_from_db()
    assert claim.status == Status.UNCONFIRMED
    page = client.post(link).content.decode()
    assert 'id="claim-confirmed"' in page
    claim.refresh_from_db()
    assert claim.status == Status.PENDING
    client.post(link)  # a second confirmation changes nothing
    assert RepresentationClaim.objects.get().status == Status.PENDING
    client.force_login(office)
    assert detail_url(claim) in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_forged_expired_or_foreign_link_confirms_nothing(
    client, organisation, other_municipality, settings
):
    ask_anonymously(client, organisation)
    claim = RepresentationClaim.objects.get()
    link = confirm_link(OutgoingMail.objects.get())
    assert client.post(link[:-3] + "xx/").status_code == 404
    foreign = link.replace(f"/{organisation.municipality.slug}/", f"/{other_municipality.slug}/")
    assert client.post(foreign).status_code == 404
    RepresentationClaim.objects.filter(pk=claim.pk).update(created_at=timezone.now())
    token = link.rstrip("/").rsplit("/", 1)[1]
    from django.core import signing

    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + timedelta(days=claims.CONFIRM_DAYS, hours=1)
        patch.setattr(signing.time, "time", lambda: later.timestamp())
        assert claims.claim_from_token(token, organisation.municipality) is None
    assert claims.claim_from_token(token, organisation.municipality) == claim
    claim.refresh_from_db()
    assert claim.status == Status.UNCONFIRMED


def test_a_logged_in_person_asks_in_one_step(client, organisation, municipality):
    person = factories.RoleFactory(
        municipality=municipality, kind=K.MODERATOR, user__full_name=""
    ).user
    client.force_login(person)
    form = client.get(claim_url(organisation)).context["form"]
    assert set(form.fields) == {"message"}  # name and address come from the account
    response = client.post(claim_url(organisation), {"message": "Bitte freischalten."})
    assert response.status_code == 200
    claim = RepresentationClaim.objects.get()
    assert (claim.status, claim.user, claim.email) == (Status.PENDING, person, person.email)
    assert claim.full_name == person.email  # the account has no name: its address stands in
    assert not OutgoingMail.objects.exists()


def test_registering_a_new_organisation_creates_it_unpublished_and_unverified(client, municipality):
    data = {
        "name": "Vietnamesischer Kulturverein",
        "type": "migrant",
        "district": "Prohlis",
        "founded_in": "1995",
        "full_name": "Minh Nguyen",
        "email": "Minh@Example.org",
        "message": "",
    }
    assert client.post(register_url(municipality), data).status_code == 200
    claim = RepresentationClaim.objects.get()
    assert claim.organisation is None and claim.is_new_organisation
    assert not Organisation.objects.exists()  # not before the address is confirmed
    client.post(confirm_link(OutgoingMail.objects.get()))
    claim.refresh_from_db()
    org = claim.organisation
    assert claim.status == Status.PENDING and claim.email == "minh@example.org"
    assert (org.name, org.type, org.district, org.founded_in) == (
        "Vietnamesischer Kulturverein",
        "migrant",
        "Prohlis",
        1995,
    )
    assert (org.is_published, org.is_verified, org.slug) == (
        False,
        False,
        "vietnamesischer-kulturverein",
    )
    assert client.get(org.get_absolute_url()).status_code == 404  # not public


@pytest.mark.parametrize(
    "data, field",
    [
        ({"email": "kaputt"}, "email"),
        ({"email": ""}, "email"),
        ({"full_name": ""}, "full_name"),
        ({"full_name": "x" * 201}, "full_name"),
        ({"message": "x" * 2001}, "message"),
    ],
)
def test_bad_input_is_a_clear_error_and_saves_nothing(client, organisation, data, field):
    response = ask_anonymously(client, organisation, **data)
    assert response.status_code == 400
    assert f'id="id_{field}-error"' in response.content.decode()
    assert not RepresentationClaim.objects.exists() and not OutgoingMail.objects.exists()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"founded_in": "99999999999999999999"}, "founded_in"),
        ({"founded_in": "1200"}, "founded_in"),
        ({"type": "sekte"}, "type"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_input_for_a_new_organisation(client, municipality, data, field):
    base = {"name": "Neuer Verein", "type": "migrant", "full_name": "A B", "email": "a@example.org"}
    response = client.post(register_url(municipality), {**base, **data})
    assert response.status_code == 400
    assert f'id="id_{field}-error"' in response.content.decode()
    assert not RepresentationClaim.objects.exists() and not Organisation.objects.exists()


def test_english_error_in_english(client, organisation):
    url = "/en" + claim_url(organisation)
    response = client.post(url, {"full_name": "Olena", "email": "kaputt"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()


def test_a_second_request_for_the_same_organisation_is_refused(client, organisation, municipality):
    person = factories.UserFactory()
    client.force_login(person)
    client.post(claim_url(organisation), {"message": "Erste"})
    response = client.post("/en" + claim_url(organisation), {"message": "Zweite"})
    assert response.status_code == 409
    assert "already asked to represent this organisation" in response.content.decode()
    assert RepresentationClaim.objects.count() == 1
    # Without an account: the second confirmed request is told the same.
    client.logout()
    for _ in range(2):
        ask_anonymously(client, organisation, email="zwei@example.org", prefix="/en")
    first, second = [confirm_link(m) for m in OutgoingMail.objects.order_by("pk")]
    client.post(first)
    page = client.post(second)
    assert page.status_code == 409
    assert "already asked" in page.content.decode()
    pending = RepresentationClaim.objects.pending().filter(email="zwei@example.org")
    assert pending.count() == 1


def test_a_representative_cannot_ask_again(client, organisation, municipality):
    representative = factories.RoleFactory(
        municipality=municipality, kind=K.ORGANISATION_REPRESENTATIVE, organisations=[organisation]
    ).user
    client.force_login(representative)
    response = client.post("/en" + claim_url(organisation), {"message": ""})
    assert response.status_code == 409
    assert "You already represent this organisation." in response.content.decode()
    assert not RepresentationClaim.objects.exists()


def test_unpublished_or_foreign_organisations_cannot_be_asked_for(
    client, organisation, other_municipality
):
    foreign = factories.OrganisationFactory(municipality=other_municipality, slug="fremd")
    url = reverse("directory:claim_new", args=[organisation.municipality.slug, foreign.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"full_name": "A", "email": "a@example.org"}).status_code == 404
    assert not RepresentationClaim.objects.exists()
    # Under its own municipality's address it is asked for there.
    assert ask_anonymously(client, foreign).status_code == 200
    assert RepresentationClaim.objects.get().municipality == other_municipality
    Organisation.objects.filter(pk=organisation.pk).update(is_published=False)
    assert ask_anonymously(client, organisation).status_code == 404
    assert RepresentationClaim.objects.filter(organisation=organisation).count() == 0


# --- Deciding -----------------------------------------------------------------------------


@pytest.fixture
def pending(client, organisation):
    ask_anonymously(client, organisation)
    client.post(confirm_link(OutgoingMail.objects.get()))
    OutgoingMail.objects.all().delete()
    return RepresentationClaim.objects.get()


def test_the_office_sees_the_request_one_link_from_the_organisation(
    client, office, pending, organisation
):
    client.force_login(office)
    profile = client.get(organisation.get_absolute_url()).content.decode()
    assert detail_url(pending) in profile
    page = client.get("/en" + detail_url(pending)).content.decode()
    assert "Olena Koval" in page and "Ich bin Vorsitzende." in page
    assert "The organisation has no representative yet." in page
    assert 'id="claim-has-representatives"' not in page
    # The public and other people never see it.
    client.logout()
    assert detail_url(pending) not in client.get(organisation.get_absolute_url()).content.decode()


def test_the_office_is_told_clearly_when_the_organisation_has_representatives(
    client, office, pending, organisation, municipality
):
    factories.RoleFactory(
        municipality=municipality,
        kind=K.ORGANISATION_REPRESENTATIVE,
        organisations=[organisation],
        user__full_name="Taras Bestehend",
    )
    client.force_login(office)
    page = client.get("/en" + detail_url(pending)).content.decode()
    assert 'id="claim-has-representatives"' in page
    assert "already has 1 representative" in page and "Taras Bestehend" in page


def test_verifying_gives_a_new_account_the_role_and_mails_a_password_link(
    client, office, pending, organisation
):
    client.force_login(office)
    response = client.post(detail_url(pending), {"confirm": "yes", "mark_verified": "on"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by) == (Status.VERIFIED, office)
    user = User.objects.get(email="olena@example.org")
    assert not user.has_usable_password() and user.full_name == "Olena Koval"
    role = user.roles.get()
    assert (role.kind, list(role.organisations.all())) == (
        K.ORGANISATION_REPRESENTATIVE,
        [organisation],
    )
    organisation.refresh_from_db()
    assert organisation.is_verified and organisation.verified_at is not None
    mail = OutgoingMail.objects.get()
    assert (mail.to, mail.purpose) == ("olena@example.org", "representation_claim_verified")
    assert "/konto/passwort-neu/" in mail.body_text
    assert reverse("directory:hub", args=[organisation.municipality.slug, organisation.slug]) in (
        mail.body_text
    )
    # Deciding again changes nothing and sends nothing.
    client.post(detail_url(pending), {"confirm": "yes"})
    assert OutgoingMail.objects.count() == 1


def test_verifying_needs_the_confirmation_form(client, office, pending):
    client.force_login(office)
    response = client.post(detail_url(pending), {"mark_verified": "on"})
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == Status.PENDING and not OutgoingMail.objects.exists()


def test_verifying_a_logged_in_persons_request_adds_the_role_to_their_account(
    client, office, organisation, municipality
):
    other = factories.OrganisationFactory(municipality=municipality)
    person = factories.RoleFactory(
        municipality=municipality, kind=K.ORGANISATION_REPRESENTATIVE, organisations=[other]
    ).user
    claim = claims.submit_claim(municipality, organisation=organisation, user=person)
    claims.verify_claim(claim, by=office, mark_verified=False)
    role = person.roles.get()
    assert set(role.organisations.all()) == {other, organisation}
    organisation.refresh_from_db()
    assert not organisation.is_verified
    mail = OutgoingMail.objects.get()
    assert "/konto/passwort-neu/" not in mail.body_text


def test_verifying_a_new_organisation_may_publish_it(client, office, municipality):
    claim = claims.submit_claim(
        municipality,
        new_organisation={"name": "Neuer Verein", "type": "migrant", "district": ""},
        user=factories.UserFactory(),
    )
    client.force_login(office)
    client.post(detail_url(claim), {"confirm": "yes", "mark_verified": "on", "publish": "on"})
    org = Organisation.objects.get(name="Neuer Verein")
    assert org.is_published and org.is_verified


def test_refusing_needs_a_reason_then_mails_it(client, office, pending, organisation):
    client.force_login(office)
    page = client.get(refuse_url(pending)).content.decode()
    assert "olena@example.org" in page  # says who is mailed
    response = client.post(refuse_url(pending), {"reason": " "})
    assert response.status_code == 400 and 'id="id_reason-error"' in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Status.PENDING and not OutgoingMail.objects.exists()
    assert client.post(refuse_url(pending), {"reason": "Nicht bekannt."}).status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.refusal_reason) == (Status.REFUSED, "Nicht bekannt.")
    mail = OutgoingMail.objects.get()
    assert (mail.to, mail.purpose) == ("olena@example.org", "representation_claim_refused")
    assert "Nicht bekannt." in mail.body_text
    assert not User.objects.filter(email="olena@example.org").exists()


def test_refusing_a_new_organisation_deletes_it(office, municipality):
    claim = claims.submit_claim(
        municipality,
        new_organisation={"name": "Scheinverein", "type": "other"},
        user=factories.UserFactory(),
    )
    claims.refuse_claim(claim, by=office, reason="Gibt es nicht.")
    assert not Organisation.objects.filter(name="Scheinverein").exists()
    claim.refresh_from_db()
    assert claim.status == Status.REFUSED and claim.organisation_name == "Scheinverein"


def test_the_mails_are_in_the_persons_language(client, organisation, office):
    client.post(
        "/en" + claim_url(organisation),
        {"full_name": "Olena", "email": "olena@example.org", "message": ""},
    )
    mail = OutgoingMail.objects.get()
    assert mail.language == "en" and mail.subject == "Please confirm your request"
    assert "/en/" in confirm_link(mail)
    client.post(confirm_link(mail))
    claim = RepresentationClaim.objects.get()
    claims.refuse_claim(claim, by=office, reason="Nein.")
    refusal = OutgoingMail.objects.get(purpose="representation_claim_refused")
    assert refusal.subject == f"Your request about {organisation.name}"


@pytest.mark.parametrize(
    "who", ["foreign_office", "foreign_representative", "representative", "anonymous"]
)
def test_only_the_own_office_sees_and_decides(
    client, who, pending, organisation, municipality, other_municipality
):
    if who == "foreign_office":
        user = factories.RoleFactory(municipality=other_municipality, kind=K.OFFICE_ADMIN).user
    elif who == "foreign_representative":
        user = factories.RoleFactory(
            municipality=other_municipality,
            kind=K.ORGANISATION_REPRESENTATIVE,
            organisations=[factories.OrganisationFactory(municipality=other_municipality)],
        ).user
    elif who == "representative":
        user = factories.RoleFactory(
            municipality=municipality,
            kind=K.ORGANISATION_REPRESENTATIVE,
            organisations=[organisation],
        ).user
    if who != "anonymous":
        client.force_login(user)
    expected = {"anonymous": 302, "representative": 403}.get(who, 403)
    for url in (detail_url(pending), refuse_url(pending)):
        assert client.get(url).status_code == expected
    assert client.post(detail_url(pending), {"confirm": "yes"}).status_code == expected
    assert client.post(refuse_url(pending), {"reason": "nein"}).status_code == expected
    # Under their own municipality's address the request is not found at all.
    if who.startswith("foreign"):
        own = reverse("directory:claim", args=[other_municipality.slug, pending.pk])
        assert client.get(own).status_code == 404
        assert client.post(own, {"confirm": "yes"}).status_code == 404
        workspace = client.get(reverse("accounts:dashboard")).content.decode()
        assert "Olena Koval" not in workspace
    pending.refresh_from_db()
    assert pending.status == Status.PENDING and not OutgoingMail.objects.exists()
    assert not User.objects.filter(email="olena@example.org").exists()


def test_an_operator_address_is_never_given_the_role(office, organisation, municipality):
    operator = factories.UserFactory(is_superuser=True, email="operator@example.org")
    claim = RepresentationClaim.objects.create(
        municipality=municipality,
        organisation=organisation,
        email=operator.email,
        full_name="X",
        status=Status.PENDING,
    )
    with pytest.raises(claims.ClaimError):
        claims.verify_claim(claim, by=office)
    assert not operator.roles.exists()
    claim.refresh_from_db()
    assert claim.status == Status.PENDING


def test_purge_forgets_old_requests(organisation, municipality, office):
    now = timezone.now()
    old = dict(municipality=municipality, organisation=organisation, full_name="X")
    stale = RepresentationClaim.objects.create(
        **old, email="a@example.org", created_at=now - timedelta(days=8)
    )
    fresh = RepresentationClaim.objects.create(**old, email="b@example.org")
    decided = RepresentationClaim.objects.create(
        **old,
        email="c@example.org",
        status=Status.REFUSED,
        decided_at=now - timedelta(days=claims.KEEP_DECIDED_DAYS + 1),
    )
    waiting = RepresentationClaim.objects.create(
        **old, email="d@example.org", status=Status.PENDING, created_at=now - timedelta(days=400)
    )
    assert claims.purge_claims(now) == 2
    left = set(RepresentationClaim.objects.values_list("pk", flat=True))
    assert left == {fresh.pk, waiting.pk}
    assert stale.pk not in left and decided.pk not in left
    from teilhabe.worker.schedule import SCHEDULE

    assert ("teilhabe.directory.tasks.purge_claims", "%Y-%m-%d") in SCHEDULE


def test_the_link_does_not_reopen_a_decided_request(client, office, organisation):
    ask_anonymously(client, organisation, prefix="/en")
    link = confirm_link(OutgoingMail.objects.get())
    client.post(link)
    claim = RepresentationClaim.objects.get()
    claims.refuse_claim(claim, by=office, reason="Nein.")
    page = client.post(link).content.decode()
    assert "The integration office has already decided on this request." in page
    claim.refresh_from_db()
    assert claim.status == Status.REFUSED
