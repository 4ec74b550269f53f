from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, no_translations

from teilhabe.accounts.models import Role
from teilhabe.demo import dresden
from teilhabe.demo.loader import CREATED, UNCHANGED, UPDATED, load_dresden
from teilhabe.events.models import Event
from teilhabe.plan.models import ConceptCycle, FundingLine, Indicator, Measure
from teilhabe.tenants.models import Municipality

# Action plan rows that carry an is_sample flag, as (label, model).
SAMPLE_COUNTED = [
    ("concept cycles", ConceptCycle),
    ("measures", Measure),
    ("indicators", Indicator),
    ("funding lines", FundingLine),
    ("events", Event),
]


class Command(BaseCommand):
    help = (
        "Load the Dresden demonstration data: the municipality, its departments, the "
        "organisations named in the seed documents with their umbrella memberships, one "
        "demo login per role (printed at the end), and the action plan: the concept cycles "
        "2009, 2015–2020 and 2021–2026 with phases, fields of action, goals, measures with "
        "status reports, indicators, funding lines and needs for action; the events of "
        "2021 and 2023 with venues, programme and anonymised sample registrations, and one "
        "upcoming sample event. Safe to run "
        "again: it only brings the data back to teilhabe/demo/dresden.py and creates no "
        "duplicates. Refused unless "
        "TEILHABE_DEMO is on, so it never runs on a production installation."
    )

    @no_translations  # role names in the source language, whatever a test left active
    def handle(self, *args, **options):
        if not settings.TEILHABE_DEMO:
            raise CommandError(
                "TEILHABE_DEMO is off: this is not a demo installation, so no demo data "
                "and no demo logins are loaded."
            )
        report = load_dresden()
        self.stdout.write(self.style.SUCCESS("Dresden demo data loaded:"))
        for kind, counts in report.items():
            parts = [f"{counts[status]} {status}" for status in (CREATED, UPDATED, UNCHANGED)]
            self.stdout.write(f"  {kind + ':':<22} {', '.join(parts)}")
        self._print_sample_counts()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins (only while TEILHABE_DEMO is on):"))
        self._print_logins()

    def _print_sample_counts(self):
        municipality = Municipality.objects.get(slug=dresden.MUNICIPALITY["slug"])
        parts = []
        for label, model in SAMPLE_COUNTED:
            rows = model.objects.for_municipality(municipality)
            parts.append(f"{rows.filter(is_sample=True).count()} of {rows.count()} {label}")
        self.stdout.write(f"  {'marked as sample:':<22} {', '.join(parts)}")

    def _print_logins(self):
        rows = [("E-mail", "Password", "Role")]
        for user in dresden.USERS:
            role = str(Role.Kind(user["role"]).label)
            scope = [_department_label(key) for key in user.get("departments", [])]
            scope += [_organisation_label(slug) for slug in user.get("organisations", [])]
            if scope:
                role += f" ({', '.join(scope)})"
            rows.append((user["email"], user["password"], role))
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        for email, password, role in rows:
            self.stdout.write(f"  {email:<{widths[0]}}  {password:<{widths[1]}}  {role}")


def _department_label(key):
    row = next(d for d in dresden.DEPARTMENTS if dresden.department_key(d) == key)
    return f"{row['number']} {row['name']}".strip()


def _organisation_label(slug):
    row = next(o for o in dresden.ORGANISATIONS if o["slug"] == slug)
    return row.get("short_name") or row["name"]
