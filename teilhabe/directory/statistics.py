"""The directory in numbers, for its public statistics page: the published
organisations of a municipality by type, field of activity, language, district, year
of founding and year of registration on the platform, each a table (and a chart of the
same numbers, ``charts.py``), and the plan's indicators that count organisations from
another source (``Indicator.shown_in_directory_statistics``, e.g. Dresden's 110 migrant
organisations at the end of 2022).

Each table is one grouped query, whatever the number of organisations."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from .models import ActivityField, Language, Organisation

TABLES = ["type", "activity", "language", "district", "founded", "registered"]


@dataclass
class Table:
    key: str
    title: str
    heading: str  # of the first column
    rows: list = field(default_factory=list)  # [(label, count)]
    note: str = ""
    over_time: bool = False  # rows by year, with a running total

    @property
    def total(self):
        return sum(count for _label, count in self.rows)

    @property
    def running(self):
        """[(label, count, total so far)]."""
        so_far, rows = 0, []
        for label, count in self.rows:
            so_far += count
            rows.append((label, count, so_far))
        return rows


def _published(municipality):
    return Organisation.objects.for_municipality(municipality).published().order_by()


def _by_count(rows):
    return sorted(rows, key=lambda row: (-row[1], str(row[0])))


def by_type(municipality):
    counts = _published(municipality).values_list("type").annotate(n=Count("id"))
    labels = dict(Organisation.Type.choices)
    return Table(
        "type",
        _("Organisations by type"),
        _("Type"),
        _by_count([(labels.get(code, code), n) for code, n in counts]),
    )


def _vocabulary_counts(model, municipality):
    published = Q(organisation__municipality=municipality, organisation__is_published=True)
    return [
        (item, item.n)
        for item in model.objects.annotate(n=Count("organisation", filter=published)).filter(
            n__gt=0
        )
    ]


def by_activity(municipality):
    return Table(
        "activity",
        _("Organisations by field of activity"),
        _("Field of activity"),
        _by_count(_vocabulary_counts(ActivityField, municipality)),
        note=_("An organisation active in several fields is counted in each."),
    )


def by_language(municipality):
    return Table(
        "language",
        _("Organisations by language"),
        _("Language"),
        _by_count(_vocabulary_counts(Language, municipality)),
        note=_("An organisation that works in several languages is counted in each."),
    )


def by_district(municipality, total):
    counts = list(
        _published(municipality)
        .exclude(district="")
        .values_list("district")
        .annotate(n=Count("id"))
    )
    table = Table("district", _("Organisations by district"), _("District"), _by_count(counts))
    unknown = total - table.total
    if unknown:
        table.rows.append((pgettext_lazy("district", "not given"), unknown))
    return table


def by_founding_year(municipality, total):
    counts = (
        _published(municipality)
        .exclude(founded_in=None)
        .values_list("founded_in")
        .annotate(n=Count("id"))
        .order_by("founded_in")
    )
    table = Table(
        "founded",
        _("Organisations by year of founding"),
        _("Year of founding"),
        [(str(year), n) for year, n in counts],
        over_time=True,
    )
    unknown = total - table.total
    if unknown:
        table.note = ngettext(
            "The year of founding of %(count)s organisation is not known; it is not counted here.",
            "The year of founding of %(count)s organisations is not known; they are not "
            "counted here.",
            unknown,
        ) % {"count": unknown}
    return table


def by_registration_year(municipality):
    counts = (
        _published(municipality)
        .annotate(year=ExtractYear("created_at"))
        .values_list("year")
        .annotate(n=Count("id"))
        .order_by("year")
    )
    return Table(
        "registered",
        _("Organisations by year of entry in this directory"),
        _("Year of entry"),
        [(str(year), n) for year, n in counts],
        over_time=True,
    )


def table(municipality, key, total=None):
    """One table by its key (for its chart)."""
    if key in ("district", "founded") and total is None:
        total = _published(municipality).count()
    return {
        "type": lambda: by_type(municipality),
        "activity": lambda: by_activity(municipality),
        "language": lambda: by_language(municipality),
        "district": lambda: by_district(municipality, total),
        "founded": lambda: by_founding_year(municipality, total),
        "registered": lambda: by_registration_year(municipality),
    }[key]()


def indicators(municipality):
    """The public indicators that count organisations from another source, with their
    yearly values and cycle."""
    from teilhabe.plan.models import Indicator, IndicatorValue

    found = list(
        Indicator.objects.for_municipality(municipality)
        .filter(shown_in_directory_statistics=True, cycle__is_published=True)
        .exclude(field__is_draft=True)
        .select_related("cycle__municipality")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.order_by("year")))
        .order_by("title__de")
    )
    for indicator in found:
        values = list(indicator.values.all())
        indicator.latest = values[-1] if values else None
    return found


def directory_statistics(municipality):
    """{"total", "tables": [Table], "indicators"}: eight queries."""
    total = _published(municipality).count()
    return {
        "total": total,
        "tables": [table(municipality, key, total) for key in TABLES],
        "indicators": indicators(municipality),
    }
