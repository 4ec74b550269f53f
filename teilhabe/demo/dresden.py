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
  in seed 004. Used here for the organisation descriptions; the bodies feature will
  load them as bodies with memberships.
* ``ORGANISATIONS`` – dicts with the fields of ``directory.Organisation``; activities
  and languages are codes from ``teilhabe.directory.vocabulary``.
* ``UMBRELLA_MEMBERSHIPS`` – (member slug, umbrella slug) pairs the seeds state.
* ``USERS`` – the demo logins, one per role kind; they can log in only while
  ``settings.TEILHABE_DEMO`` is on.

Not loaded as an organisation: the Integrations- und Ausländerbeirat Dresden, which is
a council body (Beirat), not an association; it belongs to the bodies feature.
"""

# --- Municipality -------------------------------------------------------------------

MUNICIPALITY = {
    "slug": "dresden",
    "name": "Dresden",
    "official_name": "Landeshauptstadt Dresden",
    "state": "Sachsen",
    "office_name": "Integrations- und Ausländerbeauftragte",
    "office_email": "integration@dresden.teilhabe.example",  # sample: not in the seeds
    "website": "https://www.dresden.de",
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
    {"number": "10", "name": "Haupt- und Personalamt", "short_name": "",
     "name_en": "Central Administration and Human Resources Office",
     "kind": OFFICE, "is_sample": True},  # pairing 10 ↔ name by convention
    {"number": "15", "name": "Amt 15", "short_name": "",
     "name_en": "Office 15",
     "kind": OFFICE, "is_sample": False},  # seeds give only the number
    {"number": "33", "name": "Bürgeramt", "short_name": "",
     "name_en": "Citizens' Office",
     "kind": OFFICE, "is_sample": True},  # pairing by convention
    {"number": "40", "name": "Schulverwaltungsamt", "short_name": "",
     "name_en": "School Administration Office",
     "kind": OFFICE, "is_sample": True},  # name not in the seeds; by convention
    {"number": "41", "name": "Kulturamt", "short_name": "",
     "name_en": "Cultural Office",
     "kind": OFFICE, "is_sample": False},  # seed 004: cultural funding by Amt 41
    {"number": "42", "name": "Städtische Bibliotheken", "short_name": "",
     "name_en": "Municipal Libraries",
     "kind": OFFICE, "is_sample": True},  # pairing by convention
    {"number": "50", "name": "Sozialamt", "short_name": "",
     "name_en": "Social Welfare Office",
     "kind": OFFICE, "is_sample": True},  # pairing by convention
    {"number": "51", "name": "Jugendamt", "short_name": "",
     "name_en": "Youth Welfare Office",
     "kind": OFFICE, "is_sample": True},  # pairing by convention
    {"number": "53", "name": "Gesundheitsamt", "short_name": "",
     "name_en": "Public Health Office",
     "kind": OFFICE, "is_sample": True},  # pairing by convention
    {"number": "55", "name": "Eigenbetrieb Kindertageseinrichtungen", "short_name": "EB Kita",
     "name_en": "Municipal Enterprise for Day-Care Centres",
     "kind": ENTERPRISE, "is_sample": True},  # pairing by convention
    {"number": "61", "name": "Stadtplanungsamt", "short_name": "",
     "name_en": "Urban Planning Office",
     "kind": OFFICE, "is_sample": True},  # pairing by convention
    {"number": "80", "name": "Amt für Wirtschaftsförderung", "short_name": "Wirtschaftsförderung",
     "name_en": "Economic Development Office",
     "kind": OFFICE, "is_sample": True},  # pairing by convention
    # Units the seeds name without a number (seed 004).
    {"number": "", "name": "Büro der Integrations- und Ausländerbeauftragten",
     "short_name": "INAUSLB",
     "name_en": "Office of the Integration and Foreigners' Commissioner",
     "kind": DIVISION, "is_sample": False},
    {"number": "", "name": OB_AREA, "short_name": "OB-Bereich",
     "name_en": "Office of the Lord Mayor",
     "kind": DIVISION, "is_sample": False},
    {"number": "", "name": "Ordnungsamt", "short_name": "",
     "name_en": "Public Order Office",
     "kind": OFFICE, "is_sample": False},
    {"number": "", "name": "Amt für Stadtgrün und Abfallwirtschaft", "short_name": "",
     "name_en": "Office for Urban Green Spaces and Waste Management",
     "kind": OFFICE, "is_sample": False},
    {"number": "", "name": "Eigenbetrieb Friedhof- und Bestattungswesen",
     "short_name": "EB Friedhof- und Bestattungswesen",
     "name_en": "Municipal Enterprise for Cemeteries and Funerals",
     "kind": ENTERPRISE, "is_sample": False},
    {"number": "", "name": "Geschäftsbereich Ordnung und Sicherheit",
     "short_name": "GB Ordnung und Sicherheit",
     "name_en": "Division for Public Order and Safety",
     "kind": DIVISION, "is_sample": False},
    {"number": "", "name": "Geschäftsbereich 7", "short_name": "GB 7",
     "name_en": "Division 7",
     "kind": DIVISION, "is_sample": False},  # seed 004 gives only "GB 7"
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
            "cabana", "caritas-jugendmigrationsdienst", "kiw-gesellschaft", "exis",
            "verein-der-vietnamesen", "cultura-et-cetera", "tu-dresden", "jobcenter-dresden",
            "agentur-fuer-arbeit-dresden", "ihk-dresden", "handwerkskammer-dresden",
        ],
        "departments": ["10", "15", "51", "80"],
        "note": "Verein der Vietnamesen in Dresden e. V. zugleich als Vertreter des "
                "Ausländerbeirats.",
    },
    {
        "short_name": "FAG 2",
        "name": "Soziales, Wohnen, Gesundheitsthemen",
        "organisations": [
            "cabana", "auslaenderrat-dresden", "dresdner-verein-soziale-integration",
            "caritas-jugendmigrationsdienst", "verein-der-vietnamesen",
            "krankenhaus-friedrichstadt", "krankenhaus-neustadt",
        ],
        "departments": ["50", "51", "53", "61"],
        "note": "Dazu Vertreterinnen und Vertreter der Eigenbetriebe; Ausländerrat Dresden "
                "e. V. zugleich als Vertreter des Ausländerbeirats.",
    },
    {
        "short_name": "FAG 3",
        "name": "Frühkindliche und Schulbildung, Kinder-, Jugend- und Familienarbeit",
        "organisations": [
            "auslaenderrat-dresden", "awo-migrationsdienst-prohlis",
            "caritas-jugendmigrationsdienst", "portal", "polonia-dresden", "bamf",
            "saechsische-bildungsagentur-dresden", "kreiselternrat-dresden",
        ],
        "departments": ["15", "40", "42", "51", "53", "55"],
        "note": "Dazu ein Vertreter des Ausländerbeirats.",
    },
    {
        "short_name": "FAG 4",
        "name": "Gesellschaftliche soziale Integration, Partizipation, Sport, Kultur",
        "organisations": [
            "portal", "juedischer-frauenverein-dresden", "auslaenderrat-dresden",
            "dresdner-verein-soziale-integration", "mbe-bdv", "chinesisch-deutsches-zentrum",
            "kreissportbund-dresden", "afropa",
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
        "slug": "dsm", "type": UMBRELLA, "is_verified": True, "is_sample": False,
        "name": "Dachverband sächsischer Migrantenorganisationen e. V.", "short_name": "DSM",
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
        "slug": "saechsischer-fluechtlingsrat", "type": OTHER, "is_sample": False,
        "name": "Sächsischer Flüchtlingsrat", "short_name": "",
        "description": (
            "Eingeladen zur geschlossenen Beteiligungsveranstaltung am 3. Juli 2021 zum "
            "„Aktionsplan Integration 2021 bis 2026“."
        ),
    },
    {
        "slug": "vhs-dresden", "type": EDUCATION, "is_verified": True, "is_sample": False,
        "name": "Volkshochschule Dresden e. V.", "short_name": "VHS",
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
        "slug": "kulturbuero-dresden", "type": OTHER, "is_sample": False,
        "name": "Kulturbüro Dresden", "short_name": "",
        "description": "Träger der Projektschmiede.",
    },
    {
        "slug": "projektschmiede", "type": OTHER, "is_sample": False,
        "name": "Projektschmiede", "short_name": "",
        "description": (
            "Projekt des Kulturbüros Dresden. Stellte auf der Konferenz der "
            "Migrant*innenorganisationen 2023 die Zusammenarbeit mit dem Chinesisch-Deutschen "
            "Zentrum e. V. vor („Gemeinsam zum Erfolg!“)."
        ),
    },
    # Parent associations implied by the seeds' names of their services.
    {
        "slug": "oeiz", "type": OTHER, "is_sample": False,
        "name": "Ökumenisches Informationszentrum e. V.", "short_name": "ÖIZ",
        "description": "Träger von Cabana.",
    },
    {
        "slug": "caritas", "type": WELFARE, "is_sample": False,
        "name": "Caritasverband", "short_name": "Caritas",
        "description": "Träger des Caritas-Jugendmigrationsdienstes.",
    },
    {
        "slug": "awo", "type": WELFARE, "is_sample": False,
        "name": "Arbeiterwohlfahrt", "short_name": "AWO",
        "description": "Träger des AWO Migrationsdienstes Prohlis.",
    },
    {
        "slug": "bdv-sachsen", "type": OTHER, "is_sample": False,
        "name": "Bund der Vertriebenen, Landesverband Sachsen/Schlesische Lausitz e. V.",
        "short_name": "BdV LV Sachsen/Schlesische Lausitz",
        "description": "Träger der Migrationsberatung für Erwachsene (MBE) im BdV.",
    },
    # Seed 004, members of the working groups FAG 1–4.
    {
        "slug": "cabana", "type": OTHER, "is_sample": False,
        "name": "Cabana", "short_name": "",
        "description": "Projekt des ÖIZ e. V. " + _fag("cabana"),
    },
    {
        # Sample: activities, languages.
        "slug": "caritas-jugendmigrationsdienst", "type": WELFARE, "is_verified": True,
        "is_sample": True,
        "name": "Caritas-Jugendmigrationsdienst", "short_name": "JMD",
        "description": "Dienst der Caritas. " + _fag("caritas-jugendmigrationsdienst"),
        "activities": ["youth", "social", "education"],
        "languages": ["de", "en", "ar", "ru"],
    },
    {
        "slug": "kiw-gesellschaft", "type": OTHER, "is_sample": False,
        "name": "KIW-Gesellschaft e. V.", "short_name": "",
        "description": _fag("kiw-gesellschaft"),
    },
    {
        "slug": "exis", "type": OTHER, "is_sample": False,
        "name": "EXIS e. V.", "short_name": "",
        "description": _fag("exis"),
    },
    {
        # Sample: activities, languages, district.
        "slug": "verein-der-vietnamesen", "type": MIGRANT, "is_verified": True,
        "is_sample": True,
        "name": "Verein der Vietnamesen in Dresden e. V.", "short_name": "",
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
        "slug": "cultura-et-cetera", "type": OTHER, "is_sample": False,
        "name": "Cultura et cetera e. V.", "short_name": "",
        "description": _fag("cultura-et-cetera"),
    },
    {
        "slug": "tu-dresden", "type": EDUCATION, "is_sample": False,
        "name": "Technische Universität Dresden", "short_name": "TU Dresden",
        "description": _fag("tu-dresden"),
    },
    {
        "slug": "jobcenter-dresden", "type": EMPLOYMENT, "is_sample": False,
        "name": "Jobcenter Dresden", "short_name": "",
        "description": _fag("jobcenter-dresden"),
        "description_en": (
            "Member of the expert working group FAG 1 (economy, work, vocational training) "
            "of the 2009 integration concept."
        ),
    },
    {
        "slug": "agentur-fuer-arbeit-dresden", "type": EMPLOYMENT, "is_sample": False,
        "name": "Agentur für Arbeit Dresden", "short_name": "Arbeitsagentur",
        "description": _fag("agentur-fuer-arbeit-dresden"),
    },
    {
        "slug": "ihk-dresden", "type": CHAMBER, "is_sample": False,
        "name": "Industrie- und Handelskammer Dresden", "short_name": "IHK Dresden",
        "description": _fag("ihk-dresden"),
    },
    {
        "slug": "handwerkskammer-dresden", "type": CHAMBER, "is_sample": False,
        "name": "Handwerkskammer Dresden", "short_name": "HWK Dresden",
        "description": _fag("handwerkskammer-dresden"),
    },
    {
        # Sample: activities, languages, district, public e-mail.
        "slug": "auslaenderrat-dresden", "type": MIGRANT, "is_verified": True,
        "is_sample": True,
        "name": "Ausländerrat Dresden e. V.", "short_name": "",
        "description": (
            _fag("auslaenderrat-dresden") + " In der FAG 2 zugleich Vertreter des "
            "Ausländerbeirats."
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
        "slug": "awo-migrationsdienst-prohlis", "type": WELFARE, "is_sample": False,
        "name": "AWO Migrationsdienst Prohlis", "short_name": "",
        "district": "Prohlis",  # from the seed's name of the service
        "description": "Dienst der AWO. " + _fag("awo-migrationsdienst-prohlis"),
    },
    {
        "slug": "portal", "type": OTHER, "is_sample": False,
        "name": "Portal e. V.", "short_name": "",
        "description": _fag("portal"),
    },
    {
        # Sample: activities, languages.
        "slug": "polonia-dresden", "type": MIGRANT, "is_sample": True,
        "name": "Polonia-Dresden e. V.", "short_name": "",
        "description": _fag("polonia-dresden"),
        "activities": ["culture", "education"],
        "languages": ["pl", "de"],
    },
    {
        "slug": "bamf", "type": AUTHORITY, "is_sample": False,
        "name": "Bundesamt für Migration und Flüchtlinge", "short_name": "BAMF",
        "description": _fag("bamf"),
    },
    {
        "slug": "saechsische-bildungsagentur-dresden", "type": AUTHORITY, "is_sample": False,
        "name": "Sächsische Bildungsagentur, Regionalstelle Dresden", "short_name": "SBA",
        "description": _fag("saechsische-bildungsagentur-dresden"),
    },
    {
        "slug": "kreiselternrat-dresden", "type": OTHER, "is_sample": False,
        "name": "Kreiselternrat Dresden", "short_name": "",
        "description": _fag("kreiselternrat-dresden"),
    },
    {
        "slug": "dresdner-verein-soziale-integration", "type": OTHER, "is_sample": False,
        "name": "Dresdner Verein für soziale Integration von Ausländern und Aussiedlern",
        "short_name": "",
        "description": _fag("dresdner-verein-soziale-integration"),
    },
    {
        "slug": "krankenhaus-friedrichstadt", "type": OTHER, "is_sample": False,
        "name": "Krankenhaus Friedrichstadt", "short_name": "",
        "description": _fag("krankenhaus-friedrichstadt"),
    },
    {
        "slug": "krankenhaus-neustadt", "type": OTHER, "is_sample": False,
        "name": "Krankenhaus Neustadt", "short_name": "",
        "description": _fag("krankenhaus-neustadt"),
    },
    {
        # Sample: activities, languages.
        "slug": "juedischer-frauenverein-dresden", "type": OTHER, "is_sample": True,
        "name": "Jüdischer Frauenverein Dresden e. V.", "short_name": "",
        "description": _fag("juedischer-frauenverein-dresden"),
        "activities": ["women", "culture", "religion"],
        "languages": ["de", "ru", "he"],
    },
    {
        "slug": "mbe-bdv", "type": OTHER, "is_sample": False,
        "name": "Migrationsberatung für Erwachsene (MBE) im BdV", "short_name": "MBE",
        "description": (
            "Migrationsberatung im Bund der Vertriebenen, Landesverband Sachsen/Schlesische "
            "Lausitz e. V. " + _fag("mbe-bdv")
        ),
    },
    {
        # Sample: activities, languages, district.
        "slug": "chinesisch-deutsches-zentrum", "type": MIGRANT, "is_verified": True,
        "is_sample": True,
        "name": "Chinesisch-Deutsches Zentrum e. V.", "short_name": "",
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
        "slug": "kreissportbund-dresden", "type": UMBRELLA, "is_sample": True,
        "name": "Kreissportbund Dresden e. V.", "short_name": "KSB Dresden",
        "description": _fag("kreissportbund-dresden"),
        "activities": ["sport"],
    },
    {
        # Sample: activities, languages.
        "slug": "afropa", "type": MIGRANT, "is_sample": True,
        "name": "AFROPA e. V.", "short_name": "",
        "description": _fag("afropa") + " Dort zugleich Vertreter des Ausländerbeirats.",
        "activities": ["culture", "antidiscrimination", "politics"],
        "languages": ["de", "en", "fr"],
    },
    {
        "slug": "theater-junge-generation", "type": OTHER, "is_sample": False,
        "name": "Theater Junge Generation", "short_name": "tjg",
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
        "email": "buero@demo.teilhabe.example", "password": "demo-buero-2026",
        "full_name": "Anna Beispiel", "role": "office_admin",
    },
    {
        "email": "amt@demo.teilhabe.example", "password": "demo-amt-2026",
        "full_name": "Tom Muster", "role": "department_editor",
        "departments": ["41", "50"],
    },
    {
        "email": "verein@demo.teilhabe.example", "password": "demo-verein-2026",
        "full_name": "Lina Probe", "role": "organisation_representative",
        "organisations": ["dsm", "auslaenderrat-dresden"],
    },
    {
        "email": "moderation@demo.teilhabe.example", "password": "demo-moderation-2026",
        "full_name": "Jonas Demo", "role": "moderator",
    },
]
