"""factory_boy factories of the consultation. Each object takes its municipality from
the object it belongs to: ``DraftFactory(consultation=c)``, ``CommentFactory(section=s)``.
Demands are numbered by ``services.add_demand`` as in production."""

from datetime import date

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from teilhabe.consultation import documents, services
from teilhabe.consultation.models import (
    Answer,
    Comment,
    CommentReport,
    Consultation,
    DemandTag,
    Draft,
    DraftFile,
    Section,
    Statement,
    StatementFile,
)
from tests.factories import OrganisationFactory, slugify
from tests.plan.factories import ConceptCycleFactory

# The smallest files that pass ``documents.check_document``.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def pdf_upload(name="entwurf.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    cycle = factory.SubFactory(ConceptCycleFactory)
    municipality = factory.LazyAttribute(lambda o: o.cycle.municipality)
    title = factory.Sequence(lambda n: f"Beteiligung zur Analyse {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    description = "Die Stadt stellt den Entwurf zur Diskussion."
    starts_on = date(2021, 6, 1)
    ends_on = date(2021, 7, 31)
    is_published = True


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Draft

    consultation = factory.SubFactory(ConsultationFactory)
    municipality = factory.LazyAttribute(lambda o: o.consultation.municipality)
    version = factory.Sequence(lambda n: n % 90 + 1)
    title = "Analyse der kommunalen Handlungsfelder"
    published_on = date(2021, 5, 31)
    is_published = True


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    draft = factory.SubFactory(DraftFactory)
    key = factory.Sequence(lambda n: f"abschnitt-{n}")
    position = factory.Sequence(lambda n: n % 9000)
    number = factory.Sequence(lambda n: f"2.{n}")
    level = 2
    heading = factory.Sequence(lambda n: f"Abschnitt {n}")
    text = "Der Text des Abschnitts."


class DraftFileFactory(factory.django.DjangoModelFactory):
    """A stored PDF, checked as an upload is."""

    class Meta:
        model = DraftFile

    draft = factory.SubFactory(DraftFactory)
    language = "de"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        upload = kwargs.pop("upload", None) or pdf_upload()
        instance = model_class(*args, **kwargs)
        documents.store(instance, upload)
        instance.save()
        return instance


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    section = factory.SubFactory(SectionFactory)
    municipality = factory.LazyAttribute(lambda o: o.section.draft.municipality)
    text = factory.Sequence(lambda n: f"Anmerkung {n} zum Abschnitt.")
    name = "Amira"
    language = "de"
    status = Comment.Status.PUBLISHED


class CommentReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentReport

    comment = factory.SubFactory(CommentFactory)
    municipality = factory.LazyAttribute(lambda o: o.comment.municipality)
    reason = "Beleidigend."


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement
        skip_postgeneration_save = True

    cycle = factory.SubFactory(ConceptCycleFactory)
    municipality = factory.LazyAttribute(lambda o: o.cycle.municipality)
    kind = Statement.Kind.POSITION_PAPER
    title = factory.Sequence(lambda n: f"Positionspapier {n}")
    submitted_on = date(2021, 3, 17)
    basis = "Interviews mit 20 Organisationen"
    status = Statement.Status.SUBMITTED

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if not create:
            return
        organisations = extracted or [OrganisationFactory(municipality=self.municipality)]
        self.organisations.set(organisations)


class DemandTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemandTag

    municipality = factory.SubFactory("tests.factories.MunicipalityFactory")
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


def make_demand(*, text="Mehr Sprachkurse für Erwachsene.", **kwargs):
    """A demand numbered by the service; its source a new submitted statement unless
    one is given (``statement=``, ``comment=``, or ``station=`` with ``cycle=``)."""
    if not any(k in kwargs for k in ("statement", "comment", "station")):
        extra = {"cycle": kwargs["cycle"]} if "cycle" in kwargs else {}
        kwargs["statement"] = StatementFactory(**extra)
    if "cycle" not in kwargs:
        if "statement" in kwargs:
            kwargs["cycle"] = kwargs["statement"].cycle
        elif "comment" in kwargs:
            kwargs["cycle"] = kwargs["comment"].section.draft.consultation.cycle
        else:
            raise TypeError("A station's demand needs cycle=.")
    return services.add_demand(text=text, **kwargs)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    demand = factory.LazyFunction(make_demand)
    municipality = factory.LazyAttribute(lambda o: o.demand.municipality)
    outcome = Answer.Outcome.ADOPTED
    reason = "Die Stadt baut das Angebot aus."
    answered_on = date(2021, 11, 11)
    state = Answer.State.PUBLISHED


class StatementFileFactory(factory.django.DjangoModelFactory):
    """A statement's stored PDF, checked as an upload is."""

    class Meta:
        model = StatementFile

    statement = factory.SubFactory(StatementFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        upload = kwargs.pop("upload", None) or pdf_upload("positionspapier.pdf")
        instance = model_class(*args, **kwargs)
        documents.store(instance, upload)
        instance.save()
        return instance
