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

from .models import Comment, Draft, DraftFile


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


# --- The office edits drafts ------------------------------------------------------------------

_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.*)$")


class DraftError(ValueError):
    """Pasted text the import refuses; the message is for the office."""


@dataclass
class ParsedSection:
    level: int
    number: str
    heading: str
    text: str


def parse_structured_text(text):
    """Sections of pasted text: a line starting with "# " is a chapter, "## " a
    section, a number at the start of a heading ("2.1 Sprache") its number; the lines
    below a heading are its text. Text before the first heading is refused."""
    sections = []
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        level = 2 if line.startswith("## ") else 1 if line.startswith("# ") else 0
        if level:
            heading = line[level + 1 :].strip()
            match = _NUMBER.match(heading)
            number, heading = (match.group(1), match.group(2).strip()) if match else ("", heading)
            if not heading:
                raise DraftError(_("A heading line has no heading."))
            sections.append(ParsedSection(level, number, heading[:300], ""))
        elif line.strip():
            if not sections:
                raise DraftError(
                    _('Start with a heading: "# " for a chapter, "## " for a section.')
                )
            section = sections[-1]
            section.text = f"{section.text}\n{line}" if section.text else line
        elif sections and sections[-1].text:
            sections[-1].text += "\n"
    for section in sections:
        section.text = re.sub(r"\n{3,}", "\n\n", section.text).strip()
    if not sections:
        raise DraftError(_("No heading found."))
    if len(sections) > 9000:
        raise DraftError(_("Too many sections."))
    return sections


def structured_text(sections, language):
    """The sections' text in ``language`` as the office pastes it (``parse_structured_text``
    reads it back), so the page offers the text as it stands for editing."""
    blocks = []
    for section in sections:
        heading = section.heading.text(language)
        if not heading:
            continue
        marker = "#" if section.level == 1 else "##"
        blocks.append(f"{marker} {section.number} {heading}".replace("  ", " "))
        text = section.text.text(language)
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)


def _unique_key(heading, taken):
    from django.utils.text import slugify

    base = (slugify(heading) or "abschnitt")[:50]
    key, n = base, 2
    while key in taken:
        key = f"{base}-{n}"
        n += 1
    taken.add(key)
    return key


def import_sections(draft, language, text):
    """Replace the sections of ``draft`` in ``language`` with pasted structured text.

    German (the source) sets the structure: a section keeps its key when its heading or,
    failing that, its place and level match a section there before (so the changes
    between versions are found); sections no longer in the text are removed, except
    that one with comments is never removed (refused). Another language must have the
    same headings at the same levels as the German text and fills in its translation."""
    from django.db import transaction

    from teilhabe.languages.forms import merge_form_texts

    from .models import Section

    parsed = parse_structured_text(text)
    with transaction.atomic():
        Draft.objects.select_for_update().get(pk=draft.pk)
        existing = list(Section.objects.filter(draft=draft).order_by("position", "id"))
        if language != SOURCE_LANGUAGE:
            shape = [s.level for s in existing]
            if shape != [p.level for p in parsed]:
                raise DraftError(
                    _(
                        "The translation must have the same chapters and sections as the "
                        "German text (%(expected)s headings, %(given)s given)."
                    )
                    % {"expected": len(existing), "given": len(parsed)}
                )
            for section, part in zip(existing, parsed, strict=True):
                section.heading = merge_form_texts(section.heading, {language: part.heading})
                section.text = merge_form_texts(section.text, {language: part.text})
                section.save(update_fields=["heading", "text"])
            return existing
        by_heading = {pick(s.heading, SOURCE_LANGUAGE).text: s for s in existing}
        used, result = set(), []
        for index, part in enumerate(parsed):
            match = by_heading.get(part.heading)
            if match is None or match.pk in used:
                candidate = existing[index] if index < len(existing) else None
                same_place = (
                    candidate is not None
                    and candidate.pk not in used
                    and candidate.level == part.level
                    and pick(candidate.heading, SOURCE_LANGUAGE).text
                    not in {p.heading for p in parsed}
                )
                match = candidate if same_place else None
            if match is not None:
                used.add(match.pk)
            result.append((match, part))
        removed = [s for s in existing if s.pk not in used]
        if removed and Comment.objects.filter(section__in=removed).exists():
            raise DraftError(
                _("The text leaves out a section that has comments; it cannot be removed.")
            )
        Section.objects.filter(pk__in=[s.pk for s in removed]).delete()
        taken = {s.key for s in existing if s.pk in used}
        # Positions are set in two steps so no two rows ever share one in between.
        for offset, (section, _part) in enumerate(result):
            if section is not None:
                section.position = 5000 + offset
                section.save(update_fields=["position"])
        saved = []
        for position, (section, part) in enumerate(result):
            if section is None:
                section = Section(
                    draft=draft, key=_unique_key(part.heading, taken), heading={}, text={}
                )
            section.position = position
            section.level = part.level
            section.number = part.number[:20]
            section.heading = merge_form_texts(section.heading, {SOURCE_LANGUAGE: part.heading})
            section.text = merge_form_texts(section.text, {SOURCE_LANGUAGE: part.text})
            section.save()
            saved.append(section)
    return saved


def new_version(consultation, *, copy=True):
    """The next draft version of ``consultation``, unpublished; with ``copy`` a copy of
    the latest version's title, summary and sections (keys kept, so the changes between
    the two are found). Numbered under the consultation's row lock."""
    from django.db import transaction
    from django.db.models import Max

    from .models import Consultation, Section

    with transaction.atomic():
        Consultation.objects.select_for_update().get(pk=consultation.pk)
        drafts = Draft.objects.filter(consultation=consultation)
        last = drafts.aggregate(last=Max("version"))["last"] or 0
        if last >= 99:
            raise DraftError(_("A consultation has at most 99 versions."))
        previous = drafts.filter(version=last).first() if copy else None
        draft = Draft.objects.create(
            municipality_id=consultation.municipality_id,
            consultation=consultation,
            version=last + 1,
            title=previous.title if previous else consultation.title,
            summary=previous.summary if previous else {},
            is_published=False,
        )
        if previous is not None:
            Section.objects.bulk_create(
                Section(
                    draft=draft,
                    key=s.key,
                    position=s.position,
                    number=s.number,
                    level=s.level,
                    heading=s.heading,
                    text=s.text,
                )
                for s in Section.objects.filter(draft=previous)
            )
    return draft


def store_draft_file(draft, language, upload):
    """The original file of ``draft`` in ``language``: checked (type, size), stored,
    replacing an earlier one of that language. ValidationError for a refused file.
    Two uploads at once replace one another in turn (the draft's lock): the last one
    stays, the other's file is deleted, no error."""
    from django.db import transaction

    from . import documents

    file = DraftFile(draft=draft, language=language)
    documents.store(file, upload)
    try:
        with transaction.atomic():
            Draft.objects.select_for_update().filter(pk=draft.pk).exists()
            for old in DraftFile.objects.filter(draft=draft, language=language):
                old.delete()
                # The old file goes once the new row is committed; a rollback keeps it.
                transaction.on_commit(lambda f=old.file: f.storage.delete(f.name))
            file.save()
    except BaseException:
        file.file.storage.delete(file.file.name)  # stored, but never a row's
        raise
    return file
