"""The Dresden demo's consultation (issue 11): the 2021 consultation on the draft
analysis of the municipal fields of action, the DSM position paper of 17 March 2021, the
world café stations of the 2023 conference, demands from all three and sample answers
linked to measures of the 2021–2026 plan.

From the seeds: the consultation's subject, the three workshops (27 June, 3 July,
18 July 2021), the second draft published in German, English and plain language at the
end of May 2021 (seed 001), the position paper with its basis (seed 000), the needs for
action the demands are modelled on (seed 004). Invented and marked as such: the text of
the drafts ("Beispieltext"), the comments, the wording of the demands and every answer.

Keys as in dresden.py: ``title`` is German, ``title_en`` English, ``title_simple`` plain
language."""

from datetime import date

from .dresden import CYCLE_2021, INTEGRATION_OFFICE

SAMPLE_TEXT = "Beispieltext: "
SAMPLE_TEXT_EN = "Sample text: "
SAMPLE_TEXT_SIMPLE = "Beispiel-Text: "
SAMPLE_DEMAND = "Beispieldaten (nach den Handlungsbedarfen des Umsetzungsberichts): "
SAMPLE_ANSWER = "Beispieldaten: "

CONSULTATION = {
    "slug": "analyse-2021",
    "cycle": CYCLE_2021,
    "title": "Beteiligung zur Analyse der kommunalen Handlungsfelder, Juni bis Juli 2021",
    "title_en": "Consultation on the analysis of the municipal fields of action, June to July 2021",
    "title_simple": "Mit-Reden zur Analyse der Handlungs-Felder, Juni bis Juli 2021",
    "description": (
        "Das Dresdner Integrationskonzept besteht künftig aus der „Analyse der kommunalen "
        "Handlungsfelder“ und dem „Aktionsplan Integration 2021 bis 2026“. Der zweite "
        "Entwurf der Analyse steht in Deutsch, Englisch und einfacher Sprache zur "
        "Diskussion; die drei Beteiligungsveranstaltungen „Gemeinsam. Verantwortung. "
        "Leben.“ im Rathaus diskutieren ihn und entwickeln Ziele und Maßnahmen."
    ),
    "description_en": (
        "Dresden's integration concept will consist of the analysis of the municipal fields "
        "of action and the Integration Action Plan 2021 to 2026. The second draft of the "
        "analysis is open for discussion in German, English and plain language; the three "
        "participation events in the city hall discuss it and develop goals and measures."
    ),
    "description_simple": (
        "Dresden schreibt das Integrations-Konzept neu. Es hat 2 Teile: die Analyse und den "
        "Aktions-Plan. Sie können den Entwurf der Analyse lesen. Und Sie können dazu "
        "schreiben, was Sie denken."
    ),
    "starts_on": date(2021, 6, 1),
    "ends_on": date(2021, 7, 31),
    "access": "open",
    "moderation": "pre",
    "events": ["beteiligung-2021-06-27", "beteiligung-2021-07-03", "beteiligung-2021-07-18"],
    "is_published": True,
    "is_sample": False,
}

TITLE = "Analyse der kommunalen Handlungsfelder"
TITLE_EN = "Analysis of the municipal fields of action"
TITLE_SIMPLE = "Analyse der Handlungs-Felder in Dresden"


def _section(key, number, level, heading, heading_en, heading_simple, text="", en="", simple=""):
    row = {
        "key": key,
        "number": number,
        "level": level,
        "heading": heading,
        "heading_en": heading_en,
        "heading_simple": heading_simple,
    }
    if text:
        row.update(
            text=SAMPLE_TEXT + text,
            text_en=SAMPLE_TEXT_EN + en,
            text_simple=SAMPLE_TEXT_SIMPLE + simple,
        )
    return row


