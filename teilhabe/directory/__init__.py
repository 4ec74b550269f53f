"""Directory: city departments (Ämter, Eigenbetriebe) and organisations, with public
search, filters and profile pages."""
