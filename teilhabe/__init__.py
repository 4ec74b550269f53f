"""Teilhabe: a municipality's integration concept, its participation and its reports."""