_INTRODUCTION = _section("einleitung", "1", 1, "Einleitung", "Introduction", "Einleitung")
_PURPOSE_V1 = _section(
    "anlass",
    "1.1",
    2,
    "Anlass und Aufbau",
    "Purpose and structure",
    "Warum gibt es diesen Text?",
    "Die Analyse zeigt die Entwicklungen der vergangenen Jahre in den kommunalen "
    "Handlungsfeldern der Integration.",
    "The analysis shows the developments of the past years in the municipal fields of "
    "action of integration.",
    "Der Text zeigt: Was ist in den letzten Jahren passiert?",
)
_PURPOSE_V2 = {
    **_PURPOSE_V1,
    "text": SAMPLE_TEXT
    + "Die Analyse zeigt die Entwicklungen der vergangenen Jahre in den kommunalen "
    "Handlungsfeldern der Integration. Sie ist die Grundlage der Ziele und Maßnahmen des "
    "Aktionsplans Integration 2021 bis 2026.",
    "text_en": SAMPLE_TEXT_EN
    + "The analysis shows the developments of the past years in the municipal fields of "
    "action of integration. It is the basis of the goals and measures of the Integration "
    "Action Plan 2021 to 2026.",
    "text_simple": SAMPLE_TEXT_SIMPLE
    + "Der Text zeigt: Was ist in den letzten Jahren passiert? Danach plant die Stadt "
    "neue Ziele und Maßnahmen.",
}
_FIELDS = _section(
    "handlungsfelder", "2", 1, "Die Handlungsfelder", "The fields of action", "Die Themen"
)
_LANGUAGE = _section(
    "sprache-bildung",
    "2.1",
    2,
    "Sprache und Bildung",
    "Language and education",
    "Sprache und Lernen",
    "Mehr Kinder wachsen mehrsprachig auf. Sprachkurse für Erwachsene reichen nicht aus.",
    "More children grow up with several languages. There are not enough language courses "
    "for adults.",
    "Viele Kinder sprechen mehrere Sprachen. Es gibt zu wenige Sprach-Kurse für Erwachsene.",
)
_HEALTH_V1 = _section(
    "soziales-gesundheit",
    "2.2",
    2,
    "Soziales, Wohnen und Gesundheit",
    "Social affairs, housing and health",
    "Wohnen und Gesundheit",
    "Geflüchtete finden schwer eine Wohnung.",
    "Refugees find it hard to rent a flat.",
    "Geflüchtete finden schwer eine Wohnung.",
)
_HEALTH_V2 = {
    **_HEALTH_V1,
    "text": SAMPLE_TEXT
    + "Geflüchtete finden schwer eine Wohnung. Für traumatisierte Geflüchtete fehlen "
    "Behandlungsplätze und klare Wege dorthin.",
    "text_en": SAMPLE_TEXT_EN
    + "Refugees find it hard to rent a flat. There are too few places of treatment for "
    "traumatised refugees and no clear way to them.",
    "text_simple": SAMPLE_TEXT_SIMPLE
    + "Geflüchtete finden schwer eine Wohnung. Manche Geflüchtete haben Schlimmes erlebt. "
    "Sie brauchen Hilfe von Ärzten. Es gibt zu wenig Hilfe.",
}
_OPENING = _section(
    "interkulturelle-oeffnung",
    "2.3",
    2,
    "Interkulturelle Öffnung der Verwaltung",
    "Intercultural opening of the administration",
    "Die Stadt-Verwaltung öffnet sich",
    "Die Verwaltung gewinnt mehr Beschäftigte mit Migrationsgeschichte und bietet "
    "Informationen in mehreren Sprachen an.",
    "The administration gains more staff with a history of migration and offers "
    "information in several languages.",
    "In der Stadt-Verwaltung arbeiten mehr Menschen aus anderen Ländern. Es gibt Infos "
    "in mehreren Sprachen.",
)
_ORGANISATIONS = _section(
    "migrantenorganisationen",
    "2.4",
    2,
    "Migrantenorganisationen als Partner",
    "Migrant organisations as partners",
    "Vereine von Migranten",
    "Ende 2022 gab es in Dresden 110 Migrantenorganisationen. Sie brauchen Räume, "
    "Beratung und verlässliche Förderung.",
    "At the end of 2022 there were 110 migrant organisations in Dresden. They need rooms, "
    "advice and reliable funding.",
    "In Dresden gibt es viele Vereine von Migranten. Sie brauchen Räume, Beratung und Geld.",
)

