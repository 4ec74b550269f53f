"""The Dresden demo's bodies (issue 12): the four Facharbeitsgruppen of the 2009 concept
with exactly the member organisations and departments seed 004 lists
(``dresden.EXPERT_WORKING_GROUPS_2009``), the steering group, the Fach-AG
"Migration-Integration", the coordination group and the Integrations- und
Ausländerbeirat.

From the seeds: the FAG member lists, that the FAGs worked until May 2013 and the 2009
action plan (in force from 1 July 2009) that set up the steering group and the FAGs
(seed 004); the Fach-AG "Migration-Integration", which revises the concept every four
years (seed 000, quoting the 2015–2020 concept); the coordination group and the working
groups that discussed the new structure from 2019 (seed 001); the advisory council,
represented in the FAGs from 2009, which discussed the implementation report on
16 December 2014 (seed 004), received the DSM position paper in 2021 (seed 000) and
spoke at the 2023 conference (seed 003). The seeds name no members of these last four
bodies and no start date for the Fach-AG and the coordination group: their start is the
start of the concept cycle in which the seeds first name them, and their descriptions
say so. No meetings: the seeds date none.

Two entries of the lists are functions rather than organisations or departments:
"Vertreter des Ausländerbeirats" (FAG 3) and "VertreterInnen der Eigenbetriebe" (FAG 2).
They are person members named by their function (no personal data); where the list adds
the advisory council's representative to an organisation, the membership's note says so.

Keys as in dresden.py: ``name`` is German, ``name_en`` English, ``name_simple`` plain
language."""

from datetime import date

from .dresden import CYCLE_2009, CYCLE_2015, CYCLE_2021, EXPERT_WORKING_GROUPS_2009

FAG_PERIOD = (date(2009, 7, 1), date(2013, 5, 31))
ALSO_FOR_THE_COUNCIL = {
    "note": "zugleich Vertreter des Ausländerbeirats",
    "note_en": "also representing the advisory council",
    "note_simple": "auch für den Ausländer-Beirat",
}

FAG_NAMES_EN = {
    "FAG 1": "Economy, work, vocational training",
    "FAG 2": "Social affairs, housing, health",
    "FAG 3": "Early childhood and school education, work with children, youth and families",
    "FAG 4": "Social integration, participation, sport, culture",
}
# Seed 004: who in each list is "zugleich Vertreter des Ausländerbeirats".
COUNCIL_REPRESENTATIVES = {
    "FAG 1": "verein-der-vietnamesen",
    "FAG 2": "auslaenderrat-dresden",
    "FAG 4": "afropa",
}
# Seed 004's list entries that name a function, not an organisation or a department.
FUNCTION_MEMBERS = {
    "FAG 2": ["VertreterInnen der Eigenbetriebe"],
    "FAG 3": ["Vertreter des Ausländerbeirats"],
}


def _fag(group, number):
    short = group["short_name"]
    return {
        "slug": f"fag-{number}",
        "kind": "expert_group",
        "short_name": short,
        "name": group["name"],
        "name_en": FAG_NAMES_EN[short],
        "description": (
            f"Die Facharbeitsgruppe {short} begleitete die Umsetzung des Konzeptes zur "
            "Integration von Migrantinnen und Migranten 2009 im Handlungsfeld "
            f"„{group['name']}“. Die Facharbeitsgruppen arbeiteten bis Mai 2013; ihre "
            "Mitglieder wurden bei der Erarbeitung des Integrationskonzeptes 2015–2020 "
            "einbezogen (Umsetzungsbericht 2009–2014)."
        ),
        "description_en": (
            f"The expert working group {short} accompanied the implementation of the 2009 "
            f"integration concept in the field of action “{FAG_NAMES_EN[short]}”. The expert "
            "working groups worked until May 2013; their members took part in drafting the "
            "integration concept 2015–2020 (implementation report 2009–2014)."
        ),
        "cycles": [CYCLE_2009],
        "fields": [(CYCLE_2009, number)],
        "starts_on": FAG_PERIOD[0],
        "ends_on": FAG_PERIOD[1],
        "organisations": group["organisations"],
        "departments": group["departments"],
        "notes": {COUNCIL_REPRESENTATIVES[short]: ALSO_FOR_THE_COUNCIL}
        if short in COUNCIL_REPRESENTATIVES
        else {},
        "functions": FUNCTION_MEMBERS.get(short, []),
        "period": FAG_PERIOD,
    }


FAGS = [_fag(group, n) for n, group in enumerate(EXPERT_WORKING_GROUPS_2009, 1)]

