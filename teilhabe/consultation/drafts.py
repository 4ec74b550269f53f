"""Reading drafts: the language versions a draft has, its sections as chapters with
their published comments and replies (read in a fixed number of queries), and what
changed from the previous version, section by section (matched on ``Section.key``)
with a word-level diff."""

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from teilhabe.languages.content import SOURCE_LANGUAGE, ordered, pick

from .models import Comment, Draft


def languages_of(draft, sections, files):
    """The codes of the languages ``draft`` is written in (its title, its sections'
    headings, its original files), in the installation's order, German first."""
    codes = {SOURCE_LANGUAGE}
    for texts in [draft.title, *(section.heading for section in sections)]:
        codes.update(code for code, text in (texts or {}).items() if text)
    codes.update(file.language for file in files)
    return [code for code in ordered(codes) if not code.startswith("_")]


def previous_draft(draft, queryset=None):
    """The version before ``draft`` in its consultation (among ``queryset``), or None."""
    queryset = queryset if queryset is not None else Draft.objects.all()
    return (
        queryset.filter(consultation_id=draft.consultation_id, version__lt=draft.version)
        .order_by("-version")
        .first()
    )


def attach_comments(sections):
    """Give every section ``thread``: its published comments, oldest first, each with
    ``shown_replies`` (its published replies). Two queries whatever the number of
    sections and comments."""
    by_section = defaultdict(list)
    replies = defaultdict(list)
    comments = (
        Comment.objects.public()
        .filter(section__in=[s.pk for s in sections])
        .select_related("organisation")
        .order_by("created_at", "id")
    )
    for comment in comments:
        if comment.parent_id is None:
            by_section[comment.section_id].append(comment)
        else:
            replies[comment.parent_id].append(comment)
    for threads in by_section.values():
        for comment in threads:
            comment.shown_replies = replies.get(comment.pk, [])
    for section in sections:
        section.thread = by_section.get(section.pk, [])
    return sections


def chapters_of(sections):
    """Sections grouped under their chapters (level 1) for the table of contents:
    ``[(chapter or None, [sections])]``."""
    groups = []
    for section in sections:
        if section.level == 1 or not groups:
            groups.append((section if section.level == 1 else None, []))
            if section.level == 1:
                continue
        groups[-1][1].append(section)
    return groups


# --- What changed ---------------------------------------------------------------------

_TOKENS = re.compile(r"(\s+)")


def word_diff(old, new):
    """``new`` against ``old`` as HTML: removed words in ``<del>``, added ones in
    ``<ins>``, each with text a screen reader reads ("removed:", "added:"), so the
    difference is not told by colour or strike-through alone. Everything escaped."""
    before = _TOKENS.split(old or "")
    after = _TOKENS.split(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = escape("".join(before[i1:i2]))
        added = escape("".join(after[j1:j2]))
        if tag == "equal":
            parts.append(added)
            continue
        if removed.strip():
            parts.append(
                f'<del><span class="sr-only">{escape(_("removed:"))} </span>{removed}</del>'
            )
        if added.strip():
            parts.append(f'<ins><span class="sr-only">{escape(_("added:"))} </span>{added}</ins>')
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


@dataclass
class Change:
    kind: str  # "added", "removed", "changed"
    section: object  # the section of the new version (of the old one when removed)
    heading: str = ""
    heading_diff: str = ""
    text_diff: str = ""
    text: str = ""
    extra: dict = field(default_factory=dict)


def changes_between(old_sections, new_sections, language):
    """What changed from ``old_sections`` to ``new_sections`` in ``language`` (with the
    usual fallback), in the order of the new version, removed sections last.
    Unchanged sections are left out."""
    old_by_key = {s.key: s for s in old_sections}
    new_keys = {s.key for s in new_sections}
    changes = []
    for section in new_sections:
        heading = pick(section.heading, language).text
        text = pick(section.text, language).text
        old = old_by_key.get(section.key)
        if old is None:
            changes.append(Change("added", section, heading=heading, text=text))
            continue
        old_heading = pick(old.heading, language).text
        old_text = pick(old.text, language).text
        if (old_heading, old_text, old.number) == (heading, text, section.number):
            continue
        changes.append(
            Change(
                "changed",
                section,
                heading=heading,
                heading_diff=word_diff(old_heading, heading) if old_heading != heading else "",
                text_diff=word_diff(old_text, text),
                extra={"old_number": old.number},
            )
        )
    for old in old_sections:
        if old.key not in new_keys:
            changes.append(
                Change(
                    "removed",
                    old,
                    heading=pick(old.heading, language).text,
                    text=pick(old.text, language).text,
                )
            )
    return changes