DRAFTS = [
    {
        "version": 1,
        "title": TITLE,
        "title_en": TITLE_EN,
        "title_simple": TITLE_SIMPLE,
        "summary": (
            "Der erste Entwurf, diskutiert in den handlungsfeldbezogenen Arbeitsgruppen und "
            "der Koordinierungsgruppe."
        ),
        "summary_en": (
            "The first draft, discussed in the working groups and the coordination group."
        ),
        "summary_simple": "Der erste Entwurf. Arbeits-Gruppen haben darüber gesprochen.",
        "published_on": date(2021, 4, 15),
        "is_published": True,
        "sections": [_INTRODUCTION, _PURPOSE_V1, _FIELDS, _LANGUAGE, _HEALTH_V1, _OPENING],
    },
    {
        "version": 2,
        "title": TITLE,
        "title_en": TITLE_EN,
        "title_simple": TITLE_SIMPLE,
        "summary": (
            "Überarbeitet nach der Diskussion in den Arbeitsgruppen: Gesundheit ergänzt, "
            "neuer Abschnitt zu Migrantenorganisationen."
        ),
        "summary_en": (
            "Revised after the working groups' discussion: health added to, new section on "
            "migrant organisations."
        ),
        "summary_simple": "Neu: mehr zu Gesundheit. Und ein Teil über Vereine von Migranten.",
        "published_on": date(2021, 5, 31),
        "is_published": True,
        "sections": [
            _INTRODUCTION,
            _PURPOSE_V2,
            _FIELDS,
            _LANGUAGE,
            _HEALTH_V2,
            _OPENING,
            _ORGANISATIONS,
        ],
    },
]

# Comments on the second draft: (section key, name, text, reply to the comment number).
COMMENTS = [
    (
        "sprache-bildung",
        "Beispiel: Amira",
        "Beispieldaten: Sprachkurse am Abend und mit Kinderbetreuung würden vielen Eltern helfen.",
        None,
    ),
    (
        "sprache-bildung",
        "",
        "Beispieldaten: Dem schließe ich mich an – auch am Wochenende.",
        0,
    ),
    (
        "migrantenorganisationen",
        "Beispiel: Verein",
        "Beispieldaten: Vereine brauchen eine feste Ansprechperson in der Verwaltung.",
        None,
    ),
]

STATEMENT = {
    "kind": "position_paper",
    "cycle": CYCLE_2021,
    "consultation": "analyse-2021",
    "title": "Positionspapier des DSM zum Integrationskonzept Dresden",
    "title_en": "DSM position paper on Dresden's integration concept",
    "organisations": ["dsm"],
    "submitted_on": date(2021, 3, 17),
    "basis": (
        "Interviews mit 20 Migrantenorganisationen in Dresden, November 2020 bis Ende Februar 2021"
    ),
    "basis_en": (
        "Interviews with 20 migrant organisations in Dresden, November 2020 to February 2021"
    ),
    "summary": (
        "Der Dachverband sächsischer Migrantenorganisationen übergibt sein Positionspapier "
        "an die Integrations- und Ausländerbeauftragte, im Beisein der Stadtratsfraktionen "
        "und des Integrations- und Ausländerbeirates, und zeigt notwendige Handlungsbedarfe "
        "auf."
    ),
    "summary_en": (
        "The umbrella of Saxon migrant organisations hands its position paper to the "
        "integration commissioner and shows the needs for action."
    ),
    "event": "uebergabe-positionspapier-dsm-2021",
    "status": "submitted",
    "entered_by_office": True,
    "is_sample": False,
}

