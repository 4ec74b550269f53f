"""The Dresden demonstration data, in one place.

Everything here comes from the five seed documents in ``seeds/`` (000 DSM position
paper, 001 city page "Integrationskonzept", 002 press release on the participation
events, 003 conference of migrant organisations 2023, 004 implementation report
2009–2014). Where the data says something the seeds do not, the row carries
``"is_sample": True`` and a comment says what was invented; the platform shows such
rows as sample data. Rows with ``"is_sample": False`` hold seed facts only.

The structure is plain Python so that it reads like a table and later features can
add their own lists next to these (concept cycles, measures, events, ...):

* ``MUNICIPALITY`` – one dict, the fields of ``tenants.Municipality``.
* ``DEPARTMENTS`` – dicts with the fields of ``directory.Department``. A department is
  referred to elsewhere by its *key*: its number if it has one, otherwise its name
  (see ``department_key``).
* ``EXPERT_WORKING_GROUPS_2009`` – the four Facharbeitsgruppen (FAG 1–4) of the 2009
  concept with their member organisations (slugs) and departments (keys), as listed
  in seed 004. Used here for the organisation descriptions; ``dresden_bodies.py``
  loads them as bodies with memberships.
* ``ORGANISATIONS`` – dicts with the fields of ``directory.Organisation``; activities
  and languages are codes from ``teilhabe.directory.vocabulary``.
* ``UMBRELLA_MEMBERSHIPS`` – (member slug, umbrella slug) pairs the seeds state.
* ``USERS`` – the demo logins, one per role kind; they can log in only while
  ``settings.TEILHABE_DEMO`` is on.

The action plan (``plan`` app), further down:

* ``CONCEPT_CYCLES`` – the three plan periods 2009, 2015–2020 and 2021–2026, chained by
  ``predecessor`` (a slug), each with its dated ``phases`` for the timeline.
* ``FIELDS_OF_ACTION`` – per cycle, numbered, with analysis texts and nested ``goals``.
* ``MEASURES`` – per cycle, by code ("1.1.1") under a goal code, with lead and partner
  departments (keys), partner organisations (slugs), target groups (codes) and nested
  dated status ``reports``; ``predecessor`` = (cycle slug, code) for carried measures.
* ``INDICATORS``, ``FUNDING_LINES`` – with yearly values/amounts; ``OPEN_ITEMS`` – the
  needs for action (Handlungsbedarfe) a cycle leaves, optionally taken up by a measure.

The events (``events`` app), at the end:

* ``VENUES`` (by name), ``AUDIENCE_GROUPS`` (by name), ``EVENT_SERIES`` (by slug).
* ``EVENTS`` and ``upcoming_events(now)`` (the ones ahead, computed from the day of
  loading) – by slug, times in Europe/Berlin, with venue (name), series (slug),
  cycle (slug, linked if it exists), audience groups (names), the ``programme`` with
  ``speakers`` and ``stations``, and ``sample_registrations``. The past events are
  loaded as the platform keeps them once their personal data has been deleted
  (TEILHABE_EVENT_RETENTION_DAYS after the event): anonymised registrations that only
  count (status, check-in, no-show, audience group), so the worker never mails or
  deletes demo people. All registrations are invented.

Models without an ``is_sample`` field (phases, fields of action, goals, status reports)
say so in their text where it is invented; see the comments at each list.

Not loaded as an organisation: the Integrations- und Ausländerbeirat Dresden, which is
a council body (Beirat), not an association: ``dresden_bodies.py`` loads it as a body.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

# --- Municipality -------------------------------------------------------------------

MUNICIPALITY = {
    "slug": "dresden",
    "name": "Dresden",
    "official_name": "Landeshauptstadt Dresden",
    "state": "Sachsen",
    "office_name": "Integrations- und Ausländerbeauftragte",
    "office_email": "integration@dresden.teilhabe.example",  # sample: not in the seeds
    "website": "https://www.dresden.de",
    # Seed 002 names German, English and plain language; the other languages show what
    # a municipality's pages look like for the people its plan is for.
    "content_languages": ["de", "de-x-simple", "en", "ar", "fa", "ru", "uk", "vi"],
    "introduction": (
        "Die Landeshauptstadt Dresden arbeitet seit 2009 mit einem Integrationskonzept. "
        "Das „Konzept zur Integration von Migrantinnen und Migranten 2009“ wurde von vier "
        "Facharbeitsgruppen mit Vereinen, Trägern und Ämtern umgesetzt; der Umsetzungsbericht "
        "umfasst Juli 2009 bis März 2014. Das Integrationskonzept 2015 bis 2020 betrachtet in "
        "elf Bereichen die aktuelle Situation und die zukünftigen Aufgaben.\n\n"
        "Seit 2019 wird das Konzept fortgeschrieben. Es besteht künftig aus der „Analyse der "
        "kommunalen Handlungsfelder“ und dem „Aktionsplan Integration 2021 bis 2026“ mit "
        "Zielen und Maßnahmen. Dazu gehören öffentliche Beteiligungsveranstaltungen und "
        "Stellungnahmen wie das Positionspapier des Dachverbandes sächsischer "
        "Migrantenorganisationen.\n\n"
        "Hier finden Sie die Ziele und Maßnahmen, die Organisationen und Ämter, die daran "
        "mitwirken, Veranstaltungen zur Beteiligung und Berichte zum Stand der Umsetzung."
    ),
    "introduction_en": (
        "The City of Dresden has worked with an integration concept since 2009. The 2009 "
        "concept for the integration of migrants was carried out by four expert working "
        "groups of associations, service providers and city departments; the implementation "
        "report covers July 2009 to March 2014. The integration concept 2015 to 2020 looks at "
        "the current situation and future tasks in eleven areas.\n\n"
        "Since 2019 the concept has been revised. It will consist of an analysis of the "
        "municipal fields of action and the Action Plan Integration 2021 to 2026 with goals "
        "and measures, shaped by public participation events and statements such as the "
        "position paper of the umbrella association of Saxon migrant organisations.\n\n"
        "Here you find the goals and measures, the organisations and departments involved, "
        "participation events and reports on how far the plan has come."
    ),
    "introduction_simple": (
        "Dresden hat einen Plan für Integration. Der Plan heißt Integrationskonzept. "
        "Integration heißt: Alle Menschen in Dresden sollen gut zusammen leben. "
        "Auch Menschen, die aus anderen Ländern nach Dresden gekommen sind.\n\n"
        "Die Stadt schreibt den Plan alle paar Jahre neu. Viele Vereine und Ämter helfen mit. "
        "Alle Menschen in Dresden können mitreden.\n\n"
        "Hier finden Sie: Was die Stadt tun will. Wer mitmacht. Wann es Treffen gibt. "
        "Was schon geschafft ist."
    ),
    "introduction_ar": (
        "تعمل مدينة دريسدن بمفهوم للاندماج منذ عام 2009. نفّذت أربع مجموعات عمل متخصصة من "
        "الجمعيات والجهات المقدِّمة للخدمات وإدارات المدينة مفهوم عام 2009؛ ويغطي تقرير "
        "التنفيذ الفترة من يوليو 2009 إلى مارس 2014. ويتناول مفهوم الاندماج 2015 إلى 2020 "
        "الوضع الراهن والمهام المستقبلية في أحد عشر مجالًا.\n\n"
        "يجري تحديث المفهوم منذ عام 2019. وسيتكوّن من «تحليل مجالات العمل البلدية» ومن "
        "«خطة عمل الاندماج 2021 إلى 2026» بأهدافها وإجراءاتها، وتسهم في صياغتها فعاليات "
        "مشاركة عامة ومواقف مثل ورقة الموقف الصادرة عن الاتحاد الجامع لمنظمات المهاجرين في "
        "ساكسونيا.\n\n"
        "تجد هنا الأهداف والإجراءات، والمنظمات والإدارات المشاركة فيها، وفعاليات المشاركة، "
        "وتقارير عن مدى التنفيذ."
    ),
    "introduction_uk": (
        "Місто Дрезден працює з концепцією інтеграції з 2009 року. Концепцію 2009 року "
        "втілювали чотири профільні робочі групи з об’єднань, організацій-надавачів послуг і "
        "відомств міста; звіт про виконання охоплює період з липня 2009 до березня 2014 року. "
        "Концепція інтеграції на 2015–2020 роки розглядає поточну ситуацію та майбутні "
        "завдання в одинадцяти сферах.\n\n"
        "З 2019 року концепцію оновлюють. Надалі вона складатиметься з «Аналізу "
        "муніципальних сфер діяльності» та «Плану дій з інтеграції на 2021–2026 роки» з "
        "цілями й заходами. Їх формують публічні заходи участі та позиції, як-от позиційний "
        "документ Об’єднання саксонських організацій мігрантів.\n\n"
        "Тут ви знайдете цілі та заходи, організації й відомства, які беруть у них участь, "
        "заходи участі та звіти про хід виконання."
    ),
    "introduction_ru": (
        "Город Дрезден работает с концепцией интеграции с 2009 года. Концепцию 2009 года "
        "реализовывали четыре профильные рабочие группы из объединений, организаций, "
        "оказывающих услуги, и ведомств города; отчёт о выполнении охватывает период с июля "
        "2009 по март 2014 года. Концепция интеграции на 2015–2020 годы рассматривает "
        "текущую ситуацию и будущие задачи в одиннадцати сферах.\n\n"
        "С 2019 года концепция обновляется. В дальнейшем она будет состоять из «Анализа "
        "муниципальных сфер деятельности» и «Плана действий по интеграции на 2021–2026 "
        "годы» с целями и мерами. Их формируют публичные мероприятия участия и позиции, "
        "например позиционный документ Объединения саксонских организаций мигрантов.\n\n"
        "Здесь вы найдёте цели и меры, участвующие в них организации и ведомства, "
        "мероприятия участия и отчёты о ходе выполнения."
    ),
}


# --- Departments --------------------------------------------------------------------
# Seed 004 names the Ämter in the FAG lists only by number (10, 15, 33, 40, 41, 42, 50,
# 51, 53, 55, 61, 80) and elsewhere by name (Jugendamt, Sozialamt, ...). Only Amt 41 is
# tied to a name by the seeds themselves (the cultural funding "durch das Amt 41").
# The other number–name pairs follow the usual German municipal numbering and are
# therefore is_sample=True. Amt 15 has no name in the seeds and none is guessed.

OFFICE, ENTERPRISE, DIVISION = "office", "enterprise", "division"
# Seed 004 says "Büro der OB", "Büro der OBin" and "OB-Bereich"; seed 001 the gender-neutral
# "Oberbürgermeisterin/Oberbürgermeister".
OB_AREA = "Büro der Oberbürgermeisterin/des Oberbürgermeisters"

DEPARTMENTS = [
    # Numbered Ämter (seed 004, FAG member lists).
    {
        "number": "10",
        "name": "Haupt- und Personalamt",
        "short_name": "",
        "name_en": "Central Administration and Human Resources Office",
        "kind": OFFICE,
        "is_sample": True,
    },  # pairing 10 ↔ name by convention
    {
        "number": "15",
        "name": "Amt 15",
        "short_name": "",
        "name_en": "Office 15",
        "kind": OFFICE,
        "is_sample": False,
    },  # seeds give only the number
    {
        "number": "33",
        "name": "Bürgeramt",
        "short_name": "",
        "name_en": "Citizens' Office",
        "kind": OFFICE,
        "is_sample": True,
    },  # pairing by convention
    {
        "number": "40",
        "name": "Schulverwaltungsamt",
        "short_name": "",
        "name_en": "School Administration Office",
        "kind": OFFICE,
        "is_sample": True,
    },  # name not in the seeds; by convention
    {
        "number": "41",
        "name": "Kulturamt",
        "short_name": "",
        "name_en": "Cultural Office",
        "kind": OFFICE,
        "is_sample": False,
    },  # seed 004: cultural funding by Amt 41
    {
        "number": "42",
        "name": "Städtische Bibliotheken",
        "short_name": "",
        "name_en": "Municipal Libraries",
        "kind": OFFICE,
        "is_sample": True,
    },  # pairing by convention
    {
        "number": "50",
        "name": "Sozialamt",
        "short_name": "",
        "name_en": "Social Welfare Office",
        "kind": OFFICE,
        "is_sample": True,
    },  # pairing by convention
    {
        "number": "51",
        "name": "Jugendamt",
        "short_name": "",
        "name_en": "Youth Welfare Office",
        "kind": OFFICE,
        "is_sample": True,
    },  # pairing by convention
    {
        "number": "53",
        "name": "Gesundheitsamt",
        "short_name": "",
        "name_en": "Public Health Office",
        "kind": OFFICE,
        "is_sample": True,
    },  # pairing by convention
    {
        "number": "55",
        "name": "Eigenbetrieb Kindertageseinrichtungen",
        "short_name": "EB Kita",
        "name_en": "Municipal Enterprise for Day-Care Centres",
        "kind": ENTERPRISE,
        "is_sample": True,
    },  # pairing by convention
    {
        "number": "61",
        "name": "Stadtplanungsamt",
        "short_name": "",
        "name_en": "Urban Planning Office",
        "kind": OFFICE,
        "is_sample": True,
    },  # pairing by convention
    {
        "number": "80",
        "name": "Amt für Wirtschaftsförderung",
        "short_name": "Wirtschaftsförderung",
        "name_en": "Economic Development Office",
        "kind": OFFICE,
        "is_sample": True,
    },  # pairing by convention
    # Units the seeds name without a number (seed 004).
    {
        "number": "",
        "name": "Büro der Integrations- und Ausländerbeauftragten",
        "short_name": "INAUSLB",
        "name_en": "Office of the Integration and Foreigners' Commissioner",
        "kind": DIVISION,
        "is_sample": False,
    },
    {
        "number": "",
        "name": OB_AREA,
        "short_name": "OB-Bereich",
        "name_en": "Office of the Lord Mayor",
        "kind": DIVISION,
        "is_sample": False,
    },
    {
        "number": "",
        "name": "Ordnungsamt",
        "short_name": "",
        "name_en": "Public Order Office",
        "kind": OFFICE,
        "is_sample": False,
    },
    {
        "number": "",
        "name": "Amt für Stadtgrün und Abfallwirtschaft",
        "short_name": "",
        "name_en": "Office for Urban Green Spaces and Waste Management",
        "kind": OFFICE,
        "is_sample": False,
    },
    {
        "number": "",
        "name": "Eigenbetrieb Friedhof- und Bestattungswesen",
        "short_name": "EB Friedhof- und Bestattungswesen",
        "name_en": "Municipal Enterprise for Cemeteries and Funerals",
        "kind": ENTERPRISE,
        "is_sample": False,
    },
    {
        "number": "",
        "name": "Geschäftsbereich Ordnung und Sicherheit",
        "short_name": "GB Ordnung und Sicherheit",
        "name_en": "Division for Public Order and Safety",
        "kind": DIVISION,
        "is_sample": False,
    },
    {
        "number": "",
        "name": "Geschäftsbereich 7",
        "short_name": "GB 7",
        "name_en": "Division 7",
        "kind": DIVISION,
        "is_sample": False,
    },  # seed 004 gives only "GB 7"
]


def department_key(department):
    """How other data refers to a department: its number, or its name if it has none."""
    return department["number"] or department["name"]


# --- Expert working groups of the 2009 concept (seed 004) -----------------------------

EXPERT_WORKING_GROUPS_2009 = [
    {
        "short_name": "FAG 1",
        "name": "Wirtschaft, Arbeit, Berufsausbildung",
        "organisations": [
            "cabana",
            "caritas-jugendmigrationsdienst",
            "kiw-gesellschaft",
            "exis",
            "verein-der-vietnamesen",
            "cultura-et-cetera",
            "tu-dresden",
            "jobcenter-dresden",
            "agentur-fuer-arbeit-dresden",
            "ihk-dresden",
            "handwerkskammer-dresden",
        ],
        "departments": ["10", "15", "51", "80"],
        "note": "Verein der Vietnamesen in Dresden e. V. zugleich als Vertreter des "
        "Ausländerbeirats.",
    },
    {
        "short_name": "FAG 2",
        "name": "Soziales, Wohnen, Gesundheitsthemen",
        "organisations": [
            "cabana",
            "auslaenderrat-dresden",
            "dresdner-verein-soziale-integration",
            "caritas-jugendmigrationsdienst",
            "verein-der-vietnamesen",
            "krankenhaus-friedrichstadt",
            "krankenhaus-neustadt",
        ],
        "departments": ["50", "51", "53", "61"],
        "note": "Dazu Vertreterinnen und Vertreter der Eigenbetriebe; Ausländerrat Dresden "
        "e. V. zugleich als Vertreter des Ausländerbeirats.",
    },
    {
        "short_name": "FAG 3",
        "name": "Frühkindliche und Schulbildung, Kinder-, Jugend- und Familienarbeit",
        "organisations": [
            "auslaenderrat-dresden",
            "awo-migrationsdienst-prohlis",
            "caritas-jugendmigrationsdienst",
            "portal",
            "polonia-dresden",
            "bamf",
            "saechsische-bildungsagentur-dresden",
            "kreiselternrat-dresden",
        ],
        "departments": ["15", "40", "42", "51", "53", "55"],
        "note": "Dazu ein Vertreter des Ausländerbeirats.",
    },
    {
        "short_name": "FAG 4",
        "name": "Gesellschaftliche soziale Integration, Partizipation, Sport, Kultur",
        "organisations": [
            "portal",
            "juedischer-frauenverein-dresden",
            "auslaenderrat-dresden",
            "dresdner-verein-soziale-integration",
            "mbe-bdv",
            "chinesisch-deutsches-zentrum",
            "kreissportbund-dresden",
            "afropa",
        ],
        "departments": ["15", "33", "41", OB_AREA],
        "note": "AFROPA e. V. zugleich als Vertreter des Ausländerbeirats.",
    },
]


def _fag(slug):
    """The German sentence naming the 2009 working groups an organisation belonged to."""
    groups = [g for g in EXPERT_WORKING_GROUPS_2009 if slug in g["organisations"]]
    names = [f"{g['short_name']} „{g['name']}“" for g in groups]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]
    noun = "Facharbeitsgruppe" if len(names) == 1 else "Facharbeitsgruppen"
    return (
        f"Mitglied der {noun} {listed} zur Umsetzung des Konzeptes zur Integration von "
        "Migrantinnen und Migranten 2009 (Juli 2009 bis Mai 2013)."
    )


# --- Organisations ------------------------------------------------------------------
# Keys not given default to empty (see loader.ORGANISATION_DEFAULTS). Any activities,
# languages, district, website or public e-mail below are NOT in the seeds unless the
# comment says so; such organisations are is_sample=True.

MIGRANT, UMBRELLA, WELFARE, AUTHORITY = "migrant", "umbrella", "welfare", "authority"
EDUCATION, CHAMBER, EMPLOYMENT, OTHER = "education", "chamber", "employment", "other"

ORGANISATIONS = [
    # Seed 000, 001, 002, 003.
    {
        "slug": "dsm",
        "type": UMBRELLA,
        "is_verified": True,
        "is_sample": False,
        "name": "Dachverband sächsischer Migrantenorganisationen e. V.",
        "short_name": "DSM",
        "description": (
            "Dachverband der Migrantenorganisationen in Sachsen. Von November 2020 bis Ende "
            "Februar 2021 befragte der DSM 20 Migrantenorganisationen in Dresden und "
            "übergab am 17. März 2021 in einer Online-Veranstaltung ein Positionspapier zur "
            "Fortschreibung des Integrationskonzeptes an die Integrations- und "
            "Ausländerbeauftragte. Hielt die Begrüßungsansprache der Konferenz der "
            "Migrant*innenorganisationen am 18. November 2023."
        ),
        "description_en": (
            "Umbrella association of migrant organisations in Saxony. From November 2020 to "
            "the end of February 2021 it interviewed 20 migrant organisations in Dresden and "
            "on 17 March 2021 handed a position paper on the revision of the integration "
            "concept to the city's integration commissioner in an online event. It gave the "
            "welcome address at the conference of migrant organisations on 18 November 2023."
        ),
        "description_simple": (
            "Der DSM ist ein Verband. In ihm arbeiten Vereine von Migrantinnen und Migranten "
            "aus Sachsen zusammen. Der DSM hat 20 Vereine in Dresden gefragt: Was muss besser "
            "werden? Die Antworten hat er der Stadt Dresden gegeben."
        ),
    },
    {
        "slug": "saechsischer-fluechtlingsrat",
        "type": OTHER,
        "is_sample": False,
        "name": "Sächsischer Flüchtlingsrat",
        "short_name": "",
        "description": (
            "Eingeladen zur geschlossenen Beteiligungsveranstaltung am 3. Juli 2021 zum "
            "„Aktionsplan Integration 2021 bis 2026“."
        ),
    },
    {
        "slug": "vhs-dresden",
        "type": EDUCATION,
        "is_verified": True,
        "is_sample": False,
        "name": "Volkshochschule Dresden e. V.",
        "short_name": "VHS",
        "address": "Annenstraße 10, 01067 Dresden",  # seed 003
        "description": (
            "Im Gebäude der Volkshochschule fand am 18. November 2023 die Konferenz der "
            "Migrant*innenorganisationen statt. Der Umsetzungsbericht 2009–2014 nennt die "
            "VHS als Ort interkultureller Veranstaltungen."
        ),
        "description_en": (
            "The adult education centre hosted the conference of migrant organisations on "
            "18 November 2023. The implementation report 2009–2014 names it as a venue of "
            "intercultural events."
        ),
    },
    {
        "slug": "kulturbuero-dresden",
        "type": OTHER,
        "is_sample": False,
        "name": "Kulturbüro Dresden",
        "short_name": "",
        "description": "Träger der Projektschmiede.",
    },
    {
        "slug": "projektschmiede",
        "type": OTHER,
        "is_sample": False,
        "name": "Projektschmiede",
        "short_name": "",
        "description": (
            "Projekt des Kulturbüros Dresden. Stellte auf der Konferenz der "
            "Migrant*innenorganisationen 2023 die Zusammenarbeit mit dem Chinesisch-Deutschen "
            "Zentrum e. V. vor („Gemeinsam zum Erfolg!“)."
        ),
    },
    # Parent associations implied by the seeds' names of their services.
    {
        "slug": "oeiz",
        "type": OTHER,
        "is_sample": False,
        "name": "Ökumenisches Informationszentrum e. V.",
        "short_name": "ÖIZ",
        "description": "Träger von Cabana.",
    },
    {
        "slug": "caritas",
        "type": WELFARE,
        "is_sample": False,
        "name": "Caritasverband",
        "short_name": "Caritas",
        "description": "Träger des Caritas-Jugendmigrationsdienstes.",
    },
    {
        "slug": "awo",
        "type": WELFARE,
        "is_sample": False,
        "name": "Arbeiterwohlfahrt",
        "short_name": "AWO",
        "description": "Träger des AWO Migrationsdienstes Prohlis.",
    },
    {
        "slug": "bdv-sachsen",
        "type": OTHER,
        "is_sample": False,
        "name": "Bund der Vertriebenen, Landesverband Sachsen/Schlesische Lausitz e. V.",
        "short_name": "BdV LV Sachsen/Schlesische Lausitz",
        "description": "Träger der Migrationsberatung für Erwachsene (MBE) im BdV.",
    },
    # Seed 004, members of the working groups FAG 1–4.
    {
        "slug": "cabana",
        "type": OTHER,
        "is_sample": False,
        "name": "Cabana",
        "short_name": "",
        "description": "Projekt des ÖIZ e. V. " + _fag("cabana"),
    },
    {
        # Sample: activities, languages.
        "slug": "caritas-jugendmigrationsdienst",
        "type": WELFARE,
        "is_verified": True,
        "is_sample": True,
        "name": "Caritas-Jugendmigrationsdienst",
        "short_name": "JMD",
        "description": "Dienst der Caritas. " + _fag("caritas-jugendmigrationsdienst"),
        "activities": ["youth", "social", "education"],
        "languages": ["de", "en", "ar", "ru"],
    },
    {
        "slug": "kiw-gesellschaft",
        "type": OTHER,
        "is_sample": False,
        "name": "KIW-Gesellschaft e. V.",
        "short_name": "",
        "description": _fag("kiw-gesellschaft"),
    },
    {
        "slug": "exis",
        "type": OTHER,
        "is_sample": False,
        "name": "EXIS e. V.",
        "short_name": "",
        "description": _fag("exis"),
    },
    {
        # Sample: activities, languages, district.
        "slug": "verein-der-vietnamesen",
        "type": MIGRANT,
        "is_verified": True,
        "is_sample": True,
        "name": "Verein der Vietnamesen in Dresden e. V.",
        "short_name": "",
        "description": (
            _fag("verein-der-vietnamesen") + " In der FAG 1 zugleich Vertreter des "
            "Ausländerbeirats. Die Stadt (GB 7) unterstützte das Tetfest mit dem Verein."
        ),
        "description_en": (
            "Member of the expert working groups FAG 1 (economy, work, vocational training) "
            "and FAG 2 (social affairs, housing, health) of the 2009 integration concept. "
            "The city supported the Tet festival together with the association."
        ),
        "description_simple": (
            "Ein Verein von Menschen aus Vietnam in Dresden. Die Stadt hat das Tet-Fest "
            "des Vereins unterstützt. Tet ist das vietnamesische Neujahrsfest."
        ),
        "activities": ["culture", "social"],
        "languages": ["vi", "de"],
        "district": "Prohlis",
    },
    {
        "slug": "cultura-et-cetera",
        "type": OTHER,
        "is_sample": False,
        "name": "Cultura et cetera e. V.",
        "short_name": "",
        "description": _fag("cultura-et-cetera"),
    },
    {
        "slug": "tu-dresden",
        "type": EDUCATION,
        "is_sample": False,
        "name": "Technische Universität Dresden",
        "short_name": "TU Dresden",
        "description": _fag("tu-dresden"),
    },
    {
        "slug": "jobcenter-dresden",
        "type": EMPLOYMENT,
        "is_sample": False,
        "name": "Jobcenter Dresden",
        "short_name": "",
        "description": _fag("jobcenter-dresden"),
        "description_en": (
            "Member of the expert working group FAG 1 (economy, work, vocational training) "
            "of the 2009 integration concept."
        ),
    },
    {
        "slug": "agentur-fuer-arbeit-dresden",
        "type": EMPLOYMENT,
        "is_sample": False,
        "name": "Agentur für Arbeit Dresden",
        "short_name": "Arbeitsagentur",
        "description": _fag("agentur-fuer-arbeit-dresden"),
    },
    {
        "slug": "ihk-dresden",
        "type": CHAMBER,
        "is_sample": False,
        "name": "Industrie- und Handelskammer Dresden",
        "short_name": "IHK Dresden",
        "description": _fag("ihk-dresden"),
    },
    {
        "slug": "handwerkskammer-dresden",
        "type": CHAMBER,
        "is_sample": False,
        "name": "Handwerkskammer Dresden",
        "short_name": "HWK Dresden",
        "description": _fag("handwerkskammer-dresden"),
    },
    {
        # Sample: activities, languages, district, public e-mail.
        "slug": "auslaenderrat-dresden",
        "type": MIGRANT,
        "is_verified": True,
        "is_sample": True,
        "name": "Ausländerrat Dresden e. V.",
        "short_name": "",
        "description": (
            _fag("auslaenderrat-dresden") + " In der FAG 2 zugleich Vertreter des Ausländerbeirats."
        ),
        "description_en": (
            "Member of the expert working groups FAG 2, 3 and 4 of the 2009 integration "
            "concept; in FAG 2 it also represented the foreigners' advisory council."
        ),
        "description_simple": (
            "Der Ausländerrat ist ein Verein in Dresden. Er hilft Menschen, die aus anderen "
            "Ländern nach Dresden gekommen sind. Er hat bei den Plänen der Stadt für "
            "Integration mitgearbeitet."
        ),
        "activities": ["social", "refugees", "youth", "women", "antidiscrimination"],
        "languages": ["de", "en", "ar", "fa", "ru"],
        "district": "Altstadt",
        "public_email": "kontakt@auslaenderrat-dresden.example",
    },
    {
        "slug": "awo-migrationsdienst-prohlis",
        "type": WELFARE,
        "is_sample": False,
        "name": "AWO Migrationsdienst Prohlis",
        "short_name": "",
        "district": "Prohlis",  # from the seed's name of the service
        "description": "Dienst der AWO. " + _fag("awo-migrationsdienst-prohlis"),
    },
    {
        "slug": "portal",
        "type": OTHER,
        "is_sample": False,
        "name": "Portal e. V.",
        "short_name": "",
        "description": _fag("portal"),
    },
    {
        # Sample: activities, languages.
        "slug": "polonia-dresden",
        "type": MIGRANT,
        "is_sample": True,
        "name": "Polonia-Dresden e. V.",
        "short_name": "",
        "description": _fag("polonia-dresden"),
        "activities": ["culture", "education"],
        "languages": ["pl", "de"],
    },
    {
        "slug": "bamf",
        "type": AUTHORITY,
        "is_sample": False,
        "name": "Bundesamt für Migration und Flüchtlinge",
        "short_name": "BAMF",
        "description": _fag("bamf"),
    },
    {
        "slug": "saechsische-bildungsagentur-dresden",
        "type": AUTHORITY,
        "is_sample": False,
        "name": "Sächsische Bildungsagentur, Regionalstelle Dresden",
        "short_name": "SBA",
        "description": _fag("saechsische-bildungsagentur-dresden"),
    },
    {
        "slug": "kreiselternrat-dresden",
        "type": OTHER,
        "is_sample": False,
        "name": "Kreiselternrat Dresden",
        "short_name": "",
        "description": _fag("kreiselternrat-dresden"),
    },
    {
        "slug": "dresdner-verein-soziale-integration",
        "type": OTHER,
        "is_sample": False,
        "name": "Dresdner Verein für soziale Integration von Ausländern und Aussiedlern",
        "short_name": "",
        "description": _fag("dresdner-verein-soziale-integration"),
    },
    {
        "slug": "krankenhaus-friedrichstadt",
        "type": OTHER,
        "is_sample": False,
        "name": "Krankenhaus Friedrichstadt",
        "short_name": "",
        "description": _fag("krankenhaus-friedrichstadt"),
    },
    {
        "slug": "krankenhaus-neustadt",
        "type": OTHER,
        "is_sample": False,
        "name": "Krankenhaus Neustadt",
        "short_name": "",
        "description": _fag("krankenhaus-neustadt"),
    },
    {
        # Sample: activities, languages.
        "slug": "juedischer-frauenverein-dresden",
        "type": OTHER,
        "is_sample": True,
        "name": "Jüdischer Frauenverein Dresden e. V.",
        "short_name": "",
        "description": _fag("juedischer-frauenverein-dresden"),
        "activities": ["women", "culture", "religion"],
        "languages": ["de", "ru", "he"],
    },
    {
        "slug": "mbe-bdv",
        "type": OTHER,
        "is_sample": False,
        "name": "Migrationsberatung für Erwachsene (MBE) im BdV",
        "short_name": "MBE",
        "description": (
            "Migrationsberatung im Bund der Vertriebenen, Landesverband Sachsen/Schlesische "
            "Lausitz e. V. " + _fag("mbe-bdv")
        ),
    },
    {
        # Sample: activities, languages, district.
        "slug": "chinesisch-deutsches-zentrum",
        "type": MIGRANT,
        "is_verified": True,
        "is_sample": True,
        "name": "Chinesisch-Deutsches Zentrum e. V.",
        "short_name": "",
        "description": (
            _fag("chinesisch-deutsches-zentrum") + " Stellte auf der Konferenz der "
            "Migrant*innenorganisationen 2023 die Zusammenarbeit mit der Projektschmiede "
            "(Kulturbüro Dresden) vor."
        ),
        "description_en": (
            "Member of the expert working group FAG 4 (social integration, participation, "
            "sport, culture) of the 2009 integration concept. Presented its work with the "
            "Projektschmiede (Kulturbüro Dresden) at the 2023 conference of migrant "
            "organisations."
        ),
        "activities": ["culture", "education", "language"],
        "languages": ["zh", "de", "en"],
        "district": "Neustadt",
    },
    {
        # Sample: activity.
        "slug": "kreissportbund-dresden",
        "type": UMBRELLA,
        "is_sample": True,
        "name": "Kreissportbund Dresden e. V.",
        "short_name": "KSB Dresden",
        "description": _fag("kreissportbund-dresden"),
        "activities": ["sport"],
    },
    {
        # Sample: activities, languages.
        "slug": "afropa",
        "type": MIGRANT,
        "is_sample": True,
        "name": "AFROPA e. V.",
        "short_name": "",
        "description": _fag("afropa") + " Dort zugleich Vertreter des Ausländerbeirats.",
        "activities": ["culture", "antidiscrimination", "politics"],
        "languages": ["de", "en", "fr"],
    },
    {
        "slug": "theater-junge-generation",
        "type": OTHER,
        "is_sample": False,
        "name": "Theater Junge Generation",
        "short_name": "tjg",
        "description": (
            "Der Umsetzungsbericht 2009–2014 nennt das Theater Junge Generation als Ort "
            "interkultureller Veranstaltungen."
        ),
    },
]


# (member slug, umbrella slug) as the seeds state them.
UMBRELLA_MEMBERSHIPS = [
    ("cabana", "oeiz"),  # seed 004: "Cabana, ÖIZ e. V."
    ("caritas-jugendmigrationsdienst", "caritas"),  # seed 004: "Caritas-Jugendmigrationsdienst"
    ("awo-migrationsdienst-prohlis", "awo"),  # seed 004: "AWO Migrationsdienst Prohlis"
    ("mbe-bdv", "bdv-sachsen"),  # seed 004: "MBE im BdV LV Sa/Schlesische Lausitz e. V."
    ("projektschmiede", "kulturbuero-dresden"),  # seed 003: "Projektschmiede (Kulturbüro Dresden)"
]


# --- Demo users (all invented) ------------------------------------------------------
# Passwords are printed by `load_demo`; demo users cannot log in unless TEILHABE_DEMO.

USERS = [
    {
        "email": "buero@demo.teilhabe.example",
        "password": "demo-buero-2026",
        "full_name": "Anna Beispiel",
        "role": "office_admin",
    },
    {
        "email": "amt@demo.teilhabe.example",
        "password": "demo-amt-2026",
        "full_name": "Tom Muster",
        "role": "department_editor",
        "departments": ["41", "50"],
    },
    {
        "email": "verein@demo.teilhabe.example",
        "password": "demo-verein-2026",
        "full_name": "Lina Probe",
        "role": "organisation_representative",
        "organisations": ["dsm", "auslaenderrat-dresden"],
    },
    {
        "email": "moderation@demo.teilhabe.example",
        "password": "demo-moderation-2026",
        "full_name": "Jonas Demo",
        "role": "moderator",
    },
]


# === Action plan (plan app) ==========================================================
# Sources: seed 004 (implementation report 2009–2014) for the 2009 cycle; seeds 000, 001
# and 002 for 2015–2020 and 2021–2026. What the seeds do not say is marked:
# * ConceptCycle, Measure, Indicator, FundingLine: ``"is_sample": True``;
# * status reports: ``"is_sample": True`` on the report row – the loader then starts its
#   text with SAMPLE_REPORT_NOTE (the model has no flag of its own);
# * phases, fields of action and goals: a sentence in their text (see the notes below).
# Progress of an unfinished measure is never stated in the seeds: 100 % stands for
# "done"; the percentages of reports "in progress" are estimates for the charts.

CYCLE_2009, CYCLE_2015, CYCLE_2021 = "2009", "2015-2020", "2021-2026"
PREPARATION, DRAFTING, CONSULTATION = "preparation", "drafting", "consultation"
ADOPTED, IMPLEMENTATION, REPORTED, SUPERSEDED = (
    "adopted",
    "implementation",
    "reported",
    "superseded",
)
PLANNED, IN_PROGRESS, DONE, DELAYED = "planned", "in_progress", "done", "delayed"

# Invented (not in the seeds): the day the council adopted the 2021–2026 action plan.
ADOPTION_2021_SAMPLE = date(2022, 3, 31)

# The last day of the reporting period of seed 004 ("Zeitraum Juli 2009 – März 2014"):
# the date of every status report that repeats what that report says.
END_OF_REPORT_2009 = date(2014, 3, 31)
START_OF_REPORT_2009 = date(2009, 7, 1)
REPORT_2009 = "Umsetzungsbericht Juli 2009 – März 2014"

SAMPLE_REPORT_NOTE = (
    "Beispieldaten: Zwischenstand für die Demo ergänzt, Datum und Text nicht aus den Quellen. "
)
SAMPLE_FIELD_NOTE = (
    "Beispieldaten: Name und Analyse dieses Handlungsfeldes stehen nicht in den Quellen. "
)
DERIVED_GOAL_NOTE = (
    "Der Umsetzungsbericht formuliert keine Ziele; dieses Ziel ist für die Demo aus den "
    "berichteten Leistungen abgeleitet."
)
SAMPLE_GOAL_NOTE = "Beispieldaten: Ziel für die Demo formuliert, nicht aus den Quellen."

LONG_TERM_GOAL_2015 = (
    "„in der Stadt ein fremdenfreundliches Klima zu schaffen, für Zuwanderer gleiche "
    "Chancen wie für Einheimische zu gewährleisten und die Bedingungen für in Dresden "
    "lebende Migrantinnen und Migranten zu verbessern, damit sie ein selbstbestimmtes "
    "Leben in der Stadt führen können.“"
)

# --- Concept cycles ------------------------------------------------------------------
# Council decision numbers and dates are not in the seeds and stay empty.

CONCEPT_CYCLES = [
    {
        "slug": CYCLE_2009,
        "predecessor": None,
        "is_sample": False,
        "is_published": True,
        "title": "Konzept zur Integration von Migrantinnen und Migranten 2009",
        "title_en": "Concept for the Integration of Migrants 2009",
        "title_simple": "Plan für Integration von 2009",
        "short_title": "Integrationskonzept 2009",
        # Implementation period of seed 004: from 1 July 2009 to March 2014.
        "starts_on": date(2009, 7, 1),
        "ends_on": date(2014, 3, 31),
        "phase": REPORTED,
        "summary": (
            "Das erste Dresdner Integrationskonzept. Der Handlungsplan zur "
            "verwaltungsinternen Umsetzung trat am 1. Juli 2009 in Kraft. Er legte die "
            "Organisationsstrukturen, Aufgaben und Rollen der Steuerungsgruppe, der "
            "handlungsfeldbezogenen Facharbeitsgruppen und der Integrations- und "
            "Ausländerbeauftragten fest, ebenso die Rechenschaftslegung und die "
            "Fortschreibung des Konzeptes.\n\n"
            "Vier Facharbeitsgruppen (FAG 1–4) aus Vereinen, Trägern, Behörden und Ämtern "
            "arbeiteten bis Mai 2013; ihre Mitglieder wirkten anschließend an der "
            "Erarbeitung des Integrationskonzeptes 2015–2020 mit. Der Umsetzungsbericht "
            "für Juli 2009 bis März 2014 wurde am 16. Dezember 2014 im Ausländerbeirat "
            "Dresden beraten."
        ),
        "summary_en": (
            "Dresden's first integration concept. The action plan for its implementation "
            "within the city administration came into force on 1 July 2009. It set out the "
            "structures, tasks and roles of the steering group, the expert working groups "
            "per field of action and the integration commissioner, as well as reporting "
            "and the revision of the concept.\n\n"
            "Four expert working groups (FAG 1–4) of associations, service providers, "
            "authorities and city departments worked until May 2013; their members then "
            "helped to write the integration concept 2015–2020. The implementation report "
            "for July 2009 to March 2014 was discussed by the foreigners' advisory council "
            "on 16 December 2014."
        ),
        "summary_simple": (
            "2009 hat Dresden den ersten Plan für Integration gemacht. "
            "Vier Arbeits-Gruppen haben bei dem Plan geholfen. In den Gruppen waren "
            "Vereine und Ämter.\n\n"
            "Die Stadt hat aufgeschrieben, was sie von Juli 2009 bis März 2014 geschafft "
            "hat. Das ist der Bericht. Der Ausländer-Beirat hat am 16. Dezember 2014 über "
            "den Bericht gesprochen."
        ),
        "phases": [
            {
                # The seeds give only the year of the concept; the day is a placeholder.
                "phase": ADOPTED,
                "starts_on": date(2009, 1, 1),
                "ends_on": None,
                "note": (
                    "Das „Konzept zur Integration von Migrantinnen und Migranten 2009“ wurde "
                    "2009 beschlossen. Datum und Nummer des Stadtratsbeschlusses stehen nicht "
                    "in den Quellen; der 1. Januar 2009 ist ein Platzhalter (Beispieldaten)."
                ),
                "note_en": (
                    "The concept was adopted in 2009. The date and number of the council "
                    "decision are not in the sources; 1 January 2009 is a placeholder "
                    "(sample data)."
                ),
            },
            {
                "phase": IMPLEMENTATION,
                "starts_on": date(2009, 7, 1),
                "ends_on": date(2014, 3, 31),
                "note": (
                    "Der Handlungsplan zur verwaltungsinternen Umsetzung trat am 1. Juli 2009 "
                    "in Kraft. Die Facharbeitsgruppen FAG 1–4 arbeiteten bis Mai 2013. Der "
                    "Umsetzungsbericht umfasst Juli 2009 bis März 2014."
                ),
                "note_en": (
                    "The action plan for the implementation came into force on 1 July 2009. "
                    "The expert working groups FAG 1–4 worked until May 2013. The "
                    "implementation report covers July 2009 to March 2014."
                ),
            },
            {
                "phase": REPORTED,
                "starts_on": date(2014, 12, 16),
                "ends_on": None,
                "note": (
                    "Beratung des Umsetzungsberichtes im Ausländerbeirat Dresden am "
                    "16. Dezember 2014."
                ),
                "note_en": (
                    "The foreigners' advisory council discussed the implementation report "
                    "on 16 December 2014."
                ),
                "note_simple": (
                    "Am 16. Dezember 2014 hat der Ausländer-Beirat über den Bericht gesprochen."
                ),
            },
        ],
    },
    {
        "slug": CYCLE_2015,
        "predecessor": CYCLE_2009,
        "is_sample": False,
        "is_published": True,
        "title": "Integrationskonzept 2015 bis 2020",
        "title_en": "Integration Concept 2015 to 2020",
        "title_simple": "Plan für Integration 2015 bis 2020",
        "short_title": "Integrationskonzept 2015–2020",
        "starts_on": date(2015, 1, 1),
        "ends_on": date(2020, 12, 31),
        # Its period has ended and the revision (2021–2026) is under way (seed 001).
        "phase": SUPERSEDED,
        "summary": (
            "Dresden war schon immer eine Stadt, in der Migration, das heißt Zu- und "
            "Abwanderung, eine wichtige Rolle spielte. Viele wichtige Impulse verdankt die "
            "Stadt zugewanderten Menschen. Jeder zwölfte Mensch in Dresden hat einen "
            "Migrationshintergrund.\n\n"
            "Das Integrationskonzept 2015 bis 2020 beschreibt die Regeln und Ziele der "
            "Integrationspolitik in Dresden. Danach betrachtet es in elf Bereichen die "
            "aktuelle Situation und die zukünftigen Aufgaben, die in den nächsten fünf "
            "Jahren von der Stadtverwaltung, ihren Ämtern und vom Stadtrat umzusetzen sind. "
            "Langfristiges Ziel ist es, " + LONG_TERM_GOAL_2015 + "\n\n"
            "Das Konzept beauftragte die Oberbürgermeisterin/den Oberbürgermeister, dem "
            "Stadtrat spätestens 2020 ein neues oder fortgeschriebenes Konzept "
            "vorzulegen.\n\n"
            "Hinweis zur Demo: Die Quellen nennen die elf Bereiche nicht einzeln. Die Demo "
            "zeigt deshalb nur drei Beispiel-Handlungsfelder mit Beispielmaßnahmen; sie "
            "sind als Beispieldaten gekennzeichnet."
        ),
        "summary_en": (
            "Dresden has always been a city in which migration played an important role, "
            "and it owes many important impulses to people who moved here. One in twelve "
            "people in Dresden has a migration background.\n\n"
            "The integration concept 2015 to 2020 sets out the rules and goals of "
            "integration policy in Dresden and then looks at the current situation and "
            "future tasks in eleven areas, to be carried out by the city administration, "
            "its departments and the city council within five years. Its long-term goal is "
            "to create a climate in the city that welcomes foreigners, to ensure equal "
            "opportunities for immigrants and locals, and to improve the conditions for "
            "migrants living in Dresden so that they can lead self-determined lives in the "
            "city.\n\n"
            "Note on the demo: the sources do not name the eleven areas. The demo shows three "
            "sample fields of action with sample measures, marked as sample data."
        ),
        "summary_simple": (
            "In Dresden leben viele Menschen, die aus anderen Ländern gekommen sind. "
            "Jeder zwölfte Mensch in Dresden hat eine Familie aus einem anderen Land.\n\n"
            "Der Plan für 2015 bis 2020 sagt: Alle sollen in Dresden willkommen sein. Alle "
            "sollen die gleichen Chancen haben. Alle sollen selbst über ihr Leben "
            "bestimmen können.\n\n"
            "Der Plan hat elf Themen. In der Demo sehen Sie nur drei Beispiel-Themen."
        ),
        "phases": [
            {
                "phase": IMPLEMENTATION,
                "starts_on": date(2015, 1, 1),
                "ends_on": date(2020, 12, 31),
                "note": (
                    "Umsetzung durch die Stadtverwaltung, ihre Ämter und den Stadtrat. "
                    "Die Mitglieder der früheren Facharbeitsgruppen waren an der "
                    "Erarbeitung beteiligt."
                ),
            },
            {
                "phase": SUPERSEDED,
                "starts_on": date(2021, 1, 1),
                "ends_on": None,
                "note": (
                    "Der Umsetzungszeitraum endete 2020. Seit 2019 wird das Konzept zum "
                    "„Aktionsplan Integration 2021 bis 2026“ fortgeschrieben."
                ),
                "note_en": (
                    "The implementation period ended in 2020. Since 2019 the concept has been "
                    "revised into the Action Plan Integration 2021 to 2026."
                ),
            },
        ],
    },
    {
        "slug": CYCLE_2021,
        "predecessor": CYCLE_2015,
        "is_sample": False,
        "is_published": True,
        "title": "Aktionsplan Integration 2021 bis 2026",
        "title_en": "Action Plan Integration 2021 to 2026",
        "title_simple": "Aktions-Plan Integration 2021 bis 2026",
        "title_ar": "خطة عمل الاندماج 2021 إلى 2026",
        "title_uk": "План дій з інтеграції на 2021–2026 роки",
        "title_ru": "План действий по интеграции на 2021–2026 годы",
        "short_title": "Aktionsplan 2021–2026",
        "starts_on": date(2021, 1, 1),
        "ends_on": date(2026, 12, 31),
        # The seeds end with the consultation of 2021. That the plan was then adopted
        # and is being implemented is sample data (see the ADOPTED and IMPLEMENTATION
        # phases below): the demo shows a plan in force, whatever the day it is loaded.
        "phase": IMPLEMENTATION,
        "summary": (
            "Die Fortschreibung des Integrationskonzeptes 2015 bis 2020 („update 2021“). "
            "Das Dresdner Integrationskonzept besteht künftig aus zwei Teilen: der „Analyse "
            "der kommunalen Handlungsfelder“, die Entwicklungen der vergangenen Jahre "
            "aufzeigt und eine Auswahl integrationsrelevanter Themen mit kommunalem Bezug "
            "betrachtet, und dem „Aktionsplan Integration 2021 bis 2026“ mit den "
            "zukünftigen Zielen und Maßnahmen der Dresdner Integrationsarbeit.\n\n"
            "Der Prozess begann 2019 mit einer ausführlichen Diskussion zu Aufbau und "
            "Strukturen des Dokuments in den fünf handlungsfeldbezogenen Arbeitsgruppen, in "
            "der Koordinierungsgruppe zur Umsetzung des Integrationskonzeptes und in der "
            "Fach-AG „Migration-Integration“. Im Frühsommer 2021 wird die Analyse in drei "
            "Beteiligungsveranstaltungen unter dem Motto „Gemeinsam.Verantwortung.Leben“ "
            "öffentlich diskutiert. Danach werden die Analyse angepasst und die Ziele und "
            "Maßnahmen des Aktionsplans erarbeitet.\n\n"
            "Hinweis zur Demo: Die Namen der fünf Handlungsfelder, ihre Analysetexte, Ziele "
            "und Maßnahmen stehen nicht in den Quellen und sind Beispieldaten."
        ),
        "summary_en": (
            'The revision of the integration concept 2015 to 2020 ("update 2021"). Dresden\'s '
            "integration concept will consist of two parts: the analysis of the municipal "
            "fields of action, which shows the developments of recent years and looks at a "
            "selection of integration topics with a municipal connection, and the Action "
            "Plan Integration 2021 to 2026 with the future goals and measures of integration "
            "work in Dresden.\n\n"
            "The process began in 2019 with a detailed discussion of the document's structure "
            "in the five working groups per field of action, in the coordination group for "
            "the implementation of the integration concept and in the expert group "
            '"Migration-Integration". In early summer 2021 the analysis is discussed in '
            'public at three participation events under the motto "Together. '
            'Responsibility. Living.". Then the analysis is revised and the goals and '
            "measures of the action plan are worked out.\n\n"
            "Note on the demo: the names of the five fields of action, their analyses, goals "
            "and measures are not in the sources and are sample data."
        ),
        "summary_simple": (
            "Dresden macht einen neuen Plan für Integration. Der Plan hat zwei Teile.\n\n"
            "Teil 1 heißt: Analyse. Da steht: Was ist in den letzten Jahren passiert?\n\n"
            "Teil 2 heißt: Aktions-Plan. Da steht: Was will die Stadt bis 2026 tun?\n\n"
            "Alle können mitreden. Im Sommer 2021 gibt es dafür drei Treffen im Rathaus."
        ),
        "phases": [
            {
                # Seed 001 gives only the year 2019; the day is a placeholder.
                "phase": PREPARATION,
                "starts_on": date(2019, 1, 1),
                "ends_on": None,
                "note": (
                    "Im Jahr 2019 begann die Neufassung mit einer ausführlichen Diskussion zu "
                    "Aufbau und Strukturen des Dokuments in den fünf handlungsfeldbezogenen "
                    "Arbeitsgruppen, in der Koordinierungsgruppe zur Umsetzung des "
                    "Integrationskonzeptes und in der Fach-AG „Migration-Integration“. "
                    "Ergebnis: die neue Struktur aus „Analyse der kommunalen Handlungsfelder“ "
                    "und „Aktionsplan Integration 2021 bis 2026“. Von November 2020 bis Ende "
                    "Februar 2021 befragte der Dachverband sächsischer Migrantenorganisationen "
                    "20 Dresdner Migrantenorganisationen und übergab am 17. März 2021 sein "
                    "Positionspapier. (Die Quellen nennen für den Beginn nur das Jahr 2019.)"
                ),
                "note_en": (
                    "In 2019 the revision began with a detailed discussion of the document's "
                    "structure in the five working groups, the coordination group and the "
                    'expert group "Migration-Integration". From November 2020 to February 2021 '
                    "the umbrella association of Saxon migrant organisations interviewed 20 "
                    "organisations in Dresden and handed over its position paper on "
                    "17 March 2021. (The sources give only the year 2019 for the start.)"
                ),
            },
            {
                # The date of seed 001's update, when the first draft was with the groups.
                "phase": DRAFTING,
                "starts_on": date(2021, 4, 15),
                "ends_on": None,
                "note": (
                    "Stand 15. April 2021: Der erste Entwurf der „Analyse der kommunalen "
                    "Handlungsfelder“ liegt den handlungsfeldbezogenen Arbeitsgruppen und "
                    "der Koordinierungsgruppe zur Diskussion und Überarbeitung vor."
                ),
                "note_en": (
                    "As of 15 April 2021 the first draft of the analysis of the municipal "
                    "fields of action is with the working groups and the coordination group "
                    "for discussion and revision."
                ),
            },
            {
                # "ab Ende Mai" (seed 001) is entered as 31 May.
                "phase": CONSULTATION,
                "starts_on": date(2021, 5, 31),
                "ends_on": date(2021, 7, 18),
                "note": (
                    "Ab Ende Mai 2021 steht der zweite Entwurf der Analyse der kommunalen "
                    "Handlungsfelder in Deutsch, Englisch und einfacher Sprache zum "
                    "Herunterladen bereit. Drei Beteiligungsveranstaltungen "
                    "„Gemeinsam.Verantwortung.Leben“ im Dresdner Rathaus, Rathausplatz 1, "
                    "Eingang Goldene Pforte, jeweils 10 bis 16 Uhr: offen am 27. Juni und am "
                    "18. Juli 2021, geschlossen für eingeladene Gruppen am 3. Juli 2021. Je 50 "
                    "Plätze, Teilnahme kostenlos, Anmeldeschluss 15. Juni 2021."
                ),
                "note_en": (
                    "From the end of May 2021 the second draft of the analysis is available "
                    "for download in German, English and plain language. Three participation "
                    "events at Dresden City Hall, Rathausplatz 1, entrance Goldene Pforte, "
                    "each from 10 am to 4 pm: open on 27 June and 18 July 2021, closed for "
                    "invited groups on 3 July 2021. 50 places each, free of charge, "
                    "registration by 15 June 2021."
                ),
                "note_simple": (
                    "Ab Ende Mai 2021 können Sie den Text lesen. Den Text gibt es auf "
                    "Deutsch, auf Englisch und in einfacher Sprache. Es gibt drei Treffen im "
                    "Rathaus: am 27. Juni, am 3. Juli und am 18. Juli 2021. Die Treffen sind "
                    "kostenlos. Bitte melden Sie sich bis zum 15. Juni 2021 an."
                ),
            },
            {
                # Invented: the seeds do not say when (or whether) the council adopted it.
                "phase": ADOPTED,
                "starts_on": ADOPTION_2021_SAMPLE,
                "ends_on": None,
                "note": (
                    "Beispieldaten: Beschluss des Aktionsplans durch den Stadtrat. Datum und "
                    "Beschluss stehen nicht in den Quellen."
                ),
                "note_en": (
                    "Sample data: the council adopts the action plan. The date and the "
                    "decision are not in the sources."
                ),
            },
            {
                # Invented, open-ended: the plan stays in implementation until its
                # implementation report, so the demo has a running plan on any day.
                "phase": IMPLEMENTATION,
                "starts_on": ADOPTION_2021_SAMPLE + timedelta(days=1),
                "ends_on": None,
                "note": (
                    "Beispieldaten: Die Fachämter setzen die Maßnahmen um und berichten "
                    "regelmäßig über den Stand."
                ),
                "note_en": (
                    "Sample data: the departments carry out the measures and report on "
                    "their progress regularly."
                ),
            },
        ],
    },
]


# --- Fields of action and goals ------------------------------------------------------


def _german_list(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]


def _working_group_situation(short_name):
    """The German sentence naming who accompanied a 2009 field (seed 004, FAG lists)."""
    group = next(g for g in EXPERT_WORKING_GROUPS_2009 if g["short_name"] == short_name)
    names = {row["slug"]: row["name"] for row in ORGANISATIONS}
    organisations = [names[slug] for slug in group["organisations"]]
    numbers = [key for key in group["departments"] if key.isdigit()]
    departments = f"der Ämter {_german_list(numbers)}"
    if OB_AREA in group["departments"]:
        departments += " sowie des OB-Bereiches"
    return (
        f"Die Umsetzung begleitete bis Mai 2013 die Facharbeitsgruppe {short_name}. "
        f"Mitglieder: {_german_list(organisations)}; dazu Vertreterinnen und Vertreter "
        f"{departments}. " + group["note"]
    )


# 2009: the four fields of the working groups FAG 1–4 and, as field 5, the cross-cutting
# "Interkulturelle Orientierung und Öffnung" (chapter 3 of seed 004). Analysis texts are
# taken from seed 004. The report states no goals: every 2009 goal is derived from the
# achievements and says so (DERIVED_GOAL_NOTE).
# 2015–2020 and 2021–2026: the seeds do not name the fields (eleven areas, five working
# groups); the demo shows a few sample fields whose texts start with SAMPLE_FIELD_NOTE.

FIELDS_OF_ACTION = [
    {
        "cycle": CYCLE_2009,
        "number": 1,
        "slug": "wirtschaft-arbeit-berufsausbildung",
        "title": "Wirtschaft, Arbeit, Berufsausbildung",
        "title_en": "Economy, work, vocational training",
        "situation": _working_group_situation("FAG 1"),
        "developments": (
            "Das Amt für Wirtschaftsförderung gibt Broschüren in englischer Sprache heraus "
            "und hat mehrsprachige Mitarbeiterinnen und Mitarbeiter neu eingestellt. Mit "
            "Postkarten wirbt die Stadt um Auszubildende."
        ),
        "challenges": (
            "Der Umsetzungsbericht nennt für dieses Handlungsfeld keine eigenen "
            "Handlungsbedarfe. Übergreifend fordert er den Ausbau des interkulturellen "
            "Personalmanagements, etwa durch die Ansprache in Stellenausschreibungen."
        ),
        "goals": [
            {
                "code": "1.1",
                "title": "Unternehmen und Fachkräfte mehrsprachig ansprechen",
                "title_en": "Address businesses and skilled workers in several languages",
                "description": DERIVED_GOAL_NOTE,
            },
            {
                "code": "1.2",
                "title": "Junge Menschen für eine Ausbildung gewinnen",
                "description": DERIVED_GOAL_NOTE,
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "number": 2,
        "slug": "soziales-wohnen-gesundheit",
        "title": "Soziales, Wohnen, Gesundheitsthemen",
        "title_en": "Social affairs, housing, health",
        "situation": _working_group_situation("FAG 2"),
        "developments": (
            "Eine teilräumliche Sozialanalyse dient der Vermeidung von Segregation und dem "
            "zielgerichteten Einsatz von Städtebaufördermitteln. Im Programm „Die Soziale "
            "Stadt“ wurden in Prohlis, Am Koitschgraben und in Gorbitz viele Projekte zur "
            "Integrationsarbeit durchgeführt; das Integrationszentrum „Am Koitschgraben“ "
            "wurde bis 2011 gefördert. Die Stadt engagiert sich für die Aufnahme der „Nördlichen "
            "Johannstadt“ als Fördergebiet. Der Eigenbetrieb Friedhof- und "
            "Bestattungswesen richtete ein muslimisches Gräberfeld ein und bereitet ein "
            "buddhistisches vor. Die Seniorenbegegnungsstätte Altstadt bietet das Projekt "
            "„Interkulturelle Begegnung“. Die Finanzierung des Gemeindedolmetscherdienstes "
            "wurde ausgebaut."
        ),
        "challenges": (
            "Dresden gestaltet die Unterbringung, medizinische Versorgung und soziale "
            "Einbindung sowie Betreuung von Asylsuchenden und Geduldeten menschenwürdig und "
            "bedarfsgerecht, z. B. durch ein „Umsetzungs- und Finanzierungskonzept“ für "
            "Sprachkurse. Zu klären sind Strukturen und Abläufe bei der Behandlung von "
            "Traumafolgestörungen bei Flüchtlingen und beim Übergang von der sozialen "
            "Betreuung zur Migrationsberatung für Erwachsene (MBE). Die Arbeit des "
            "Gemeindedolmetscherdienstes ist bedarfsgerecht zu sichern."
        ),
        "goals": [
            {
                "code": "2.1",
                "title": "Segregation vermeiden und Stadtteile stärken",
                "title_en": "Avoid segregation and strengthen neighbourhoods",
                "description": DERIVED_GOAL_NOTE,
            },
            {
                "code": "2.2",
                "title": "Ältere Menschen mit Migrationsgeschichte erreichen",
                "description": DERIVED_GOAL_NOTE,
            },
            {
                "code": "2.3",
                "title": "Bestattung nach der eigenen Religion und Kultur ermöglichen",
                "title_en": "Make burial according to one's own religion and culture possible",
                "description": DERIVED_GOAL_NOTE,
            },
            {
                "code": "2.4",
                "title": "Verständigung in Beratung und Versorgung sichern",
                "description": DERIVED_GOAL_NOTE,
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "number": 3,
        "slug": "bildung-kinder-jugend-familie",
        "title": "Frühkindliche und Schulbildung, Kinder-, Jugend- und Familienarbeit",
        "title_en": "Early childhood and school education, work with children, young "
        "people and families",
        "title_simple": "Kita, Schule, Kinder, Jugendliche und Familien",
        "situation": _working_group_situation("FAG 3"),
        "situation_en": (
            "Until May 2013 the implementation was accompanied by the expert working group "
            "FAG 3 with associations such as the Ausländerrat Dresden, Portal and "
            "Polonia-Dresden, the Federal Office for Migration and Refugees, the Saxon "
            "education agency, the district parents' council and representatives of the "
            "city departments 15, 40, 42, 51, 53 and 55."
        ),
        "situation_simple": (
            "Eine Arbeits-Gruppe hat bei diesem Thema geholfen. In der Gruppe waren Vereine, "
            "Ämter und Eltern-Vertreter."
        ),
        "developments": (
            "Der Eigenbetrieb Kindertageseinrichtungen fördert Stellen im Rahmen von "
            "„Schwerpunkt Kita, Sprache & Integration“ und Förderprogrammen Sachsens. Die "
            "Stadt übernahm die Ausstattung des „Kompetenzzentrums Sprache“ an der "
            "101. Mittelschule und führte das START-Stipendienprogramm weiter. Die "
            "Städtischen Bibliotheken bieten das Projekt „Lesestark!“ an und präzisierten "
            "ihre Ziele im Bibliotheksentwicklungsplan. Das Jugendamt verankerte "
            "Integration in weiteren Fachplanungen der Kinder-, Jugendhilfe- und "
            "Familienarbeit, machte sie zum Thema im JugendInfoService und fördert "
            "spezifische Angebote für junge Menschen mit Migrationshintergrund. Bei der "
            "Ausschreibung der Schulverpflegung werden die Speisen im Hinblick auf "
            "ethnische, kulturelle und religiöse Essgewohnheiten ausgewiesen."
        ),
        "developments_en": (
            'The municipal day-care enterprise funds posts in the programme "Focus on '
            'day-care, language & integration" and in Saxon funding programmes. The city '
            "took over the equipment of the language competence centre at the 101st "
            "secondary school and continued the START scholarship programme. The municipal "
            'libraries run the reading project "Lesestark!". The youth welfare office '
            "anchored integration in its planning and in its youth information service. "
            "School meals are labelled with regard to ethnic, cultural and religious eating "
            "habits."
        ),
        "challenges": (
            "Bedarfsgerecht zu sichern sind die „Bildungspatenschaften“, die soziale Arbeit "
            "im Kontext Schule und die Förderung von Mehrsprachigkeit in den Kitas."
        ),
        "challenges_en": (
            "Educational mentoring, social work at schools and the promotion of "
            "multilingualism in day-care centres need to be secured as required."
        ),
        "challenges_simple": (
            "Das muss bleiben: Paten helfen Kindern beim Lernen. Sozial-Arbeiter helfen in "
            "Schulen. Kitas fördern Kinder, die mehrere Sprachen sprechen."
        ),
        "goals": [
            {
                "code": "3.1",
                "title": "Sprache und Bildung von Kindern und Jugendlichen fördern",
                "title_en": "Support the language and education of children and young people",
                "title_simple": "Kinder lernen gut Deutsch und gehen gut zur Schule",
                "description": DERIVED_GOAL_NOTE,
            },
            {
                "code": "3.2",
                "title": "Integration in der Kinder- und Jugendhilfe verankern",
                "description": DERIVED_GOAL_NOTE,
            },
            {
                "code": "3.3",
                "title": "Essgewohnheiten in der Schulverpflegung berücksichtigen",
                "description": DERIVED_GOAL_NOTE,
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "number": 4,
        "slug": "teilhabe-partizipation-sport-kultur",
        "title": "Gesellschaftliche und soziale Integration, Partizipation, Sport, Kultur",
        "title_en": "Social integration, participation, sport, culture",
        "situation": _working_group_situation("FAG 4"),
        "developments": (
            "Das Amt 41 steigerte die Förderung interkultureller Arbeit von 140.600 Euro "
            "(2009) auf 149.200 Euro (2013); die Projektförderung von Migrantenvereinen stieg "
            "von 36.800 Euro auf 40.400 Euro. Die Stadt unterstützt die Interkulturellen "
            "Tage fachlich und finanziell, interkulturelle Veranstaltungen in Museen, "
            "Sammlungen, soziokulturellen Zentren, im Theater Junge Generation und in der "
            "VHS sowie Feste wie das Chinesische Frühlingsfest und das Tetfest mit dem "
            "Verein der Vietnamesen (GB 7). Ausländische Kulturvereine wirken bei den "
            "Städtepartnerschaften mit. Das Lokale Handlungsprogramm für Demokratie und "
            "Toleranz, gegen Rechtsextremismus wurde 2012 und 2013 mit zusammen ca. "
            "550.000 Euro umgesetzt. Die Sportentwicklungsplanung wurde fortgeschrieben."
        ),
        "challenges": (
            "Alle städtischen Fachplanungen sind auf ihren Beitrag zur Integration von "
            "Menschen mit Migrationshintergrund und zum Abbau von Gruppenbezogener "
            "Menschenfeindlichkeit zu überprüfen und weiterzuentwickeln."
        ),
        "goals": [
            {
                "code": "4.1",
                "title": "Interkulturelle Kulturarbeit und Migrantenvereine fördern",
                "title_en": "Fund intercultural work and migrant associations",
                "description": DERIVED_GOAL_NOTE,
            },
            {
                "code": "4.2",
                "title": "Teilhabe stärken und Rechtsextremismus entgegentreten",
                "description": DERIVED_GOAL_NOTE,
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "number": 5,
        "slug": "interkulturelle-oeffnung",
        "title": "Interkulturelle Orientierung und Öffnung der Verwaltung",
        "title_en": "Intercultural orientation and opening of the administration",
        "title_simple": "Die Stadt-Verwaltung ist offen für alle",
        "situation": (
            "Querschnittsaufgabe aller Ämter (Kapitel 3 des Umsetzungsberichtes). "
            "Mehrsprachige Informationsmaterialien und Öffentlichkeitsarbeit meldeten das "
            "Jugendamt, das Büro der Integrations- und Ausländerbeauftragten, das Büro der "
            "Oberbürgermeisterin, das Ordnungsamt, das Bürgeramt, das Haupt- und "
            "Personalamt, das Amt für Stadtgrün und Abfallwirtschaft, das Sozialamt, das "
            "Gesundheitsamt, das Amt für Wirtschaftsförderung und das Kulturamt."
        ),
        "situation_en": (
            "A task for all departments (chapter 3 of the implementation report). Eleven "
            "departments and offices reported multilingual information material and public "
            "relations work, from the youth welfare office to the cultural office."
        ),
        "situation_simple": (
            "Alle Ämter sollen offen sein für Menschen aus anderen Ländern. Elf Ämter haben "
            "Infos in mehreren Sprachen gemacht."
        ),
        "developments": (
            "Zwischen Juli 2009 und November 2014 nahmen 222 Beschäftigte an zentralen und "
            "dezentralen Fortbildungen zur interkulturellen Kompetenz teil; der "
            "Geschäftsbereich Ordnung und Sicherheit bot eigene Fortbildungen an. Die "
            "Wirtschaftsförderung stellte mehrsprachige Mitarbeiterinnen und Mitarbeiter "
            "ein. Das Büro der Integrations- und Ausländerbeauftragten berät, vermittelt "
            "bei Beschwerden und Konflikten, hat seine Netzwerkarbeit ausgebaut und prüft "
            "alle Beschluss- und Informationsvorlagen."
        ),
        "developments_en": (
            "Between July 2009 and November 2014, 222 employees took part in central and "
            "local training in intercultural competence. The economic development office "
            "hired multilingual staff. The integration commissioner's office advises, "
            "mediates in complaints and conflicts, has extended its networking and reviews "
            "all council and information papers."
        ),
        "developments_simple": (
            "222 Mitarbeiter der Stadt haben gelernt: Wie arbeite ich gut mit Menschen aus "
            "anderen Ländern?"
        ),
        "challenges": (
            "Dienstleistungsorientierung in den Mittelpunkt stellen, heißt Vielfalt "
            "gestalten: Dazu gehört der weitere Ausbau der interkulturellen Orientierung "
            "und Öffnung, zum Beispiel ein interkulturelles Personalmanagement in der "
            "Landeshauptstadt Dresden mit entsprechender Ansprache in "
            "Stellenausschreibungen."
        ),
        "challenges_en": (
            "Putting service first means shaping diversity: this includes further "
            "intercultural opening, for example intercultural human resources management "
            "with job advertisements that address applicants accordingly."
        ),
        "goals": [
            {
                "code": "5.1",
                "title": "Mehrsprachig informieren",
                "title_en": "Inform in several languages",
                "title_simple": "Infos in vielen Sprachen",
                "description": DERIVED_GOAL_NOTE,
            },
            {
                "code": "5.2",
                "title": "Interkulturelle Kompetenz der Beschäftigten stärken",
                "title_en": "Strengthen the intercultural competence of staff",
                "description": DERIVED_GOAL_NOTE,
            },
            {
                "code": "5.3",
                "title": "Beraten, vermitteln und vernetzen",
                "description": DERIVED_GOAL_NOTE,
            },
        ],
    },
    # 2015–2020: three sample fields (the seeds name none of the eleven areas).
    {
        "cycle": CYCLE_2015,
        "number": 1,
        "slug": "sprache-bildung",
        "title": "Sprache, Bildung und Erziehung",
        "situation": SAMPLE_FIELD_NOTE
        + (
            "Kinder und Jugendliche mit Migrationsgeschichte besuchen Kitas und Schulen in "
            "allen Stadtteilen; viele wachsen mehrsprachig auf."
        ),
        "goals": [
            {
                "code": "1.1",
                "title": "Mehrsprachigkeit und Bildungserfolg fördern",
                "description": SAMPLE_GOAL_NOTE,
            },
        ],
    },
    {
        "cycle": CYCLE_2015,
        "number": 2,
        "slug": "soziales-gesundheit",
        "title": "Soziales, Gesundheit und Sprachmittlung",
        "situation": SAMPLE_FIELD_NOTE
        + (
            "Seit 2015 kommen deutlich mehr Asylsuchende nach Dresden; Beratung, "
            "Gesundheitsversorgung und Sprachmittlung müssen mitwachsen."
        ),
        "goals": [
            {
                "code": "2.1",
                "title": "Geflüchtete menschenwürdig und bedarfsgerecht betreuen",
                "description": SAMPLE_GOAL_NOTE,
            },
            {
                "code": "2.2",
                "title": "Verständigung in Beratung und Versorgung sichern",
                "description": SAMPLE_GOAL_NOTE,
            },
        ],
    },
    {
        "cycle": CYCLE_2015,
        "number": 3,
        "slug": "interkulturelle-oeffnung",
        "title": "Interkulturelle Öffnung der Verwaltung",
        "situation": SAMPLE_FIELD_NOTE
        + ("Die Stadtverwaltung setzt die interkulturelle Öffnung aus dem Konzept 2009 fort."),
        "goals": [
            {
                "code": "3.1",
                "title": "Vielfalt im Personal der Stadtverwaltung fördern",
                "description": SAMPLE_GOAL_NOTE,
            },
        ],
    },
    # 2021–2026: one sample field per field working group (seed 001: five groups).
    {
        "cycle": CYCLE_2021,
        "number": 1,
        "slug": "sprache-bildung",
        "title": "Sprache und Bildung",
        "title_ar": "اللغة والتعليم",
        "title_uk": "Мова та освіта",
        "title_ru": "Язык и образование",
        "title_en": "Language and education",
        "title_simple": "Sprache und Lernen",
        "situation": SAMPLE_FIELD_NOTE
        + ("Mehr Kinder in Kitas und Schulen wachsen mit mehreren Sprachen auf."),
        "situation_en": (
            "Sample data: the name and analysis of this field are not in the sources. More "
            "children in day-care and schools grow up with several languages."
        ),
        "developments": "Mehrsprachige Angebote wurden in einzelnen Kitas erprobt.",
        "challenges": "Gute Ansätze in die Breite tragen.",
        "goals": [
            {
                "code": "1.1",
                "title": "Mehrsprachigkeit als Stärke fördern",
                "title_ar": "تعزيز تعدد اللغات كنقطة قوة",
                "title_uk": "Підтримувати багатомовність як сильну сторону",
                "title_ru": "Поддерживать многоязычие как сильную сторону",
                "title_en": "Promote multilingualism as a strength",
                "description": SAMPLE_GOAL_NOTE,
            },
        ],
    },
    {
        "cycle": CYCLE_2021,
        "number": 2,
        "slug": "arbeit-wirtschaft",
        "title": "Arbeit und Wirtschaft",
        "title_ar": "العمل والاقتصاد",
        "title_uk": "Праця та економіка",
        "title_ru": "Труд и экономика",
        "title_en": "Work and economy",
        "situation": SAMPLE_FIELD_NOTE
        + ("Viele Zugewanderte arbeiten unter ihrer beruflichen Qualifikation."),
        "developments": "Beratungsangebote zur Anerkennung sind verstreut.",
        "challenges": "Beratung bündeln und Wege in Arbeit verkürzen.",
        "goals": [
            {
                "code": "2.1",
                "title": "Berufliche Qualifikationen anerkennen und nutzen",
                "title_ar": "الاعتراف بالمؤهلات المهنية والاستفادة منها",
                "title_uk": "Визнавати та використовувати професійну кваліфікацію",
                "title_ru": "Признавать и использовать профессиональную квалификацию",
                "description": SAMPLE_GOAL_NOTE,
            },
        ],
    },
    {
        "cycle": CYCLE_2021,
        "number": 3,
        "slug": "soziales-wohnen-gesundheit",
        "title": "Soziales, Wohnen und Gesundheit",
        "title_ar": "الشؤون الاجتماعية والسكن والصحة",
        "title_uk": "Соціальна сфера, житло та здоров’я",
        "title_ru": "Социальная сфера, жильё и здоровье",
        "situation": SAMPLE_FIELD_NOTE
        + ("Sprachmittlung und psychosoziale Versorgung sind stark nachgefragt."),
        "developments": "Der Gemeindedolmetscherdienst wird immer häufiger angefragt.",
        "challenges": "Sprachmittlung und Versorgung traumatisierter Menschen sichern.",
        "goals": [
            {
                "code": "3.1",
                "title": "Zugang zu Gesundheit und Beratung sichern",
                "title_ar": "ضمان الوصول إلى الرعاية الصحية والاستشارة",
                "title_uk": "Забезпечити доступ до охорони здоров’я та консультацій",
                "title_ru": "Обеспечить доступ к здравоохранению и консультациям",
                "description": SAMPLE_GOAL_NOTE,
            },
        ],
    },
    {
        "cycle": CYCLE_2021,
        "number": 4,
        "slug": "teilhabe-zusammenleben",
        "title": "Gesellschaftliche Teilhabe und Zusammenleben",
        "title_ar": "المشاركة المجتمعية والعيش المشترك",
        "title_uk": "Участь у суспільному житті та співіснування",
        "title_ru": "Участие в жизни общества и совместная жизнь",
        "situation": SAMPLE_FIELD_NOTE
        + ("Migrantenorganisationen sind wichtige Partner der Stadt."),
        "developments": "Die Zahl der Migrantenorganisationen wächst.",
        "challenges": "Zusammenarbeit verlässlich und partnerschaftlich gestalten.",
        "goals": [
            {
                "code": "4.1",
                "title": "Migrantenorganisationen als Partner stärken",
                "title_ar": "تعزيز منظمات المهاجرين كشركاء",
                "title_uk": "Зміцнювати організації мігрантів як партнерів",
                "title_ru": "Укреплять организации мигрантов как партнёров",
                "description": SAMPLE_GOAL_NOTE,
            },
        ],
    },
    {
        "cycle": CYCLE_2021,
        "number": 5,
        "slug": "interkulturelle-oeffnung",
        "title": "Interkulturelle Öffnung der Verwaltung",
        "title_en": "Intercultural opening of the administration",
        "title_ar": "الانفتاح الثقافي للإدارة",
        "title_uk": "Міжкультурна відкритість адміністрації",
        "title_ru": "Межкультурная открытость администрации",
        "situation": SAMPLE_FIELD_NOTE
        + ("Die Stadtverwaltung spiegelt die Vielfalt der Stadtgesellschaft noch nicht."),
        "developments": "Fortbildungen zur interkulturellen Kompetenz sind etabliert.",
        "challenges": "Vielfalt in Personalgewinnung und Fachplanungen verankern.",
        "goals": [
            {
                "code": "5.1",
                "title": "Vielfalt in Personal und Planung verankern",
                "title_ar": "ترسيخ التنوع في التوظيف والتخطيط",
                "title_uk": "Закріпити різноманіття в кадровій політиці та плануванні",
                "title_ru": "Закрепить многообразие в кадровой политике и планировании",
                "description": SAMPLE_GOAL_NOTE,
            },
        ],
    },
]


# --- Measures and their status reports -----------------------------------------------
# Department keys of the units without a number (see DEPARTMENTS).
INTEGRATION_OFFICE = "Büro der Integrations- und Ausländerbeauftragten"
CEMETERIES = "Eigenbetrieb Friedhof- und Bestattungswesen"
PUBLIC_ORDER_DIVISION = "Geschäftsbereich Ordnung und Sicherheit"
DIVISION_7 = "Geschäftsbereich 7"
PUBLIC_ORDER_OFFICE = "Ordnungsamt"
URBAN_GREEN_OFFICE = "Amt für Stadtgrün und Abfallwirtschaft"

# Keys a measure row may leave out: see loader.MEASURE_DEFAULTS. A measure's lead
# departments are the ones seed 004 names for the achievement; where the report names
# none, the department follows from the task (e.g. the school authority for school
# equipment, comment "by task") or is assumed, and then the measure is_sample=True.
# 2009 reports are dated END_OF_REPORT_2009 unless the seed dates the fact itself.

MEASURES = [
    # === 2009, field 1: Wirtschaft, Arbeit, Berufsausbildung ===
    {
        "cycle": CYCLE_2009,
        "goal": "1.1",
        "code": "1.1.1",
        "title": "Broschüren der Wirtschaftsförderung in englischer Sprache",
        "title_en": "Brochures of the economic development office in English",
        "lead": ["80"],
        "target_groups": ["workers"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Broschüren der Wirtschaftsförderung liegen in englischer Sprache vor "
                f"({REPORT_2009}, Kapitel 3: Mehrsprachigkeit, Infomaterialien).",
            },
        ],
    },
    {
        # Sample: seed 004 lists the postcards among the multilingual material without a
        # department; the Haupt- und Personalamt is assumed.
        "cycle": CYCLE_2009,
        "goal": "1.2",
        "code": "1.2.1",
        "is_sample": True,
        "title": "Postkarten zur Gewinnung von Auszubildenden",
        "lead": ["10"],
        "target_groups": ["youth"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Postkarten zur Gewinnung von Auszubildenden wurden als mehrsprachiges "
                "Material herausgegeben.",
            },
        ],
    },
    # === 2009, field 2: Soziales, Wohnen, Gesundheitsthemen ===
    {
        "cycle": CYCLE_2009,
        "goal": "2.1",
        "code": "2.1.1",
        "title": "Teilräumliche Sozialanalyse und zielgerichteter Einsatz von "
        "Städtebaufördermitteln",
        "lead": ["61"],
        "target_groups": ["public"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Teilräumliche Sozialanalyse zur Vermeidung von Segregation erstellt; "
                "Städtebaufördermittel werden zielgerichtet eingesetzt.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "2.1",
        "code": "2.1.2",
        "title": "Projekte zur Integrationsarbeit im Programm „Die Soziale Stadt“",
        "title_en": 'Integration projects in the "Socially Integrative City" programme',
        "description": "In den Fördergebieten Prohlis, Am Koitschgraben und Gorbitz.",
        "description_en": "In the funding areas Prohlis, Am Koitschgraben and Gorbitz.",
        "lead": ["61"],
        "target_groups": ["migrants", "public"],
        "reports": [
            {
                "reported_on": date(2011, 6, 30),
                "status": IN_PROGRESS,
                "progress": 50,
                "is_sample": True,
                "text": "Projekte in Prohlis, Am Koitschgraben und Gorbitz laufen.",
            },
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "is_highlight": True,
                "text": "In den Gebieten Prohlis, Am Koitschgraben und in Gorbitz ist eine "
                "Vielzahl von Projekten zur Integrationsarbeit durchgeführt worden.",
            },
        ],
    },
    {
        # Seed 004 lists it under "Die Soziale Stadt" (Stadtplanungsamt), "bis 2011".
        "cycle": CYCLE_2009,
        "goal": "2.1",
        "code": "2.1.3",
        "title": "Integrationszentrum „Am Koitschgraben“",
        "lead": ["61"],
        "target_groups": ["migrants"],
        "ends_on": date(2011, 12, 31),
        "reports": [
            {
                "reported_on": date(2011, 12, 31),
                "status": DONE,
                "progress": 100,
                "text": "Das Integrationszentrum „Am Koitschgraben“ wurde im Rahmen von "
                "„Die Soziale Stadt“ bis 2011 gefördert.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "2.1",
        "code": "2.1.4",
        "title": "Aufnahme der „Nördlichen Johannstadt“ als Fördergebiet",
        "lead": ["61"],
        "target_groups": ["public"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": IN_PROGRESS,
                "progress": 50,
                "text": "Die Stadt engagiert sich für die Aufnahme der „Nördlichen "
                "Johannstadt“ als Fördergebiet von „Die Soziale Stadt“.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "2.2",
        "code": "2.2.1",
        "title": "Projekt „Interkulturelle Begegnung“ in der Seniorenbegegnungsstätte Altstadt",
        "lead": ["50"],
        "target_groups": ["seniors"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Das Projekt „Interkulturelle Begegnung“ in der "
                "Seniorenbegegnungsstätte Altstadt ist ein Angebot, das Integration "
                "erleichtert.",
            },
        ],
    },
    {
        # Sample: seed 004 says the Altenhilfeplan was updated, not by which department.
        "cycle": CYCLE_2009,
        "goal": "2.2",
        "code": "2.2.2",
        "is_sample": True,
        "title": "Integration in der Fortschreibung des Altenhilfeplans",
        "lead": ["50"],
        "target_groups": ["seniors"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Der Altenhilfeplan wurde fortgeschrieben.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "2.3",
        "code": "2.3.1",
        "title": "Muslimisches Gräberfeld",
        "title_en": "Muslim burial ground",
        "title_simple": "Ein Friedhof für Muslime",
        "description": "Ein Gräberfeld für Bestattungen nach muslimischem Brauch.",
        "description_en": "A burial ground for burials according to Muslim custom.",
        "description_simple": (
            "Muslime können in Dresden so beerdigt werden, wie es ihre Religion sagt."
        ),
        "lead": [CEMETERIES],
        "target_groups": ["migrants"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "is_highlight": True,
                "text": "Der Eigenbetrieb Friedhof- und Bestattungswesen hat ein muslimisches "
                "Gräberfeld eingerichtet.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "2.3",
        "code": "2.3.2",
        "title": "Vorbereitung eines buddhistischen Gräberfeldes",
        "title_en": "Preparing a Buddhist burial ground",
        "lead": [CEMETERIES],
        "target_groups": ["migrants"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": IN_PROGRESS,
                "progress": 50,
                "text": "Ein buddhistisches Gräberfeld wird vorbereitet.",
            },
        ],
    },
    {
        # Sample: seed 004 names no department for the community interpreters; the
        # integration office is assumed; the partner hospitals (FAG 2) are invented.
        "cycle": CYCLE_2009,
        "goal": "2.4",
        "code": "2.4.1",
        "is_sample": True,
        "title": "Ausbau der Finanzierung des Gemeindedolmetscherdienstes",
        "title_en": "More funding for the community interpreter service",
        "lead": [INTEGRATION_OFFICE],
        "partner_departments": ["53"],
        "partner_organisations": ["krankenhaus-friedrichstadt", "krankenhaus-neustadt"],
        "target_groups": ["migrants", "refugees"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Die Finanzierung des Gemeindedolmetscherdienstes wurde ausgebaut.",
            },
        ],
    },
    # === 2009, field 3: Frühkindliche und Schulbildung, Kinder-, Jugend-, Familienarbeit ===
    {
        "cycle": CYCLE_2009,
        "goal": "3.1",
        "code": "3.1.1",
        "title": "Stellen im Rahmen von „Schwerpunkt Kita, Sprache & Integration“",
        "description": "Förderung von Stellen im Rahmen von „Schwerpunkt Kita, Sprache & "
        "Integration“ und von Förderprogrammen Sachsens.",
        "lead": ["55"],
        "target_groups": ["children"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Der Eigenbetrieb Kindertageseinrichtungen fördert Stellen im Rahmen "
                "von „Schwerpunkt Kita, Sprache & Integration“ und Förderprogrammen "
                "Sachsens.",
            },
        ],
    },
    {
        # By task: taking over school equipment is the school authority's (Schulträger).
        "cycle": CYCLE_2009,
        "goal": "3.1",
        "code": "3.1.2",
        "title": "Übernahme der Ausstattung „Kompetenzzentrum Sprache“ an der 101. Mittelschule",
        "lead": ["40"],
        "target_groups": ["students"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Die Ausstattung des „Kompetenzzentrums Sprache“ an der "
                "101. Mittelschule wurde übernommen.",
            },
        ],
    },
    {
        # Sample: seed 004 names no department for START; the Schulverwaltungsamt is
        # assumed.
        "cycle": CYCLE_2009,
        "goal": "3.1",
        "code": "3.1.3",
        "is_sample": True,
        "title": "START-Stipendienprogramm",
        "lead": ["40"],
        "target_groups": ["students"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Das START-Stipendienprogramm wurde weitergeführt.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "3.1",
        "code": "3.1.4",
        "title": "Projekt „Lesestark!“",
        "title_en": 'Reading project "Lesestark!"',
        "title_simple": "Lese-Projekt „Lesestark!“",
        "description": "Ein Angebot der Städtischen Bibliotheken, das Integration erleichtert.",
        "description_en": "An offer of the municipal libraries that makes integration easier.",
        "description_simple": "Die Bibliotheken helfen Kindern, gut lesen zu lernen.",
        "lead": ["42"],
        "target_groups": ["children"],
        "reports": [
            {
                "reported_on": date(2011, 9, 30),
                "status": IN_PROGRESS,
                "progress": 50,
                "is_sample": True,
                "text": "„Lesestark!“ läuft in mehreren Stadtteilbibliotheken.",
            },
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "is_highlight": True,
                "text": "Das Projekt „Lesestark!“ der Städtischen Bibliotheken ist ein Angebot, "
                "das Integration erleichtert.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "3.1",
        "code": "3.1.5",
        "title": "Integrationsziele im Bibliotheksentwicklungsplan",
        "lead": ["42"],
        "target_groups": ["migrants"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Die Ziele beim Bibliotheksentwicklungsplan wurden präzisiert.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "3.2",
        "code": "3.2.1",
        "title": "Integration in den Fachplanungen der Kinder-, Jugendhilfe- und Familienarbeit",
        "lead": ["51"],
        "target_groups": ["children", "youth"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Integration ist in weiteren Fachplanungen der Kinder-, Jugendhilfe- "
                "und Familienarbeit verankert.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "3.2",
        "code": "3.2.2",
        "title": "Integration als Thema im JugendInfoService",
        "description": "Zwecks fachbezogener Netzwerkarbeit.",
        "lead": ["51"],
        "target_groups": ["youth"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Integration ist Thema im JugendInfoService, zwecks fachbezogener "
                "Netzwerkarbeit.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "3.2",
        "code": "3.2.3",
        "title": "Angebote für junge Menschen mit Migrationshintergrund",
        "lead": ["51"],
        "target_groups": ["youth"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Das Jugendamt fördert spezifische Leistungsangebote für junge Menschen "
                "mit Migrationshintergrund.",
            },
        ],
    },
    {
        # By task: the school authority tenders school catering.
        "cycle": CYCLE_2009,
        "goal": "3.3",
        "code": "3.3.1",
        "title": "Speisen in der Schulverpflegung nach Essgewohnheiten ausweisen",
        "lead": ["40"],
        "target_groups": ["students"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Bei der Ausschreibung der Essensversorgung in den Schulen werden die "
                "Speisen im Hinblick auf ethnische, kulturelle und religiöse "
                "Essgewohnheiten ausgewiesen.",
            },
        ],
    },
    # === 2009, field 4: Gesellschaftliche und soziale Integration, Partizipation ... ===
    {
        "cycle": CYCLE_2009,
        "goal": "4.1",
        "code": "4.1.1",
        "title": "Förderung interkultureller Arbeit und Projektförderung von Migrantenvereinen",
        "title_en": "Funding for intercultural work and projects of migrant associations",
        "description": "Regelmäßige institutionelle kulturelle Förderung und "
        "Projektförderung (siehe Förderungen).",
        "lead": ["41"],
        "target_groups": ["organisations"],
        "reports": [
            {
                "reported_on": date(2013, 12, 31),
                "status": DONE,
                "progress": 100,
                "is_highlight": True,
                "text": "Die Förderung interkultureller Arbeit durch das Amt 41 stieg von "
                "140.600 Euro (2009) auf 149.200 Euro (2013), die Projektförderung von "
                "Migrantenvereinen von 36.800 Euro auf 40.400 Euro.",
            },
        ],
    },
    {
        # Lead: seed 004 lists it in the block on Amt 41's cultural funding.
        "cycle": CYCLE_2009,
        "goal": "4.1",
        "code": "4.1.2",
        "title": "Unterstützung der Interkulturellen Tage",
        "lead": ["41"],
        "target_groups": ["public"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Fachliche und finanzielle Unterstützung der Interkulturellen Tage "
                "(Erhöhung der Fördersumme) sowie Beteiligung.",
            },
        ],
    },
    {
        # Lead as 4.1.2; the venues are named in seed 004.
        "cycle": CYCLE_2009,
        "goal": "4.1",
        "code": "4.1.3",
        "title": "Interkulturelle Veranstaltungen in Kultureinrichtungen",
        "lead": ["41"],
        "partner_organisations": ["theater-junge-generation", "vhs-dresden"],
        "target_groups": ["public"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Interkulturelle Veranstaltungen z. B. in Dresdens Museen, Sammlungen, "
                "soziokulturellen Zentren, im Theater Junge Generation und in der VHS.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "4.1",
        "code": "4.1.4",
        "title": "Chinesisches Frühlingsfest und Tetfest",
        "title_en": "Chinese Spring Festival and Tết festival",
        "title_simple": "Feste: Chinesisches Neujahr und Vietnamesisches Neujahr",
        "description": "Unterstützung von Veranstaltungen wie dem Chinesischen Frühlingsfest "
        "und dem Tetfest (Tết, vietnamesisches Neujahrsfest) mit dem Verein "
        "der Vietnamesen in Dresden e. V.",
        "description_en": "Support for events such as the Chinese Spring Festival and the Tết "
        "festival (Vietnamese New Year) with the Association of Vietnamese "
        "in Dresden.",
        "description_simple": "Die Stadt hilft bei Festen. Zum Beispiel beim Neujahrs-Fest "
        "von Menschen aus China und aus Vietnam.",
        "lead": [DIVISION_7],
        "partner_organisations": ["verein-der-vietnamesen"],
        "target_groups": ["organisations", "public"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "is_highlight": True,
                "text": "Der GB 7 unterstützte Veranstaltungen wie das Chinesische "
                "Frühlingsfest und das Tetfest mit dem Verein der Vietnamesen.",
            },
        ],
    },
    {
        # Sample: seed 004 names no department for the Lokales Handlungsprogramm; the OB
        # area is assumed. Its ca. 550 TEUR for 2012 and 2013 together are kept as the
        # measure's budget: the split by year is not in the seed, so no funding line.
        "cycle": CYCLE_2009,
        "goal": "4.2",
        "code": "4.2.1",
        "is_sample": True,
        "title": "Lokales Handlungsprogramm für Demokratie und Toleranz, gegen Rechtsextremismus",
        "title_en": "Local action programme for democracy and tolerance, against "
        "right-wing extremism",
        "lead": [OB_AREA],
        "target_groups": ["public"],
        "starts_on": date(2012, 1, 1),
        "ends_on": date(2013, 12, 31),
        "budget": 550000,
        "funding_source": "2012 und 2013 zusammen ca. 550 TEUR (Umsetzungsbericht)",
        "reports": [
            {
                "reported_on": date(2013, 12, 31),
                "status": DONE,
                "progress": 100,
                "text": "Das Lokale Handlungsprogramm für Demokratie und Toleranz, gegen "
                "Rechtsextremismus wurde 2012 und 2013 mit zusammen ca. 550 TEUR "
                "umgesetzt.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "4.2",
        "code": "4.2.2",
        "title": "Beteiligung ausländischer Kulturvereine an den Städtepartnerschaften",
        "lead": [OB_AREA],
        "target_groups": ["organisations"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Ausländische Kulturvereine werden im Rahmen der Städtepartnerschaften "
                "beteiligt (Büro der Oberbürgermeisterin).",
            },
        ],
    },
    # === 2009, field 5: Interkulturelle Orientierung und Öffnung (seed 004, ch. 3) ===
    {
        # The lead departments are the eleven units seed 004 lists for this material.
        "cycle": CYCLE_2009,
        "goal": "5.1",
        "intercultural_opening": True,
        "code": "5.1.1",
        "title": "Mehrsprachige Informationsmaterialien und Öffentlichkeitsarbeit",
        "title_en": "Multilingual information material and public relations",
        "title_simple": "Infos in vielen Sprachen",
        "description": (
            "Wegweiser „Aus aller Welt in Dresden angekommen“, Dresden-Informationsflyer, "
            "Meldescheine und weiteres mehrsprachiges Material, Postkarten zur "
            "Gewinnung von Auszubildenden, Angebote für Migrantinnen und Migranten auf "
            "www.dresden.de, Infoblätter zum Dresden-Pass, Willkommensbroschüre für "
            "Asylsuchende, Infoblätter bei Beratungen und zur Schulaufnahmeuntersuchung, "
            "Broschüren der Wirtschaftsförderung in Englisch, Kultur- und Infobroschüren in "
            "Englisch, Tschechisch und Russisch."
        ),
        "description_en": (
            'The guide "Aus aller Welt in Dresden angekommen" (arrived in Dresden from all '
            "over the world), Dresden information leaflets, registration forms, information "
            "sheets on the Dresden-Pass, a welcome brochure for asylum seekers, information "
            "at counselling and school entry examinations, brochures in English, Czech and "
            "Russian."
        ),
        "description_simple": (
            "Die Stadt hat Hefte und Zettel in mehreren Sprachen gemacht. Zum Beispiel "
            "ein Heft für Menschen, die neu in Dresden sind."
        ),
        "lead": [
            "51",
            INTEGRATION_OFFICE,
            OB_AREA,
            PUBLIC_ORDER_OFFICE,
            "33",
            "10",
            URBAN_GREEN_OFFICE,
            "50",
            "53",
            "80",
            "41",
        ],
        "target_groups": ["migrants", "refugees"],
        "reports": [
            {
                "reported_on": date(2012, 3, 31),
                "status": IN_PROGRESS,
                "progress": 40,
                "is_sample": True,
                "text": "Erste Ämter haben mehrsprachige Materialien vorgelegt.",
            },
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "is_highlight": True,
                "text": "Elf Ämter und Bereiche meldeten mehrsprachige Informationsmaterialien "
                "und Öffentlichkeitsarbeit, vom Wegweiser „Aus aller Welt in Dresden "
                "angekommen“ bis zur Willkommensbroschüre für Asylsuchende.",
            },
        ],
    },
    {
        # Sample: seed 004 does not say who ran the central and local training; the
        # Haupt- und Personalamt is assumed. The figure 222 is from the seed.
        "cycle": CYCLE_2009,
        "goal": "5.2",
        "intercultural_opening": True,
        "code": "5.2.1",
        "is_sample": True,
        "title": "Fortbildungen zur interkulturellen Kompetenz",
        "title_en": "Training in intercultural competence",
        "title_simple": "Kurse für Mitarbeiter der Stadt",
        "description": "Zentrale und dezentrale Fortbildungen für Beschäftigte der "
        "Stadtverwaltung.",
        "description_en": "Central and local training for employees of the city administration.",
        "description_simple": "Mitarbeiter der Stadt lernen: Wie arbeite ich gut mit "
        "Menschen aus anderen Ländern?",
        "lead": ["10"],
        "partner_departments": [INTEGRATION_OFFICE],
        "target_groups": ["staff"],
        "reports": [
            {
                "reported_on": date(2014, 11, 30),
                "status": DONE,
                "progress": 100,
                "is_highlight": True,
                "text": "Zwischen Juli 2009 und November 2014 nahmen 222 Beschäftigte an "
                "Fortbildungen zur interkulturellen Kompetenz teil.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "5.2",
        "intercultural_opening": True,
        "code": "5.2.2",
        "title": "Fortbildung zur interkulturellen Kompetenz im Geschäftsbereich Ordnung "
        "und Sicherheit",
        "lead": [PUBLIC_ORDER_DIVISION],
        "target_groups": ["staff"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Der Geschäftsbereich Ordnung und Sicherheit bot Fortbildungen zur "
                "interkulturellen Kompetenz an.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "5.2",
        "intercultural_opening": True,
        "code": "5.2.3",
        "title": "Neueinstellung mehrsprachiger Mitarbeiterinnen und Mitarbeiter",
        "lead": ["80"],
        "target_groups": ["staff"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Die Wirtschaftsförderung hat mehrsprachige Mitarbeiterinnen und "
                "Mitarbeiter neu eingestellt.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "5.3",
        "code": "5.3.1",
        "title": "Beratung und Klärung bei Beschwerden und Konflikten",
        "lead": [INTEGRATION_OFFICE],
        "target_groups": ["migrants", "public"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Das Büro der Integrations- und Ausländerbeauftragten berät Menschen mit "
                "Migrationshintergrund, nimmt Anliegen und Anfragen von Dresdnerinnen "
                "und Dresdnern entgegen, unterstützt und vermittelt. Bei Beschwerden und "
                "Konflikten wirkt es auf Klärung und Lösungen hin.",
            },
        ],
    },
    {
        "cycle": CYCLE_2009,
        "goal": "5.3",
        "code": "5.3.2",
        "title": "Netzwerkarbeit und Prüfung der Beschluss- und Informationsvorlagen",
        "lead": [INTEGRATION_OFFICE],
        "target_groups": ["organisations", "staff"],
        "reports": [
            {
                "reported_on": END_OF_REPORT_2009,
                "status": DONE,
                "progress": 100,
                "text": "Netzwerkarbeit ausgebaut; Mitwirkung in Lenkungsgruppen und Fach-AG; "
                "Prüfung aller Beschluss- und Informationsvorlagen sowie Anfragen der "
                "Oberbürgermeisterin und der Geschäftsbereiche.",
            },
        ],
    },
    # === 2015–2020: sample measures (all is_sample). Several take up needs for action of
    # the 2009 report (OPEN_ITEMS); the unfinished ones are carried into 2021–2026. ===
    {
        "cycle": CYCLE_2015,
        "goal": "1.1",
        "code": "1.1.1",
        "is_sample": True,
        "title": "Förderung der Mehrsprachigkeit in Kindertageseinrichtungen",
        "lead": ["55"],
        "partner_departments": ["51"],
        "target_groups": ["children"],
        "starts_on": date(2015, 9, 1),
        "ends_on": date(2020, 12, 31),
        "reports": [
            {
                "reported_on": date(2016, 6, 30),
                "status": IN_PROGRESS,
                "progress": 30,
                "text": "Konzept für mehrsprachige Angebote in ausgewählten Kitas erarbeitet.",
            },
            {
                "reported_on": date(2019, 12, 31),
                "status": IN_PROGRESS,
                "progress": 60,
                "text": "In zwölf Kitas erprobt; die Ausweitung auf weitere Einrichtungen ist "
                "noch offen.",
            },
        ],
    },
    {
        "cycle": CYCLE_2015,
        "goal": "1.1",
        "code": "1.1.2",
        "is_sample": True,
        "title": "Bildungspatenschaften sichern",
        "lead": ["51"],
        "partner_organisations": ["auslaenderrat-dresden"],
        "target_groups": ["children", "students"],
        "reports": [
            {
                "reported_on": date(2017, 3, 31),
                "status": DONE,
                "progress": 100,
                "text": "Finanzierung der Bildungspatenschaften bis 2020 gesichert.",
            },
        ],
    },
    {
        "cycle": CYCLE_2015,
        "goal": "1.1",
        "code": "1.1.3",
        "is_sample": True,
        "title": "Soziale Arbeit im Kontext Schule",
        "lead": ["51"],
        "partner_departments": ["40"],
        "target_groups": ["students"],
        "reports": [
            {
                "reported_on": date(2018, 9, 30),
                "status": IN_PROGRESS,
                "progress": 70,
                "text": "Schulsozialarbeit an weiteren Oberschulen eingerichtet.",
            },
            {
                "reported_on": date(2020, 12, 31),
                "status": DONE,
                "progress": 100,
                "text": "Ausbau wie geplant abgeschlossen.",
            },
        ],
    },
    {
        "cycle": CYCLE_2015,
        "goal": "2.1",
        "code": "2.1.1",
        "is_sample": True,
        "title": "Umsetzungs- und Finanzierungskonzept für Sprachkurse",
        "lead": ["50"],
        "target_groups": ["refugees"],
        "reports": [
            {
                "reported_on": date(2015, 9, 30),
                "status": IN_PROGRESS,
                "progress": 40,
                "text": "Entwurf des Konzeptes mit Trägern abgestimmt.",
            },
            {
                "reported_on": date(2016, 6, 30),
                "status": DONE,
                "progress": 100,
                "text": "Konzept beschlossen; die Kurse sind finanziert.",
            },
        ],
    },
    {
        "cycle": CYCLE_2015,
        "goal": "2.1",
        "code": "2.1.2",
        "is_sample": True,
        "title": "Behandlung von Traumafolgestörungen bei Geflüchteten: Strukturen und "
        "Abläufe klären",
        "lead": ["53"],
        "partner_organisations": ["krankenhaus-friedrichstadt"],
        "target_groups": ["refugees"],
        "reports": [
            {
                "reported_on": date(2017, 6, 30),
                "status": IN_PROGRESS,
                "progress": 20,
                "text": "Runder Tisch mit Kliniken und Beratungsstellen eingerichtet.",
            },
            {
                "reported_on": date(2020, 6, 30),
                "status": DELAYED,
                "progress": 30,
                "text": "Verzögert: Die Finanzierung der Behandlungsplätze ist ungeklärt.",
            },
        ],
    },
    {
        "cycle": CYCLE_2015,
        "goal": "2.1",
        "code": "2.1.3",
        "is_sample": True,
        "title": "Übergang von der sozialen Betreuung zur Migrationsberatung für Erwachsene",
        "lead": ["50"],
        "partner_organisations": ["mbe-bdv"],
        "target_groups": ["refugees"],
        "reports": [
            {
                "reported_on": date(2018, 3, 31),
                "status": DONE,
                "progress": 100,
                "text": "Abläufe zwischen sozialer Betreuung und MBE schriftlich vereinbart.",
            },
        ],
    },
    {
        "cycle": CYCLE_2015,
        "goal": "2.2",
        "code": "2.2.1",
        "is_sample": True,
        "title": "Gemeindedolmetscherdienst bedarfsgerecht sichern",
        "title_en": "Secure the community interpreter service as needed",
        "lead": [INTEGRATION_OFFICE],
        "partner_departments": ["53", "50"],
        "target_groups": ["migrants", "refugees"],
        "reports": [
            {
                "reported_on": date(2016, 12, 31),
                "status": IN_PROGRESS,
                "progress": 50,
                "text": "Mittel für 2017 und 2018 erhöht.",
            },
            {
                "reported_on": date(2020, 9, 30),
                "status": IN_PROGRESS,
                "progress": 70,
                "text": "Die Nachfrage übersteigt weiter das Angebot.",
            },
        ],
    },
    {
        "cycle": CYCLE_2015,
        "goal": "3.1",
        "code": "3.1.1",
        "is_sample": True,
        "title": "Interkulturelles Personalmanagement: Ansprache in Stellenausschreibungen",
        "lead": ["10"],
        "partner_departments": [INTEGRATION_OFFICE],
        "target_groups": ["staff"],
        "reports": [
            {
                "reported_on": date(2019, 3, 31),
                "status": IN_PROGRESS,
                "progress": 40,
                "text": "Mustertext für Stellenausschreibungen abgestimmt; die Anwendung in "
                "allen Ämtern steht aus.",
            },
        ],
    },
    {
        "cycle": CYCLE_2015,
        "goal": "3.1",
        "code": "3.1.2",
        "is_sample": True,
        "title": "Fortbildungen zur interkulturellen Kompetenz fortführen",
        "lead": ["10"],
        "target_groups": ["staff"],
        "reports": [
            {
                "reported_on": date(2018, 12, 31),
                "status": DONE,
                "progress": 100,
                "text": "Fortbildungsprogramm fortgeführt und um Online-Kurse ergänzt.",
            },
        ],
    },
    # === 2021–2026 (in implementation): sample measures, some carried over from
    # unfinished 2015–2020 measures. Their reports are dated relative to the day the
    # demo is loaded: "age" is the report's age as a share of the reminder period
    # (TEILHABE_STATUS_REPORT_DAYS), so below 1 is fresh and above 1 overdue; the loader
    # finds such a report by its text, not its date (see loader.REPORT_AGE). 3.1.2 and
    # 5.1.2 have no report yet and are overdue, too. ===
    {
        "cycle": CYCLE_2021,
        "goal": "1.1",
        "code": "1.1.1",
        "is_sample": True,
        "predecessor": (CYCLE_2015, "1.1.1"),
        "title": "Mehrsprachigkeit in Kindertageseinrichtungen ausweiten",
        "title_en": "Extend multilingualism in day-care centres",
        "title_simple": "Mehr Kitas fördern Kinder mit mehreren Sprachen",
        "lead": ["55"],
        "partner_departments": ["51"],
        "target_groups": ["children"],
        "priority": "high",
        "reports": [
            {
                "age": 1.4,
                "status": IN_PROGRESS,
                "progress": 20,
                "is_sample": True,
                "text": "Zwölf Kitas erproben mehrsprachige Vorlesestunden.",
            },
        ],
    },
    {
        "cycle": CYCLE_2021,
        "goal": "2.1",
        "code": "2.1.1",
        "is_sample": True,
        "title": "Beratung zur Anerkennung ausländischer Berufsabschlüsse bündeln",
        "lead": ["80"],
        "partner_organisations": [
            "jobcenter-dresden",
            "agentur-fuer-arbeit-dresden",
            "ihk-dresden",
            "handwerkskammer-dresden",
        ],
        "target_groups": ["workers"],
        "reports": [
            {
                "age": 0.1,
                "status": IN_PROGRESS,
                "progress": 35,
                "is_sample": True,
                "text": "Die Beratungsstellen haben eine gemeinsame Anlaufstelle vereinbart.",
            },
        ],
    },
    {
        "cycle": CYCLE_2021,
        "goal": "3.1",
        "code": "3.1.1",
        "is_sample": True,
        "predecessor": (CYCLE_2015, "2.2.1"),
        "title": "Gemeindedolmetscherdienst dauerhaft sichern",
        "title_en": "Secure the community interpreter service permanently",
        "lead": [INTEGRATION_OFFICE],
        "partner_departments": ["53", "50"],
        "target_groups": ["migrants", "refugees"],
        "priority": "high",
        "reports": [
            {
                "age": 2.5,
                "status": IN_PROGRESS,
                "progress": 30,
                "is_sample": True,
                "text": "Der Dienst ist bis zum Jahresende finanziert.",
            },
            {
                "age": 0.3,
                "status": IN_PROGRESS,
                "progress": 55,
                "is_sample": True,
                "text": "Die Finanzierung ist für zwei weitere Jahre gesichert.",
            },
        ],
    },
    {
        "cycle": CYCLE_2021,
        "goal": "3.1",
        "code": "3.1.2",
        "is_sample": True,
        "predecessor": (CYCLE_2015, "2.1.2"),
        "title": "Versorgung traumatisierter Geflüchteter aufbauen",
        "lead": ["53"],
        "partner_organisations": ["krankenhaus-friedrichstadt"],
        "target_groups": ["refugees"],
    },
    {
        "cycle": CYCLE_2021,
        "goal": "4.1",
        "code": "4.1.1",
        "is_sample": True,
        "title": "Zusammenarbeit mit Migrant*innenorganisationen stärken",
        "title_en": "Strengthen cooperation with migrant organisations",
        "lead": [INTEGRATION_OFFICE],
        "partner_organisations": ["dsm"],
        "target_groups": ["organisations"],
    },
    {
        "cycle": CYCLE_2021,
        "goal": "5.1",
        "code": "5.1.1",
        "is_sample": True,
        "predecessor": (CYCLE_2015, "3.1.1"),
        "title": "Vielfalt in Stellenausschreibungen ansprechen",
        "lead": ["10"],
        "partner_departments": [INTEGRATION_OFFICE],
        "target_groups": ["staff"],
        "priority": "low",
        "reports": [
            {
                "age": 1.2,
                "status": DELAYED,
                "progress": 10,
                "is_sample": True,
                "text": "Die neuen Textbausteine warten auf die Abstimmung mit dem Personalrat.",
            },
        ],
    },
    {
        "cycle": CYCLE_2021,
        "goal": "5.1",
        "code": "5.1.2",
        "is_sample": True,
        "title": "Städtische Fachplanungen auf ihren Beitrag zur Integration prüfen",
        "lead": [INTEGRATION_OFFICE],
        "partner_departments": ["51", "50", "61"],
        "target_groups": ["public"],
    },
    # The two measures of the demo's department editor (41 and 50, see USERS): one
    # overdue, one reported recently.
    {
        "cycle": CYCLE_2021,
        "goal": "3.1",
        "code": "3.1.3",
        "is_sample": True,
        "title": "Migrationssozialarbeit in den Stadtteilen verlässlich anbieten",
        "title_en": "Offer migration social work reliably in every district",
        "lead": ["50"],
        "target_groups": ["migrants", "refugees"],
        "reports": [
            {
                "age": 0.2,
                "status": IN_PROGRESS,
                "progress": 60,
                "is_sample": True,
                "text": "Sprechstunden gibt es jetzt in sieben Stadtteilen.",
            },
        ],
    },
    {
        "cycle": CYCLE_2021,
        "goal": "4.1",
        "code": "4.1.2",
        "is_sample": True,
        "title": "Projekte von Migrant*innenorganisationen in der Kulturförderung sichtbar machen",
        "title_en": "Make projects of migrant organisations visible in cultural funding",
        "lead": ["41"],
        "partner_organisations": ["dsm"],
        "target_groups": ["organisations"],
        "reports": [
            {
                "age": 1.5,
                "status": IN_PROGRESS,
                "progress": 25,
                "is_sample": True,
                "text": "Die Förderrichtlinie nennt interkulturelle Projekte ausdrücklich.",
            },
        ],
    },
]


# --- Indicators ------------------------------------------------------------------------
# "field" is the number of a field of action of the same cycle (or None). Only values
# the seeds state; the intermediate years of the training count are not in seed 004.

INDICATORS = [
    {
        "cycle": CYCLE_2009,
        "field": 5,
        "is_sample": False,
        "title": "Beschäftigte mit Fortbildung zur interkulturellen Kompetenz",
        "intercultural_opening": True,
        "title_en": "Employees trained in intercultural competence",
        "title_simple": "Mitarbeiter der Stadt mit Kurs zu anderen Kulturen",
        "description": (
            "Teilnehmende an zentraler und dezentraler Fortbildung zur interkulturellen "
            "Kompetenz seit Juli 2009, zusammengezählt (Umsetzungsbericht, Kapitel 3). "
            "Zwischenstände einzelner Jahre stehen nicht in den Quellen."
        ),
        "description_en": (
            "Participants in central and local training in intercultural competence since "
            "July 2009, cumulative (implementation report, chapter 3). Figures for single "
            "years are not in the sources."
        ),
        "unit": "Personen",
        "baseline": 0,
        "baseline_year": 2009,
        "values": [
            {"year": 2014, "value": 222, "note": "Juli 2009 bis November 2014"},
        ],
    },
    {
        # Seed 003: "Ende 2022 gab es vor Ort bereits 110 MOs".
        "cycle": CYCLE_2021,
        "field": None,
        "is_sample": False,
        "title": "Migrant*innenorganisationen in Dresden",
        "title_en": "Migrant organisations in Dresden",
        "description": (
            "Zahl der Migrant*innenorganisationen (MOs) mit Aktivitäten in Politik, "
            "Kultur, Sport, Bildung und weiteren gesellschaftlichen Bereichen "
            "(Einladung zur Konferenz der Migrant*innenorganisationen 2023)."
        ),
        "unit": "Organisationen",
        # Beside the directory's own counts on its statistics page.
        "shown_in_directory_statistics": True,
        "values": [
            {"year": 2022, "value": 110, "note": "Ende 2022"},
        ],
    },
]


# --- Funding lines ---------------------------------------------------------------------
# Seed 004 gives 2009 and 2013 only; no amounts are interpolated (an estimate would need
# "is_estimate": True). The Lokales Handlungsprogramm (ca. 550 TEUR for 2012 and 2013
# together, no split by year) is the budget of measure 4.2.1 instead of a funding line.

FUNDING_LINES = [
    {
        "cycle": CYCLE_2009,
        "field": 4,
        "department": "41",
        "is_sample": False,
        "title": "Förderung interkultureller Arbeit",
        "title_en": "Funding for intercultural work",
        "description": (
            "Regelmäßige institutionelle kulturelle Förderung und Projektförderung: "
            "Steigerung der Förderung interkultureller Arbeit von 140.600 Euro (2009) auf "
            "149.200 Euro (2013) durch das Amt 41."
        ),
        "amounts": [
            {"year": 2009, "amount": 140600},
            {"year": 2013, "amount": 149200},
        ],
    },
    {
        # Seed 004 lists it in the same block as Amt 41's cultural funding without naming
        # a department of its own; Amt 41 follows from that context.
        "cycle": CYCLE_2009,
        "field": 4,
        "department": "41",
        "is_sample": False,
        "title": "Projektförderung Migrantenvereine",
        "title_en": "Project funding for migrant associations",
        "description": (
            "Die Projektförderung von Migrantenvereinen ist zwischen 2009 und 2013 von "
            "36.800 Euro auf 40.400 Euro gestiegen. Der Bericht führt sie im Abschnitt zur "
            "kulturellen Förderung des Amtes 41."
        ),
        "amounts": [
            {"year": 2009, "amount": 36800},
            {"year": 2013, "amount": 40400},
        ],
    },
]


# --- Needs for action (Handlungsbedarfe) -------------------------------------------------
# Seed 004, chapter 6, one item per point. "taken_up_by" = (cycle slug, measure code) of a
# measure that takes the item up; those measures are sample data (see MEASURES).

OPEN_ITEMS = [
    {
        "cycle": CYCLE_2009,
        "order": 1,
        "taken_up_by": (CYCLE_2015, "2.1.1"),
        "text": (
            "Dresden gestaltet die Unterbringung, medizinische Versorgung und soziale "
            "Einbindung sowie Betreuung von Asylsuchenden und Geduldeten menschenwürdig und "
            "bedarfsgerecht, z. B. durch Entwicklung und Verabschiedung eines „Umsetzungs- "
            "und Finanzierungskonzeptes“ für Sprachkurse."
        ),
        "text_en": (
            "Dresden provides accommodation, medical care, social inclusion and support for "
            "asylum seekers and people with a toleration status in a humane way and as "
            "needed, e.g. by developing and adopting an implementation and funding concept "
            "for language courses."
        ),
        "text_simple": (
            "Geflüchtete Menschen sollen in Dresden gut wohnen und gut versorgt werden. "
            "Sie sollen Deutsch lernen können."
        ),
    },
    {
        "cycle": CYCLE_2009,
        "order": 2,
        "taken_up_by": (CYCLE_2015, "2.1.2"),
        "text": (
            "Klärung von Strukturen und Abläufen zu Behandlungsmöglichkeiten von "
            "Traumafolgestörungen bei Flüchtlingen."
        ),
        "text_en": (
            "Clarify structures and procedures for treating trauma-related disorders of refugees."
        ),
    },
    {
        "cycle": CYCLE_2009,
        "order": 3,
        "taken_up_by": (CYCLE_2015, "2.1.3"),
        "text": (
            "Klärung von Strukturen und Abläufen zum Übergang von der sozialen Betreuung zu "
            "den Migrationsberatungsstellen für Erwachsene (MBE)."
        ),
    },
    {
        "cycle": CYCLE_2009,
        "order": 4,
        "taken_up_by": (CYCLE_2021, "5.1.2"),
        "text": (
            "Überprüfung und Weiterentwicklung aller städtischen Fachplanungen auf ihren "
            "Beitrag zur Integration von Menschen mit Migrationshintergrund und zum Abbau "
            "von Gruppenbezogener Menschenfeindlichkeit."
        ),
    },
    {
        "cycle": CYCLE_2009,
        "order": 5,
        "taken_up_by": (CYCLE_2015, "2.2.1"),
        "text": (
            "Bedarfsgerechte Sicherung der Arbeit des Gemeindedolmetscherdienstes, der "
            "„Bildungspatenschaften“, der sozialen Arbeit im Kontext Schule sowie der "
            "Förderung von Mehrsprachigkeit in den Kitas."
        ),
        "text_en": (
            "Secure, as needed, the community interpreter service, educational mentoring, "
            "social work at schools and the promotion of multilingualism in day-care "
            "centres."
        ),
    },
    {
        "cycle": CYCLE_2009,
        "order": 6,
        "taken_up_by": (CYCLE_2015, "3.1.1"),
        "text": (
            "Dienstleistungsorientierung in den Mittelpunkt stellen, heißt Vielfalt "
            "gestalten: Dazu gehört der weitere Ausbau der interkulturellen Orientierung und "
            "Öffnung, z. B. ein interkulturelles Personalmanagement in der "
            "Landeshauptstadt Dresden mit entsprechender Ansprache in "
            "Stellenausschreibungen."
        ),
    },
]


# --- Events -------------------------------------------------------------------------
# Seeds 000 (online handover of the DSM position paper), 001 and 002 (the three
# participation events "Gemeinsam. Verantwortung. Leben." of 2021) and 003 (the
# conference of migrant organisations 2023). Invented: the sample registrations, the
# titles and results of the three world café stations (the seed only says "the thematic
# focuses of the workshop talks") and the upcoming events (upcoming_events, is_sample=True).

BERLIN = ZoneInfo("Europe/Berlin")


# Languages of the invented translations in this file (marked as sample translations
# on the pages): the demo shows what a municipality's Arabic, Ukrainian and Russian
# pages look like; native speakers are welcome to correct them.
SAMPLE_TRANSLATIONS = {"ar", "uk", "ru"}


def _at(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def _next(month, day, hour, minute=0, now=None):
    """The next ``day``.``month``. at ``hour``:``minute`` that is still at least a week
    after ``now`` (default: this moment): the demo always has an event to register for,
    and loading it again on another day before then changes nothing."""
    today = now.astimezone(BERLIN) if now else datetime.now(tz=BERLIN)
    year = today.year
    while _at(year, month, day, hour, minute) < today + timedelta(days=7):
        year += 1
    return _at(year, month, day, hour, minute)


RATHAUS, VHS = "Rathaus Dresden", "Volkshochschule Dresden e. V."

VENUES = [
    {
        "name": RATHAUS,
        "street": "Rathausplatz 1",
        "postal_code": "01067",
        "city": "Dresden",
        "entrance": "Eingang Goldene Pforte",
        "entrance_en": "Entrance “Goldene Pforte” (Golden Gate)",
    },
    {
        "name": VHS,
        "street": "Annenstraße 10",
        "postal_code": "01067",
        "city": "Dresden",
        "directions": (
            "Vom Dresdner Hauptbahnhof zu Fuß in 15 Minuten oder mit der Straßenbahn, "
            "Linien 8, 9 und 11 bis Haltestelle „Postplatz“ (von dort 400 m)."
        ),
        "directions_en": (
            "From Dresden main station (Hauptbahnhof) 15 minutes on foot, or tram lines 8, "
            "9 and 11 to the stop “Postplatz” (400 m from there)."
        ),
    },
]

# Seed 001: who was invited to the two open events and to the closed one of 3 July.
OPEN_AUDIENCE_2021 = [
    "Haupt- und ehrenamtlich Tätige in sozialen Einrichtungen, Wohlfahrtsverbänden, "
    "Beratungsstellen und der Migrationssozialarbeit",
    "Studierende und Vertreter*innen von Universitäten und Hochschulen",
    "Beschäftigte und Führungskräfte der Stadtverwaltung sowie aus Behörden des Landes und Bundes",
    "Beschäftigte und Engagierte aus Körperschaften des öffentlichen Rechts im Thema "
    "Integration/Migration sowie von Gewerkschaften",
    "Mitglieder der handlungsfeldbezogenen Arbeitsgruppen, der Koordinierungsgruppe und "
    "weiterer Gremien zum Thema Integration/Migration",
    "Dresdner*innen mit und ohne Migrationsgeschichte",
]
INVITED_AUDIENCE_2021 = [
    "Mitglieder des Dresdner Integrations- und Ausländerbeirates",
    "Mitglieder von Dresdner Migrantenorganisationen und Migrantengruppen",
    "Mitglieder des Dachverbandes Sächsischer Migrantenorganisationen, des Sächsischen "
    "Flüchtlingsrates usw.",
    "Vertreter*innen von Vereinen und Stadtteilnetzwerken im Thema Integration/Migration",
    "Integrations- und Ausländerbeauftragte aus anderen Landkreisen und kreisfreien "
    "Städten Sachsens",
    "Mitglieder von Integrations- und Ausländerbeiräten in Sachsen",
    "Weitere Multiplikator*innen",
]
AUDIENCE_GROUPS = [{"name": name} for name in OPEN_AUDIENCE_2021 + INVITED_AUDIENCE_2021]

SERIES_2021 = "gemeinsam-verantwortung-leben"
EVENT_SERIES = [
    {
        "slug": SERIES_2021,
        "title": "Gemeinsam. Verantwortung. Leben.",
        "title_en": "Together. Responsibility. Living.",
    }
]

HYGIENE_NOTE = "Zu beachten sind vor Ort die geltenden Hygienevorschriften."
HYGIENE_NOTE_EN = "Please observe the hygiene rules in force on site."

# Invented counts for past events: (status, checked in, no-show, audience group or None).
_WORKSHOP_SAMPLE = [
    ("confirmed", True, False, 0),
    ("confirmed", True, False, 1),
    ("confirmed", True, False, 5),
    ("confirmed", False, True, 2),
    ("waiting", False, False, 5),
    ("cancelled", False, False, 3),
]


def _workshop(day, access, audience):
    open_event = access == "open"
    return {
        "slug": f"beteiligung-2021-{day:%m-%d}",
        "kind": "workshop",
        "title": (
            f"Gemeinsam. Verantwortung. Leben. – Beteiligungsveranstaltung am {day:%d.%m.%Y}"
        ),
        "title_en": f"Together. Responsibility. Living. – participation event on {day:%d %B %Y}",
        "description": (
            "Diskussion der „Analyse der kommunalen Handlungsfelder“ und Entwicklung von Zielen "
            "und Maßnahmen für den „Aktionsplan Integration 2021 bis 2026“. Es lädt die "
            "Integrations- und Ausländerbeauftragte Kristina Winkler ein."
            + (
                ""
                if open_event
                else " Geschlossene Veranstaltung für kommunalpolitische Akteurinnen und Akteure."
            )
        ),
        "description_en": (
            "Discussion of the analysis of the municipal fields of action and development of "
            "goals and measures for the Integration Action Plan 2021 to 2026."
        ),
        "starts_at": _at(day.year, day.month, day.day, 10),
        "ends_at": _at(day.year, day.month, day.day, 16),
        "series": SERIES_2021,
        "cycle": CYCLE_2021,
        "format": "in_person",
        "venue": RATHAUS,
        "capacity": 50,
        "is_free": True,
        "access": access,
        "audience_groups": audience,
        "registration_closes_at": _at(2021, 6, 16, 0),  # deadline 15 June 2021
        "participant_notes": HYGIENE_NOTE,
        "participant_notes_en": HYGIENE_NOTE_EN,
        "status": "published",
        "is_sample": False,
        "sample_registrations": _WORKSHOP_SAMPLE,
    }


EVENTS = [
    {
        "slug": "uebergabe-positionspapier-dsm-2021",
        "kind": "handover",
        "organisers": ["dsm"],
        "title": "Übergabe: Positionspapier des DSM zum Integrationskonzept Dresden",
        "title_en": "Handover: DSM position paper on Dresden's integration concept",
        "description": (
            "Der Dachverband sächsischer Migrantenorganisationen (DSM) hat von November 2020 "
            "bis Ende Februar 2021 20 Migrantenorganisationen in Dresden befragt und übergibt "
            "sein Positionspapier an die Integrations- und Ausländerbeauftragte Kristina "
            "Winkler, im Beisein der Stadtratsfraktionen und des Integrations- und "
            "Ausländerbeirates. Anschließend Diskussion."
        ),
        "description_en": (
            "The umbrella of Saxon migrant organisations (DSM) interviewed 20 migrant "
            "organisations in Dresden and hands its position paper to the city's integration "
            "commissioner, followed by a discussion."
        ),
        "starts_at": _at(2021, 3, 17, 18),
        "ends_at": _at(2021, 3, 17, 20),
        "cycle": CYCLE_2021,
        "format": "online",
        "online_platform": "Zoom",
        "join_url": "https://zoom.us/j/93301910675?pwd=SFIxOXpIQ0svTFhsNWx4RDJQREovQT09",
        "meeting_id": "933 0191 0675",
        "passcode": "421052",
        "capacity": None,
        "is_free": True,
        "access": "open",
        "status": "published",
        "is_sample": False,
        "sample_registrations": [
            ("confirmed", False, False, None),
            ("confirmed", False, False, None),
            ("confirmed", False, False, None),
            ("confirmed", False, False, None),
            ("cancelled", False, False, None),
        ],
    },
    _workshop(date(2021, 6, 27), "open", OPEN_AUDIENCE_2021),
    _workshop(date(2021, 7, 3), "invitation", INVITED_AUDIENCE_2021),
    _workshop(date(2021, 7, 18), "open", OPEN_AUDIENCE_2021),
    {
        "slug": "konferenz-migrantinnenorganisationen-2023",
        "kind": "conference",
        "title": "Konferenz der Migrant*innenorganisationen in Dresden",
        "title_en": "Conference of migrant organisations in Dresden",
        "description": (
            "Ende 2022 gab es in Dresden 110 Migrant*innenorganisationen. Die Konferenz zeigt "
            "Möglichkeiten der erweiterten Zusammenarbeit zwischen Migrant*innenorganisationen "
            "und der Stadtverwaltung auf, dient der Vernetzung und der gegenseitigen "
            "Anerkennung. Grundlage sind die Ergebnisse der Werkstattgespräche mit Dresdner "
            "Migrant*innenorganisationen aus diesem Jahr."
        ),
        "description_en": (
            "At the end of 2022 there were 110 migrant organisations in Dresden. The "
            "conference shows ways of closer cooperation between them and the city "
            "administration, for networking and mutual recognition."
        ),
        "starts_at": _at(2023, 11, 18, 12),
        "ends_at": _at(2023, 11, 18, 18),
        "format": "in_person",
        "venue": VHS,
        "capacity": None,
        "is_free": True,
        "access": "open",
        "status": "published",
        "is_sample": False,
        "programme": [
            {
                "starts_at": _at(2023, 11, 18, 11, 30),
                "ends_at": _at(2023, 11, 18, 12),
                "kind": "arrival",
                "title": "Ankommen und Anmeldung",
                "title_en": "Arrival and registration",
            },
            {
                "starts_at": _at(2023, 11, 18, 12),
                "ends_at": _at(2023, 11, 18, 12, 30),
                "kind": "welcome",
                "title": "Begrüßungsansprache und Grußwort",
                "title_en": "Welcome address and greeting",
                "speakers": [
                    {
                        "name": "DSM e.V.",
                        "organisation": "dsm",
                        "function": "Begrüßungsansprache",
                    },
                    {
                        "name": "Kristina Winkler",
                        "organisation_name": "Landeshauptstadt Dresden",
                        "function": "Integrations- und Ausländerbeauftragte der Stadt Dresden",
                    },
                ],
            },
            {
                "starts_at": _at(2023, 11, 18, 12, 30),
                "ends_at": _at(2023, 11, 18, 13),
                "kind": "talk",
                "title": "Inputvortrag: Gemeinsam zum Erfolg!",
                "title_en": "Talk: Succeeding together!",
                "description": (
                    "Eine Zusammenarbeit von Chinesisch-Deutsches Zentrum e.V. und der "
                    "Projektschmiede (Kulturbüro Dresden)"
                ),
                "speakers": [
                    {
                        "name": "Chinesisch-Deutsches Zentrum e.V.",
                        "organisation": "chinesisch-deutsches-zentrum",
                    },
                    {
                        "name": "Projektschmiede (Kulturbüro Dresden)",
                        "organisation": "projektschmiede",
                    },
                ],
            },
            {
                "starts_at": _at(2023, 11, 18, 13),
                "ends_at": _at(2023, 11, 18, 13, 30),
                "kind": "talk",
                "title": "Inputvortrag zum Beirat im Wahljahr 2024",
                "title_en": "Talk: the advisory council in the election year 2024",
                "speakers": [
                    {
                        "name": "Victor Vincze",
                        "organisation_name": "Integrations- und Ausländerbeirat Dresden",
                    }
                ],
            },
            {
                "starts_at": _at(2023, 11, 18, 13, 30),
                "ends_at": _at(2023, 11, 18, 14, 30),
                "kind": "break",
                "title": "Erfrischungspause",
                "title_en": "Refreshment break",
            },
            {
                "starts_at": _at(2023, 11, 18, 14, 30),
                "ends_at": _at(2023, 11, 18, 16, 30),
                "kind": "world_cafe",
                "title": "World Cafés",
                "title_en": "World cafés",
                "description": (
                    "Drei verschiedene Stationen mit den thematischen Schwerpunkten der "
                    "Werkstattgespräche."
                ),
                # Invented: the seed does not name the three focuses.
                "stations": [
                    {
                        "title": "Station 1 (Beispiel): Zusammenarbeit mit der Stadtverwaltung",
                        "theme": "Beispielthema – die Einladung nennt die Schwerpunkte nicht.",
                        "results": (
                            "Beispieldaten: Regelmäßige Sprechstunde des Integrationsbüros "
                            "für Vereine gewünscht."
                        ),
                    },
                    {
                        "title": "Station 2 (Beispiel): Förderung und Räume für Vereine",
                        "theme": "Beispielthema – die Einladung nennt die Schwerpunkte nicht.",
                        "results": (
                            "Beispieldaten: Vereine wünschen sich eine Übersicht freier "
                            "Räume der Stadt."
                        ),
                    },
                    {
                        "title": "Station 3 (Beispiel): Mitwirken im Wahljahr 2024",
                        "theme": "Beispielthema – die Einladung nennt die Schwerpunkte nicht.",
                        "results": (
                            "Beispieldaten: Informationsabende zur Beiratswahl in mehreren "
                            "Sprachen geplant."
                        ),
                    },
                ],
            },
            {
                "starts_at": _at(2023, 11, 18, 16, 30),
                "ends_at": _at(2023, 11, 18, 17),
                "kind": "results",
                "title": "Präsentation der Ergebnisse",
                "title_en": "Presentation of the results",
            },
            {
                "starts_at": _at(2023, 11, 18, 17),
                "ends_at": _at(2023, 11, 18, 17, 30),
                "kind": "feedback",
                "title": "Feedback",
                "title_en": "Feedback",
            },
            {
                "starts_at": _at(2023, 11, 18, 17, 30),
                "ends_at": _at(2023, 11, 18, 18),
                "kind": "meal",
                "title": "Abendbuffet mit Fingerfood",
                "title_en": "Evening buffet with finger food",
            },
        ],
        "sample_registrations": [
            ("confirmed", True, False, None),
            ("confirmed", True, False, None),
            ("confirmed", True, False, None),
            ("confirmed", True, False, None),
            ("confirmed", False, True, None),
            ("cancelled", False, False, None),
        ],
    },
]


def upcoming_events(now):
    """The events ahead of ``now``, computed from it (see _next): an open one and one
    for invited groups, both invented (is_sample). Loaded with EVENTS."""
    return [
        # Invented (is_sample): an upcoming event a visitor can register for, always on the
        # next 20 March that is at least a week ahead (see _next).
        {
            "slug": "austausch-aktionsplan",
            "kind": "workshop",
            "title": "Austausch zum Aktionsplan Integration: Zwischenstand (Beispiel)",
            "title_ar": "تبادل حول خطة عمل الاندماج: الوضع الحالي (مثال)",
            "title_uk": "Обмін думками щодо Плану дій з інтеграції: проміжні результати (приклад)",
            "title_ru": (
                "Обмен мнениями о Плане действий по интеграции: промежуточные итоги (пример)"
            ),
            "title_en": "Exchange on the Integration Action Plan: progress report (sample)",
            "description": (
                "Beispielveranstaltung: Die Fachämter berichten über den Umsetzungsstand der "
                "Maßnahmen; anschließend Austausch an Thementischen."
            ),
            "description_en": (
                "Sample event: the departments report on the measures; then discussion at "
                "theme tables."
            ),
            "description_ar": (
                "فعالية نموذجية: تعرض الإدارات المختصة مدى تنفيذ الإجراءات، يليها تبادل للآراء على "
                "طاولات موضوعية."
            ),
            "description_uk": (
                "Приклад заходу: профільні відомства розповідають, як просуваються заходи; потім "
                "обговорення за тематичними столами."
            ),
            "description_ru": (
                "Пример мероприятия: профильные ведомства рассказывают о ходе выполнения мер; "
                "затем обсуждение за тематическими столами."
            ),
            "starts_at": _next(3, 20, 10, now=now),
            "ends_at": _next(3, 20, 10, now=now) + timedelta(hours=5),
            "cycle": CYCLE_2021,
            "format": "in_person",
            "venue": VHS,
            "capacity": 40,
            "is_free": True,
            "access": "open",
            "status": "published",
            "is_sample": True,
        },
        {
            "slug": "werkstattgespraech-migrantinnenorganisationen",
            "organisers": ["dsm"],
            "kind": "workshop",
            "title": "Werkstattgespräch mit Migrant*innenorganisationen (Beispiel)",
            "title_en": "Workshop talk with migrant organisations (sample)",
            "description": (
                "Beispielveranstaltung für eingeladene Vereine: Wie gelingt die Zusammenarbeit "
                "mit der Stadtverwaltung im Aktionsplan? Teilnahme nur mit Einladung."
            ),
            "description_en": (
                "Sample event for invited associations: how does cooperation with the city "
                "administration work in the action plan? By invitation only."
            ),
            "starts_at": _next(5, 15, 17, now=now),
            "ends_at": _next(5, 15, 17, now=now) + timedelta(hours=2),
            "cycle": CYCLE_2021,
            "format": "in_person",
            "venue": RATHAUS,
            "capacity": 25,
            "is_free": True,
            "access": "invitation",
            "audience_groups": INVITED_AUDIENCE_2021[1:2],
            "status": "published",
            "is_sample": True,
        },
    ]
