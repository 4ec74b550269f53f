"""Search text shared by both databases.

Each searchable row keeps ``search_text``: its words case-folded, with umlauts and ß
also spelled out (ä -> ae), so "Auslaenderrat", "ausländerrat" and "AUSLÄNDERRAT" all
find "Ausländerrat" on SQLite and PostgreSQL alike.
"""

import re
import unicodedata

# A word, or a dotted code such as "3.2.1" kept whole.
WORD = re.compile(r"\w+(?:\.\w+)*")
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalise(text):
    text = unicodedata.normalize("NFC", text or "").casefold()
    spelled = text.translate(_SPELLED_OUT)
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    )
    variants = {text, spelled, stripped}
    return " ".join(" ".join(WORD.findall(v)) for v in sorted(variants))


def terms(query):
    """The words of a query, normalised the same way (umlauts spelled out)."""
    folded = unicodedata.normalize("NFC", query or "").casefold().translate(_SPELLED_OUT)
    return [t for t in WORD.findall(folded) if t][:10]


def filter_by_query(queryset, query, field="search_text"):
    """Rows whose search text contains every word of ``query``."""
    for term in terms(query):
        queryset = queryset.filter(**{f"{field}__contains": term})
    return queryset


class SearchTextMixin:
    """For models with a ``search_text`` column: it is rebuilt by the model's
    ``build_search_text()`` on every save, also when only some fields are saved."""

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)
