"""The public pages of consultations and drafts: the list and a consultation, a draft
with its table of contents, language versions and comments (a fixed number of
queries), original files, what changed between versions; unpublished and foreign
things stay hidden."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.models import Role
from teilhabe.consultation.drafts import word_diff
from teilhabe.consultation.models import Comment
from tests import factories
from tests.plan.factories import ConceptCycleFactory

from .factories import (
    CommentFactory,
    CommentReportFactory,
    ConsultationFactory,
    DraftFactory,
    DraftFileFactory,
    SectionFactory,
    docx_bytes,
    pdf_upload,
)


def url(name, municipality="dresden", **kwargs):
    """The German address (no language prefix), whatever language a request activated."""
    with translation.override("de"):
        return reverse(f"consultation:{name}", kwargs={"municipality": municipality, **kwargs})


def open_consultation(municipality, **kwargs):
    today = timezone.localdate()
    cycle = ConceptCycleFactory(municipality=municipality, slug="ik")
    return ConsultationFactory(
        cycle=cycle,
        slug="analyse",
        title={"de": "Beteiligung zur Analyse", "en": "Consultation on the analysis"},
        starts_on=today - timedelta(days=3),
        ends_on=today + timedelta(days=3),
        **kwargs,
    )


def draft_with_sections(consultation, version=1, count=3, **kwargs):
    draft = DraftFactory(
        consultation=consultation,
        version=version,
        title={"de": "Analyse", "en": "Analysis", "de-x-simple": "Analyse leicht"},
        **kwargs,
    )
    SectionFactory(
        draft=draft, key="kapitel-1", position=0, number="1", level=1, heading="Einleitung"
    )
    for n in range(count):
        SectionFactory(
            draft=draft,
            key=f"abschnitt-{n}",
            position=n + 1,
            number=f"1.{n + 1}",
            heading={"de": f"Sprache {n}", "en": f"Language {n}"},
            text={
                "de": f"Deutschkurse für alle {n}.",
                "en": f"German courses for all {n}.",
                "de-x-simple": f"Alle sollen Deutsch lernen {n}.",
            },
        )
    return draft


@pytest.fixture
def consultation(municipality):
    return open_consultation(municipality)


@pytest.fixture
def draft(consultation):
    return draft_with_sections(consultation)


def office_admin(municipality):
    return factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user


# --- List and consultation ---------------------------------------------------------------


def test_list_shows_published_consultations_by_cycle(client, consultation, municipality):
    ConsultationFactory(cycle=consultation.cycle, title="Geheime Beteiligung", is_published=False)
    other = ConsultationFactory(
        cycle=ConceptCycleFactory(municipality=factories.MunicipalityFactory(slug="leipzig")),
        title="Leipziger Beteiligung",
    )
    page = client.get(url("list")).content.decode()
    assert "Beteiligung zur Analyse" in page
    assert str(consultation.cycle.title) in page
    assert "Geheime Beteiligung" not in page
    assert str(other.title) not in page


def test_consultation_page(client, consultation, draft, municipality):
    from tests.events.factories import EventFactory

    consultation.events.add(EventFactory(municipality=municipality, title="Werkstatt Analyse"))
    DraftFileFactory(draft=draft, language="en")
    response = client.get(url("detail", consultation="analyse"))
    page = response.content.decode()
    assert 'id="comment-state">Kommentare sind jetzt möglich.' in page
    assert "Werkstatt Analyse" in page
    assert url("draft", consultation="analyse", version=1) in page
    assert url("draft_file", consultation="analyse", version=1, language="en") in page
    assert "moderation-link" not in page


def test_consultation_page_says_when_comments_are_closed(client, consultation):
    consultation.ends_on = timezone.localdate() - timedelta(days=1)
    consultation.save()
    page = client.get(url("detail", consultation="analyse")).content.decode()
    with translation.override("de"):
        closed = translation.gettext("Comments are closed now.")
    assert f'id="comment-state">{closed}' in page


def test_unpublished_consultation_and_draft_are_hidden_from_the_public(
    client, consultation, draft, municipality
):
    hidden = draft_with_sections(consultation, version=2, is_published=False)
    assert client.get(url("draft", consultation="analyse", version=2)).status_code == 404
    assert client.get(url("draft_changes", consultation="analyse", version=2)).status_code == 404
    page = client.get(url("detail", consultation="analyse")).content.decode()
    assert url("draft", consultation="analyse", version=2) not in page
    DraftFileFactory(draft=hidden)
    assert (
        client.get(url("draft_file", consultation="analyse", version=2, language="de")).status_code
        == 404
    )
    consultation.is_published = False
    consultation.save()
    assert client.get(url("detail", consultation="analyse")).status_code == 404
    assert client.get(url("draft", consultation="analyse", version=1)).status_code == 404
    # The office sees both, marked.
    client.force_login(office_admin(municipality))
    assert client.get(url("draft", consultation="analyse", version=2)).status_code == 200


def test_another_municipalitys_office_does_not_see_unpublished_drafts(
    client, consultation, municipality
):
    draft_with_sections(consultation, version=2, is_published=False)
    leipzig = factories.MunicipalityFactory(slug="leipzig")
    client.force_login(office_admin(leipzig))
    assert client.get(url("draft", consultation="analyse", version=2)).status_code == 404
    assert client.get(url("draft", "leipzig", consultation="analyse", version=2)).status_code == 404


# --- The draft ----------------------------------------------------------------------------


def test_draft_shows_contents_sections_and_published_comments(client, draft):
    section = draft.sections.get(key="abschnitt-1")
    shown = CommentFactory(section=section, text="Mehr Kurse am Abend.", name="Amira")
    CommentFactory(section=shown.section, parent=shown, text="Ja, unbedingt.", name="")
    CommentFactory(section=section, text="Wartet noch.", status=Comment.Status.PENDING)
    CommentFactory(section=section, text="Versteckt.", status=Comment.Status.HIDDEN)
    page = client.get(url("draft", consultation="analyse", version=1)).content.decode()
    toc = page.split('id="toc-heading"')[1].split("</nav>")[0]
    assert 'href="#abschnitt-kapitel-1"' in toc and 'href="#abschnitt-abschnitt-2"' in toc
    assert '<h2 class="kern-heading-large" id="abschnitt-kapitel-1">' in page
    assert '<h3 class="kern-heading-medium" id="abschnitt-abschnitt-1">' in page
    assert "Deutschkurse für alle 1." in page
    assert "Mehr Kurse am Abend." in page and "Amira" in page
    assert "Ja, unbedingt." in page
    assert "Wartet noch." not in page and "Versteckt." not in page
    comment_url = url("comment", consultation="analyse", version=1, key="abschnitt-1")
    assert f'href="{comment_url}"' in page
    assert f"{comment_url}?antwort={shown.public_id}" in page


def test_comment_text_is_escaped(client, draft):
    CommentFactory(
        section=draft.sections.get(key="abschnitt-0"), text='<script>alert("x")</script>'
    )
    page = client.get(url("draft", consultation="analyse", version=1)).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_draft_follows_the_reader_language_with_fallback(client, draft):
    page = client.get("/en" + url("draft", consultation="analyse", version=1)).content.decode()
    assert "German courses for all 0." in page
    # The chapter has no English heading: shown in German, marked.
    assert re.search(r'<span lang="de" dir="auto">Einleitung</span> <small', page)
    simple = client.get(
        "/de-x-simple" + url("draft", consultation="analyse", version=1)
    ).content.decode()
    assert "Alle sollen Deutsch lernen 0." in simple


def test_language_version_chooser(client, draft):
    page = client.get(url("draft", consultation="analyse", version=1)).content.decode()
    chooser = page.split('id="versions-heading"')[1].split("</nav>")[0]
    assert 'href="?fassung=en"' in chooser and 'href="?fassung=de-x-simple"' in chooser
    english = client.get(
        url("draft", consultation="analyse", version=1) + "?fassung=en"
    ).content.decode()
    assert "German courses for all 0." in english
    assert "Deutschkurse für alle 0." not in english
    # The interface stays German.
    assert "Inhalt" in english or "Contents" not in english
    unknown = client.get(url("draft", consultation="analyse", version=1) + "?fassung=xx")
    assert "Deutschkurse für alle 0." in unknown.content.decode()


@pytest.mark.parametrize("as_admin", [False, True], ids=["public", "office admin"])
def test_draft_query_count_is_constant(client, municipality, settings, as_admin):
    small = open_consultation(municipality)
    small_draft = draft_with_sections(small, count=3)
    for section in small_draft.sections.all()[:1]:
        CommentFactory(section=section)
    big = ConsultationFactory(
        cycle=small.cycle, slug="gross", starts_on=small.starts_on, ends_on=small.ends_on
    )
    big_draft = draft_with_sections(big, count=60)
    draft_with_sections(big, version=2, count=60)
    DraftFileFactory(draft=big_draft)
    for section in big_draft.sections.all():
        parent = CommentFactory(section=section)
        CommentFactory(section=section, parent=parent)
        CommentFactory(section=section, status=Comment.Status.PENDING)
    if as_admin:
        client.force_login(office_admin(municipality))
    client.get(url("draft", consultation="analyse", version=1) + "?n=warm")  # translations
    counts = []
    for slug, version in (("analyse", 1), ("gross", 1), ("gross", 2)):
        with CaptureQueriesContext(connection) as queries:
            # Another reader each time: no page from the cache.
            response = client.get(
                url("draft", consultation=slug, version=version) + f"?n={len(counts)}"
            )
        assert response.status_code == 200
        assert response.content.decode().count("comment-button") >= 3
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts


def test_draft_file_is_the_original_document(client, draft):
    DraftFileFactory(
        draft=draft,
        language="en",
        upload=pdf_upload("analysis.pdf"),
    )
    DraftFileFactory(
        draft=draft,
        language="de",
        upload=__import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
            "analyse.docx", docx_bytes()
        ),
    )
    response = client.get(url("draft_file", consultation="analyse", version=1, language="en"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "analysis.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    missing = client.get(url("draft_file", consultation="analyse", version=1, language="ar"))
    assert missing.status_code == 404


# --- What changed ---------------------------------------------------------------------------


def test_word_diff_marks_removed_and_added_words_with_text():
    html = word_diff("Mehr Kurse am Abend", "Mehr <b>Kurse</b> am Wochenende")
    assert '<del><span class="sr-only">' in html and "Abend</del>" in html
    assert "<ins>" in html and "Wochenende</ins>" in html
    assert "&lt;b&gt;Kurse&lt;/b&gt;" in html
    assert "<b>" not in html


def test_changes_between_versions(client, consultation, draft):
    second = DraftFactory(consultation=consultation, version=2, title="Analyse 2")
    SectionFactory(
        draft=second, key="kapitel-1", position=0, number="1", level=1, heading="Einleitung"
    )
    SectionFactory(
        draft=second,
        key="abschnitt-0",
        position=1,
        number="1.1",
        heading="Sprache 0",
        text="Deutschkurse für alle 0.",
    )
    SectionFactory(
        draft=second,
        key="abschnitt-1",
        position=2,
        number="1.2",
        heading="Sprache 1",
        text="Deutschkurse am Abend für alle 1.",
    )
    SectionFactory(
        draft=second,
        key="neu",
        position=3,
        number="1.3",
        heading="Arbeit",
        text="Anerkennung von Abschlüssen.",
    )
    page = client.get(url("draft_changes", consultation="analyse", version=2)).content.decode()
    assert "Anerkennung von Abschlüssen." in page
    assert re.search(r"<ins><span class=\"sr-only\">[^<]*</span>am Abend\s*</ins>", page) or (
        "am Abend" in page.split("<ins>")[1]
    )
    # abschnitt-2 is gone.
    assert "Deutschkurse für alle 2." in page
    removed = page.split("Deutschkurse für alle 2.")[0].rsplit("<section", 1)[1]
    assert "draft-change--removed" in removed
    # Unchanged sections are not listed.
    assert "Deutschkurse für alle 0." not in page
    # The first version has nothing to compare with.
    assert client.get(url("draft_changes", consultation="analyse", version=1)).status_code == 404
    draft_page = client.get(url("draft", consultation="analyse", version=2)).content.decode()
    assert url("draft_changes", consultation="analyse", version=2) in draft_page


# --- The office edits consultations and drafts ------------------------------------------


@pytest.fixture
def office_client(client, municipality):
    client.force_login(office_admin(municipality))
    return client


def consultation_data(the_cycle, **overrides):
    data = {
        "cycle": the_cycle.pk,
        "title_de": "Beteiligung 2027",
        "slug": "beteiligung-2027",
        "description_de": "Worum es geht.",
        "starts_on": "2027-06-01",
        "ends_on": "2027-07-31",
        "access": "open",
        "moderation": "pre",
    }
    return {**data, **overrides}


def test_office_creates_a_consultation(office_client, municipality):
    from teilhabe.consultation.models import Consultation
    from tests.events.factories import EventFactory

    cycle = ConceptCycleFactory(municipality=municipality)
    event = EventFactory(municipality=municipality)
    organisation = factories.OrganisationFactory(municipality=municipality)
    page = office_client.get(url("list")).content.decode()
    assert url("create") in page
    response = office_client.post(
        url("create"),
        consultation_data(
            cycle,
            access="invited",
            invited_organisations=[organisation.pk],
            events=[event.pk],
        ),
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get(slug="beteiligung-2027")
    assert consultation.municipality == municipality and not consultation.is_published
    assert list(consultation.invited_organisations.all()) == [organisation]
    assert list(consultation.events.all()) == [event]


@pytest.mark.parametrize(
    "overrides",
    [
        {"ends_on": "2027-05-31"},
        {"slug": "moderation"},
        {"title_de": ""},
        {"access": "invited"},
        "foreign organisation",
        "foreign event",
        "foreign cycle",
        "taken slug",
    ],
    ids=[
        "period",
        "reserved slug",
        "no title",
        "invited without organisations",
        "org",
        "event",
        "cycle",
        "taken slug",
    ],
)
def test_office_form_refuses_bad_input(office_client, municipality, overrides):
    from teilhabe.consultation.models import Consultation
    from tests.events.factories import EventFactory

    cycle = ConceptCycleFactory(municipality=municipality)
    leipzig = factories.MunicipalityFactory(slug="leipzig")
    if overrides == "foreign organisation":
        organisation = factories.OrganisationFactory(municipality=leipzig)
        overrides = {"access": "invited", "invited_organisations": [organisation.pk]}
    elif overrides == "foreign event":
        overrides = {"events": [EventFactory(municipality=leipzig).pk]}
    elif overrides == "foreign cycle":
        overrides = {"cycle": ConceptCycleFactory(municipality=leipzig).pk}
    elif overrides == "taken slug":
        ConsultationFactory(cycle=cycle, slug="beteiligung-2027", title="Schon da")
        overrides = {}
    response = office_client.post(url("create"), consultation_data(cycle, **overrides))
    assert response.status_code == 400
    assert 'id="form-errors"' in response.content.decode()
    assert not Consultation.objects.exclude(title__de="Schon da").exists()


def test_only_the_office_of_the_municipality_edits(client, consultation, draft, municipality):
    address = url("edit", consultation="analyse")
    draft_address = url("draft_edit", consultation="analyse", version=1)
    assert client.get(address).status_code == 302  # to the login
    leipzig = factories.MunicipalityFactory(slug="leipzig")
    for user in (
        office_admin(leipzig),
        factories.RoleFactory(municipality=municipality, kind=Role.Kind.MODERATOR).user,
    ):
        client.force_login(user)
        assert client.get(address).status_code == 403
        data = {"action": "draft", "title_de": "Gekapert", "is_published": "on"}
        assert client.post(draft_address, data).status_code == 403
    client.force_login(office_admin(leipzig))
    foreign = url("draft_edit", "leipzig", consultation="analyse", version=1)
    assert client.post(foreign, {"action": "draft", "title_de": "Gekapert"}).status_code == 404
    assert client.post(url("edit", "leipzig", consultation="analyse"), {}).status_code == 404
    draft.refresh_from_db()
    assert str(draft.title) == "Analyse"


def test_office_links_from_the_consultation_page(office_client, consultation, draft):
    page = office_client.get(url("detail", consultation="analyse")).content.decode()
    assert url("edit", consultation="analyse") in page
    assert url("draft_edit", consultation="analyse", version=1) in page


def test_new_version_is_a_copy_with_the_same_keys(office_client, consultation, draft):
    response = office_client.post(
        url("edit", consultation="analyse"), {"action": "new_version", "copy": "on"}
    )
    assert response.status_code == 302
    second = consultation.drafts.get(version=2)
    assert not second.is_published
    keys = list(second.sections.order_by("position").values_list("key", flat=True))
    assert keys == list(draft.sections.order_by("position").values_list("key", flat=True))
    assert response["Location"] == url("draft_edit", consultation="analyse", version=2)


@pytest.mark.django_db(transaction=True)
def test_two_new_versions_at_the_same_moment_get_different_numbers(municipality):
    from teilhabe.consultation.drafts import new_version
    from tests.simultaneous import run_at_once

    consultation = open_consultation(municipality)
    draft_with_sections(consultation)
    drafts = run_at_once([lambda: new_version(consultation)] * 2)
    assert sorted(d.version for d in drafts) == [2, 3]


STRUCTURED = """# 1 Einleitung
Worum es geht.

