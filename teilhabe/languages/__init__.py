"""Languages: the three interface languages, content translations with German fallback,
and the alternate-language links every page carries."""