# Demands, numbered in the 2021–2026 cycle. ``source``: ("statement",), ("comment", n)
# for COMMENTS[n], ("station", title). ``answer``: outcome, reason, department key,
# date, measure codes of the 2021 plan, state.
DEMANDS = [
    {
        "number": 1,
        "source": ("statement",),
        "fields": ["sprache-bildung"],
        "text": SAMPLE_DEMAND
        + "Ein Umsetzungs- und Finanzierungskonzept für Sprachkurse entwickeln und "
        "verabschieden.",
        "text_en": "Develop and adopt a concept for implementing and funding language courses.",
        "answer": (
            "partly",
            "Kitas bauen die Mehrsprachigkeit aus; ein Finanzierungskonzept für "
            "Erwachsenenkurse liegt beim Freistaat.",
            INTEGRATION_OFFICE,
            date(2021, 11, 11),
            ["1.1.1"],
            "published",
        ),
    },
    {
        "number": 2,
        "source": ("statement",),
        "fields": ["soziales-wohnen-gesundheit"],
        "text": SAMPLE_DEMAND
        + "Strukturen und Abläufe zur Behandlung von Traumafolgestörungen bei Geflüchteten "
        "klären.",
        "text_en": "Clarify structures and procedures for treating trauma in refugees.",
        "answer": (
            "adopted",
            "Die Stadt baut mit den Kliniken eine Versorgung traumatisierter Geflüchteter auf.",
            INTEGRATION_OFFICE,
            date(2021, 11, 11),
            ["3.1.2"],
            "published",
        ),
    },
    {
        "number": 3,
        "source": ("statement",),
        "fields": ["soziales-wohnen-gesundheit"],
        "text": SAMPLE_DEMAND + "Den Gemeindedolmetscherdienst bedarfsgerecht sichern.",
        "text_en": "Secure the community interpreting service as needed.",
        "answer": (
            "adopted",
            "Der Gemeindedolmetscherdienst wird dauerhaft gesichert.",
            INTEGRATION_OFFICE,
            date(2021, 11, 11),
            ["3.1.1"],
            "published",
        ),
    },
    {
        "number": 4,
        "source": ("statement",),
        "fields": ["interkulturelle-oeffnung"],
        "text": SAMPLE_DEMAND
        + "Interkulturelles Personalmanagement ausbauen: Menschen mit Migrationsgeschichte "
        "in Stellenausschreibungen ansprechen.",
        "text_en": "Expand intercultural human resources: address people with a history of "
        "migration in job advertisements.",
        "answer": (
            "adopted",
            "Stellenausschreibungen der Stadt sprechen Vielfalt ausdrücklich an.",
            "10",
            date(2021, 11, 11),
            ["5.1.1"],
            "published",
        ),
    },
    {
        "number": 5,
        "source": ("statement",),
        "fields": ["interkulturelle-oeffnung"],
        "text": SAMPLE_DEMAND
        + "Alle städtischen Fachplanungen auf ihren Beitrag zur Integration prüfen und "
        "weiterentwickeln.",
        "text_en": "Review all municipal sector plans for their contribution to integration.",
        "answer": (
            "not_adopted",
            "Eine Prüfung aller Fachplanungen übersteigt die Mittel; geprüft werden die "
            "Fachplanungen, die ohnehin fortgeschrieben werden.",
            INTEGRATION_OFFICE,
            date(2021, 11, 11),
            ["5.1.2"],
            "published",
        ),
    },
    {
        "number": 6,
        "source": ("comment", 0),
        "fields": ["sprache-bildung"],
        "text": "Beispieldaten: Sprachkurse am Abend und mit Kinderbetreuung anbieten.",
        "text_en": "Offer language courses in the evening and with childcare.",
        "answer": (
            "noted",
            "Die Anregung geht an die Volkshochschule und die Kursträger.",
            INTEGRATION_OFFICE,
            date(2021, 11, 11),
            [],
            "published",
        ),
    },
    {
        "number": 7,
        "source": ("statement",),
        "fields": ["soziales-wohnen-gesundheit"],
        "text": SAMPLE_DEMAND
        + "Unterbringung, medizinische Versorgung und soziale Betreuung von Asylsuchenden "
        "und Geduldeten menschenwürdig und bedarfsgerecht gestalten.",
        "text_en": "Make housing, medical care and social support of asylum seekers humane "
        "and needs-based.",
        # Proposed by a department, waiting for the office: not public.
        "answer": (
            "partly",
            "Die Sozialbetreuung in den Unterkünften wird ausgebaut.",
            INTEGRATION_OFFICE,
            date(2021, 11, 11),
            ["3.1.3"],
            "proposed",
        ),
    },
    {
        "number": 8,
        "source": ("station", "Station 1 (Beispiel): Zusammenarbeit mit der Stadtverwaltung"),
        "fields": ["teilhabe-zusammenleben"],
        "text": "Beispieldaten: Eine regelmäßige Sprechstunde des Integrationsbüros für Vereine.",
        "text_en": "A regular consultation hour of the integration office for associations.",
        "answer": (
            "adopted",
            "Das Integrationsbüro bietet seit 2024 eine monatliche Sprechstunde an.",
            INTEGRATION_OFFICE,
            date(2024, 2, 1),
            ["4.1.1"],
            "published",
        ),
    },
    {
        "number": 9,
        "source": ("station", "Station 2 (Beispiel): Förderung und Räume für Vereine"),
        "fields": ["teilhabe-zusammenleben"],
        "text": "Beispieldaten: Eine Übersicht freier Räume der Stadt für Vereine.",
        "text_en": "An overview of the city's free rooms for associations.",
        "answer": None,
    },
    {
        "number": 10,
        "source": ("station", "Station 3 (Beispiel): Mitwirken im Wahljahr 2024"),
        "fields": ["teilhabe-zusammenleben"],
        "text": "Beispieldaten: Informationsabende zur Beiratswahl in mehreren Sprachen.",
        "text_en": "Information evenings on the advisory council election in several languages.",
        "answer": (
            "adopted",
            "Informationsabende auf Deutsch, Arabisch, Russisch und Vietnamesisch.",
            INTEGRATION_OFFICE,
            date(2024, 2, 1),
            ["4.1.1"],
            "published",
        ),
    },
]
