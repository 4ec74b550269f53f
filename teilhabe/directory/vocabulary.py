"""The shared vocabularies: fields of activity (codes in ActivityField.Code) and the
languages organisations work in, with German and English names."""

LANGUAGES = [
    ("ar", "Arabisch", "Arabic"),
    ("bg", "Bulgarisch", "Bulgarian"),
    ("cs", "Tschechisch", "Czech"),
    ("de", "Deutsch", "German"),
    ("dgs", "Deutsche Gebärdensprache", "German Sign Language"),
    ("el", "Griechisch", "Greek"),
    ("en", "Englisch", "English"),
    ("es", "Spanisch", "Spanish"),
    ("fa", "Persisch (Farsi, Dari)", "Persian (Farsi, Dari)"),
    ("fr", "Französisch", "French"),
    ("he", "Hebräisch", "Hebrew"),
    ("hi", "Hindi", "Hindi"),
    ("hu", "Ungarisch", "Hungarian"),
    ("it", "Italienisch", "Italian"),
    ("ka", "Georgisch", "Georgian"),
    ("ku", "Kurdisch", "Kurdish"),
    ("pl", "Polnisch", "Polish"),
    ("ps", "Paschtu", "Pashto"),
    ("pt", "Portugiesisch", "Portuguese"),
    ("ro", "Rumänisch", "Romanian"),
    ("ru", "Russisch", "Russian"),
    ("sq", "Albanisch", "Albanian"),
    ("so", "Somali", "Somali"),
    ("sr", "Serbisch", "Serbian"),
    ("sw", "Swahili", "Swahili"),
    ("ti", "Tigrinya", "Tigrinya"),
    ("tr", "Türkisch", "Turkish"),
    ("uk", "Ukrainisch", "Ukrainian"),
    ("ur", "Urdu", "Urdu"),
    ("vi", "Vietnamesisch", "Vietnamese"),
    ("zh", "Chinesisch", "Chinese"),
]


def load_vocabulary(ActivityField, Language):  # noqa: N803 - historical models in migrations
    """Create missing entries; safe to run again."""
    for code in ACTIVITY_CODES:
        ActivityField.objects.get_or_create(code=code)
    for code, name, name_en in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})


ACTIVITY_CODES = [
    "politics",
    "culture",
    "sport",
    "education",
    "language",
    "social",
    "religion",
    "youth",
    "work",
    "health",
    "housing",
    "women",
    "refugees",
    "antidiscrimination",
]