## 1.1 Sprache
Mehr Kurse.
Auch am Abend.

## 1.2 Arbeit
Anerkennung.
"""


def test_import_structured_text(office_client, consultation):
    draft = DraftFactory(consultation=consultation, version=1)
    address = url("draft_edit", consultation="analyse", version=1)
    response = office_client.post(
        address, {"action": "import", "language": "de", "text": STRUCTURED}
    )
    assert response.status_code == 302
    sections = list(draft.sections.order_by("position"))
    assert [(s.level, s.number, str(s.heading)) for s in sections] == [
        (1, "1", "Einleitung"),
        (2, "1.1", "Sprache"),
        (2, "1.2", "Arbeit"),
    ]
    assert sections[1].text.text("de") == "Mehr Kurse.\nAuch am Abend."
    keys = [s.key for s in sections]
    # Edited again: a renamed section keeps its key, a new one gets one.
    edited = STRUCTURED.replace("## 1.2 Arbeit", "## 1.2 Arbeit und Beruf") + "## 1.3 Wohnen\n"
    office_client.post(address, {"action": "import", "language": "de", "text": edited})
    again = list(draft.sections.order_by("position"))
    assert [s.key for s in again][:3] == keys and len(again) == 4
    # The English version fills in the translation.
    english = "# 1 Introduction\nWhat it is about.\n## 1.1 Language\nMore courses.\n"
    english += "## 1.2 Work\nRecognition.\n## 1.3 Housing\n"
    office_client.post(address, {"action": "import", "language": "en", "text": english})
    assert draft.sections.get(key=keys[1]).text.text("en") == "More courses."


def test_import_errors(office_client, consultation):
    draft = DraftFactory(consultation=consultation, version=1)
    address = url("draft_edit", consultation="analyse", version=1)
    for text in ("Kein Titel.\n# 1 Danach", ""):
        response = office_client.post(address, {"action": "import", "language": "de", "text": text})
        assert response.status_code == 400, text
    office_client.post(address, {"action": "import", "language": "de", "text": STRUCTURED})
    mismatch = office_client.post(
        address, {"action": "import", "language": "en", "text": "# 1 Introduction\n"}
    )
    assert mismatch.status_code == 400
    assert 'id="form-errors"' in mismatch.content.decode()
    # A section with comments is never dropped by an import.
    CommentFactory(section=draft.sections.get(position=2))
    dropped = office_client.post(
        address, {"action": "import", "language": "de", "text": "# 1 Einleitung\n## 1.1 Sprache\n"}
    )
    assert dropped.status_code == 400
    assert draft.sections.count() == 3


def test_upload_original_files(office_client, consultation, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    draft = DraftFactory(consultation=consultation, version=1)
    address = url("draft_edit", consultation="analyse", version=1)
    ok = office_client.post(address, {"action": "file", "language": "de", "file": pdf_upload()})
    assert ok.status_code == 302
    assert draft.files.get().content_type == "application/pdf"
    settings.TEILHABE_UPLOAD_MAX_BYTES = 10
    too_large = office_client.post(
        address, {"action": "file", "language": "en", "file": pdf_upload("big.pdf")}
    )
    assert too_large.status_code == 400
    settings.TEILHABE_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    wrong = office_client.post(
        address,
        {"action": "file", "language": "en", "file": SimpleUploadedFile("a.exe", b"MZ")},
    )
    assert wrong.status_code == 400
    liar = office_client.post(
        address,
        {"action": "file", "language": "en", "file": SimpleUploadedFile("a.pdf", b"<html>")},
    )
    assert liar.status_code == 400 and 'id="form-errors"' in liar.content.decode()
    assert draft.files.count() == 1
    # Another upload in the same language replaces the file.
    office_client.post(
        address,
        {"action": "file", "language": "de", "file": SimpleUploadedFile("neu.docx", docx_bytes())},
    )
    assert draft.files.get().original_name == "neu.docx"


def queries_of(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(queries)


def build(municipality, slug, drafts, sections, comments):
    from tests.events.factories import EventFactory

    cycle = ConceptCycleFactory(municipality=municipality, slug=f"ik-{slug}")
    consultation = ConsultationFactory(
        cycle=cycle, slug=slug, access="invited", starts_on=date(2021, 6, 1)
    )
    for n in range(drafts):
        draft = draft_with_sections(consultation, version=n + 1, count=sections)
        DraftFileFactory(draft=draft)
        DraftFileFactory(draft=draft, language="en")
        for section in list(draft.sections.all())[:comments]:
            CommentFactory(section=section, status=Comment.Status.PENDING)
            CommentReportFactory(comment=CommentFactory(section=section))
    for _n in range(drafts):
        consultation.events.add(EventFactory(municipality=municipality))
        consultation.invited_organisations.add(
            factories.OrganisationFactory(municipality=municipality)
        )
    return consultation


@pytest.mark.parametrize("as_admin", [False, True], ids=["public", "office admin"])
def test_query_counts_do_not_grow(client, municipality, as_admin):
    build(municipality, "klein", 2, 2, 1)
    if as_admin:
        client.force_login(office_admin(municipality))
    pages = {
        "list": url("list"),
        "detail": url("detail", consultation="klein"),
        "changes": url("draft_changes", consultation="klein", version=2),
    }
    if as_admin:
        pages["moderation"] = url("moderation")
    for address in pages.values():
        client.get(address + "?warm")
    small = {name: queries_of(client, address + "?a") for name, address in pages.items()}
    build(municipality, "gross", 6, 20, 10)
    for _n in range(3):
        ConsultationFactory(cycle=ConceptCycleFactory(municipality=municipality))
    pages["detail"] = url("detail", consultation="gross")
    pages["changes"] = url("draft_changes", consultation="gross", version=2)
    large = {name: queries_of(client, address + "?b") for name, address in pages.items()}
    assert small == large
