"""Reading one cell of an imported table: text, numbers, dates, truth values, codes and
lists, each bounded, each refusal a message in the reader's language (``texts``). A
parser returns the value or raises ``CellError``."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator, validate_slug

from teilhabe.exports.datasets import LIST_SEPARATOR

from .texts import gettext as _

TRUE = {"true", "ja", "yes", "wahr", "1", "x"}
FALSE = {"false", "nein", "no", "falsch", "0", ""}
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


class CellError(Exception):
    pass


def text(value, *, max_length=None, required=False):
    value = "" if value is None else str(value)
    value = value.strip() if "\n" not in value else value.strip("\n").rstrip()
    if required and not value:
        raise CellError(_("This column must not be empty."))
    if max_length and len(value) > max_length:
        raise CellError(
            _("At most %(limit)s characters (this cell has %(count)s).")
            % {"limit": max_length, "count": len(value)}
        )
    return value


def integer(value, *, minimum, maximum, required=False):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool):
        raise CellError(_("A whole number is needed here."))
    if not isinstance(value, int):
        raw = text(value, required=required)
        if not raw:
            return None
        try:
            value = int(raw)
        except ValueError:
            raise CellError(_("A whole number is needed here.")) from None
    if not minimum <= value <= maximum:
        raise CellError(
            _("The number must be between %(minimum)s and %(maximum)s.")
            % {"minimum": minimum, "maximum": maximum}
        )
    return value


def decimal(value, *, places, maximum):
    """An amount: ``1234.5``, ``1.234,50`` or ``1234,50``; at most ``places`` decimals."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        raw = text(value).replace(" ", "").replace("\u00a0", "").replace("€", "")
        if not raw:
            return None
        if "," in raw:
            raw = raw.replace(".", "").replace(",", ".")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise CellError(_("An amount is needed here, e.g. 12500 or 12.500,50.")) from None
    if not number.is_finite() or number < 0 or number > maximum:
        raise CellError(_("The amount must be between 0 and %(maximum)s.") % {"maximum": maximum})
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise CellError(_("At most %(places)s decimal places.") % {"places": places})
    return number.quantize(Decimal(1).scaleb(-places))


def day(value):
    """A date: ``2021-06-15``, ``15.06.2021`` or a date cell."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        return None
    match = GERMAN_DATE.match(raw)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        parsed = date.fromisoformat(raw)
    except ValueError:
        raise CellError(_("A date is needed here, e.g. 2021-06-15 or 15.06.2021.")) from None
    if not 1900 <= parsed.year <= 2200:
        raise CellError(_("A date is needed here, e.g. 2021-06-15 or 15.06.2021."))
    return parsed


def truth(value):
    if isinstance(value, bool):
        return value
    raw = text(value).lower()
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False
    raise CellError(_("Write true or false (or ja or nein) here."))


def code(value, choices, *, default=None):
    raw = text(value)
    if not raw and default is not None:
        return default
    if raw not in choices:
        raise CellError(
            _("Unknown value “%(value)s”; allowed: %(allowed)s.")
            % {"value": raw, "allowed": ", ".join(choices)}
        )
    return raw


def listed(value):
    """The items of a list cell (separated by ``;``), without empty ones, in order."""
    raw = text(value)
    items = [item.strip() for item in raw.split(LIST_SEPARATOR.strip())]
    return [item for item in items if item]


def slug(value, *, max_length):
    raw = text(value, max_length=max_length)
    if raw:
        try:
            validate_slug(raw)
        except ValidationError:
            raise CellError(
                _("Only letters, digits, hyphens and underscores, e.g. auslaenderrat-dresden.")
            ) from None
    return raw


def url(value, *, max_length=200):
    raw = text(value, max_length=max_length)
    if raw:
        try:
            URLValidator(schemes=["http", "https"])(raw)
        except ValidationError:
            raise CellError(_("Enter a full web address, e.g. https://example.org.")) from None
    return raw


def email(value, *, max_length=254):
    raw = text(value, max_length=max_length)
    if raw:
        try:
            EmailValidator()(raw)
        except ValidationError:
            raise CellError(_("Enter a valid e-mail address.")) from None
    return raw