BODIES = [
    *FAGS,
    {
        "slug": "steuerungsgruppe",
        "kind": "steering_group",
        "short_name": "",
        "name": "Steuerungsgruppe zur Umsetzung des Integrationskonzeptes",
        "name_en": "Steering group for the implementation of the integration concept",
        "description": (
            "Der Handlungsplan zur verwaltungsinternen Umsetzung des Integrationskonzeptes "
            "2009, in Kraft seit 1. Juli 2009, legt Organisationsstrukturen, Aufgaben und "
            "Rollen der Steuerungsgruppe fest (Umsetzungsbericht 2009–2014). Die Quellen "
            "nennen ihre Mitglieder nicht."
        ),
        "description_en": (
            "The action plan for implementing the 2009 integration concept within the city "
            "administration, in force since 1 July 2009, sets out the structures, tasks and "
            "roles of the steering group (implementation report 2009–2014). The sources do "
            "not name its members."
        ),
        "cycles": [CYCLE_2009],
        "fields": [],
        "starts_on": date(2009, 7, 1),
        "ends_on": None,
    },
    {
        "slug": "fach-ag-migration-integration",
        "kind": "expert_group",
        "short_name": "",
        "name": "Fach-AG „Migration-Integration“",
        "name_en": "Expert group “Migration-Integration”",
        "description": (
            "Die Fach-AG „Migration-Integration“ entwickelt das Integrationskonzept alle vier "
            "Jahre weiter (Positionspapier des Dachverbands sächsischer "
            "Migrantenorganisationen, nach dem Integrationskonzept 2015–2020). Ab 2019 "
            "diskutierte sie Aufbau und Struktur des neuen Konzeptes. Die Quellen nennen "
            "weder ihre Mitglieder noch ihren Beginn; angegeben ist der Beginn des "
            "Konzeptzeitraums 2015–2020."
        ),
        "description_en": (
            "The expert group “Migration-Integration” revises the integration concept every "
            "four years (position paper of the umbrella of Saxon migrant organisations, "
            "quoting the 2015–2020 concept). From 2019 it discussed the structure of the new "
            "concept. The sources name neither its members nor its start; the start given "
            "is that of the 2015–2020 concept period."
        ),
        "cycles": [CYCLE_2015, CYCLE_2021],
        "fields": [],
        "starts_on": date(2015, 1, 1),
        "ends_on": None,
    },
    {
        "slug": "koordinierungsgruppe",
        "kind": "coordination_group",
        "short_name": "",
        "name": "Koordinierungsgruppe zur Umsetzung des Integrationskonzeptes",
        "name_en": "Coordination group for the implementation of the integration concept",
        "description": (
            "Ab 2019 diskutierte die Koordinierungsgruppe mit den fünf "
            "handlungsfeldbezogenen Arbeitsgruppen und der Fach-AG „Migration-Integration“ "
            "Aufbau und Strukturen des neuen Integrationskonzeptes; 2021 lag ihr der erste "
            "Entwurf der „Analyse der kommunalen Handlungsfelder“ zur Diskussion vor "
            "(Seite „Integrationskonzept“ der Stadt). Die Quellen nennen weder ihre "
            "Mitglieder noch ihren Beginn; angegeben ist der Beginn des Konzeptzeitraums "
            "2015–2020."
        ),
        "description_en": (
            "From 2019 the coordination group discussed the structure of the new integration "
            "concept with the five working groups and the expert group "
            "“Migration-Integration”; in 2021 it discussed the first draft of the analysis of "
            "the municipal fields of action (the city's page on the integration concept). The "
            "sources name neither its members nor its start; the start given is that of the "
            "2015–2020 concept period."
        ),
        "cycles": [CYCLE_2015, CYCLE_2021],
        "fields": [],
        "starts_on": date(2015, 1, 1),
        "ends_on": None,
    },
    {
        "slug": "integrations-und-auslaenderbeirat",
        "kind": "advisory_council",
        "short_name": "",
        "name": "Integrations- und Ausländerbeirat Dresden",
        "name_en": "Integration and Foreigners' Advisory Council of Dresden",
        "description": (
            "Der Beirat war von 2009 an in den Facharbeitsgruppen vertreten und beriet am "
            "16. Dezember 2014 den Umsetzungsbericht 2009–2014. 2021 war er bei der Übergabe "
            "des Positionspapiers des Dachverbands sächsischer Migrantenorganisationen "
            "dabei; seine Mitglieder waren zur dritten Beteiligungsveranstaltung eingeladen. "
            "Auf der Konferenz der Migrant*innenorganisationen 2023 sprach ein Vertreter des "
            "Beirats über den Beirat im Wahljahr 2024. Die Quellen nennen seine Mitglieder "
            "nicht."
        ),
        "description_en": (
            "The council was represented in the expert working groups from 2009 and "
            "discussed the implementation report 2009–2014 on 16 December 2014. In 2021 it "
            "attended the handover of the position paper of the umbrella of Saxon migrant "
            "organisations; its members were invited to the third participation event. At "
            "the 2023 conference of migrant organisations one of its representatives spoke "
            "about the council in the election year 2024. The sources do not name its members."
        ),
        "cycles": [CYCLE_2009, CYCLE_2015, CYCLE_2021],
        "fields": [],
        "starts_on": date(2009, 7, 1),
        "ends_on": None,
    },
]
