"""The imports' messages to the office, translated when shown, not when made.

A check runs in the worker and its preview is read later, perhaps by another member of
the office in another language. So a row's error (and a refusal of the whole file) is
kept as its English msgid with its values and translated in the reader's language when
the page is rendered (``render``).

``gettext`` and ``ngettext`` here have the signatures of Django's and are imported under
the usual names (``from .texts import gettext as _``), so that ``makemessages`` finds the
strings as it finds any other; they return a ``Text`` instead of a translation. ``%``
with a dict of values gives a ``Text`` with those values; ``str()`` translates it in the
active language."""

from django.utils import translation


class Text:
    __slots__ = ("msgid", "plural", "count", "values")

    def __init__(self, msgid, plural="", count=None, values=None):
        self.msgid, self.plural, self.count = str(msgid), str(plural), count
        self.values = dict(values or {})

    def __mod__(self, values):
        return Text(self.msgid, self.plural, self.count, {**self.values, **values})

    def __str__(self):
        if self.plural:
            text = translation.ngettext(self.msgid, self.plural, self.count)
        else:
            text = translation.gettext(self.msgid)
        return text % self.values if self.values else text

    def __repr__(self):
        return f"Text({self.msgid!r}, {self.values!r})"

    def __eq__(self, other):
        return isinstance(other, Text) and self.as_json() == other.as_json()

    __hash__ = None

    def as_json(self):
        stored = {"msgid": self.msgid}
        if self.plural:
            stored.update(plural=self.plural, count=self.count)
        if self.values:
            stored["values"] = {
                key: value if isinstance(value, int | str) else str(value)
                for key, value in self.values.items()
            }
        return stored


def gettext(msgid):
    return Text(msgid)


def ngettext(singular, plural, count):
    return Text(singular, plural, count)


def render(stored):
    """A stored message (``Text.as_json()``) in the active language; a plain string as
    it is (messages kept before they were stored untranslated)."""
    if not stored:
        return ""
    if isinstance(stored, str):
        return stored
    return str(
        Text(
            stored["msgid"],
            stored.get("plural", ""),
            stored.get("count"),
            stored.get("values"),
        )
    )
