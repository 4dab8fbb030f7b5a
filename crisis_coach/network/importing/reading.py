"""From an uploaded file to rows: what each contact in it would become.

`sniff` is quick and runs in the upload's request: is this text, a vCard or a CSV we know, how many
contacts. `read_rows` is the slow part and runs in a task: vobject parses vCards (3.0 and 4.0, one
or many per file), the csv module parses Google Contacts and LinkedIn exports. Nothing here touches
the database.

A row is a dict of JSON values (it is stored in ContactImport.rows):
    {"n": position in the file from 1, "fields": {Contact field: value}, "birthday": "YYYY-MM-DD" or
     None, "dates": [{"kind", "label", "date", "repeats_yearly"}], "skip": reason code or ""}
matching.py then adds "action", "match" and "match_on".
"""

import csv
import datetime
import io
import re
from collections.abc import Callable

import vobject
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from crisis_coach import limits
from crisis_coach.network.models import DateKind, Relationship

VCARD = "vcard"
GOOGLE = "google"
LINKEDIN = "linkedin"

# A birthday without a year (vCard "--0415", Google "--04-15") is kept on this year, a leap year so
# that 29 February fits; it is the year Apple's contacts use for the same purpose, and the export
# writes such a birthday back without a year. Yearly dates are shown without their year anyway.
NO_YEAR = 1604

# Our own vCard properties, so an export re-imports as the same contacts (vcard.py writes them).
X_RELATIONSHIP = "x-crisis-coach-relationship"
X_IMPORTANCE = "x-crisis-coach-importance"
X_HOW_MET = "x-crisis-coach-how-met"
X_DATE = "x-crisis-coach-date"

LINKEDIN_COLUMNS = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
# LinkedIn puts a few "Notes:" lines before its header; the header is looked for this far down.
LINKEDIN_HEADER_WITHIN = 10
GOOGLE_NAME_COLUMNS = {"Name", "Given Name", "Family Name", "First Name", "Last Name"}
GOOGLE_OTHER_COLUMNS = {
    "E-mail 1 - Value",
    "Phone 1 - Value",
    "Organization 1 - Name",
    "Organization Name",
    "Group Membership",
    "Labels",
}

EMAIL_MAX = 254  # Contact.email
MAX_LENGTHS = {"name": 120, "organisation": 120, "role": 120, "phone": 40, "how_met": 200}


class FileRefused(Exception):
    """The file cannot be imported at all; `message` says why, for the person, next to the file field."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def not_vcard_or_csv() -> FileRefused:
    return FileRefused(
        _(
            "This is not a vCard (.vcf) or CSV file. Export your contacts from your phone, Google "
            "Contacts or LinkedIn and choose that file."
        )
    )


def too_many(count: int) -> FileRefused:
    return FileRefused(
        _(
            "This file has %(count)s contacts; one import takes at most %(max)s. "
            "Split the file and import each part."
        )
        % {"count": f"{count:,}", "max": f"{limits.CONTACT_IMPORT_MAX_CONTACTS:,}"}
    )


def decode(raw: bytes) -> str:
    """The file as text: UTF-8 (with or without a byte-order mark), or UTF-16 when it starts with one."""
    try:
        text = raw.decode("utf-16") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else raw.decode("utf-8-sig")
    except UnicodeError:
        raise FileRefused(
            _("This file is not text in UTF-8, so it is not a vCard or CSV file we can read.")
        ) from None
    if "\x00" in text:  # binary, whatever its name says (and PostgreSQL text cannot hold it)
        raise not_vcard_or_csv()
    return text


def _csv_rows(text: str):
    return csv.reader(io.StringIO(text, newline=""))


def _csv_header(text: str) -> tuple[str, int]:
    """(format, index of the header row) of a CSV we know; FileRefused otherwise."""
    looks_like_csv = False
    try:
        for index, row in enumerate(_csv_rows(text)):
            if index >= LINKEDIN_HEADER_WITHIN:
                break
            cells = {cell.strip() for cell in row}
            looks_like_csv = looks_like_csv or len(row) > 1
            if {"First Name", "Last Name", "Company", "Position"} <= cells:
                return LINKEDIN, index
            if index == 0 and cells & GOOGLE_NAME_COLUMNS and cells & GOOGLE_OTHER_COLUMNS:
                return GOOGLE, 0
    except csv.Error:
        raise not_vcard_or_csv() from None
    if not looks_like_csv:
        raise not_vcard_or_csv()
    raise FileRefused(
        _(
            "The columns of this CSV file are not those of a Google Contacts or LinkedIn export. "
            "Google's has “First Name”, “Last Name” and “E-mail 1 - Value”; LinkedIn's Connections.csv "
            "has “%(columns)s”."
        )
        % {"columns": ", ".join(LINKEDIN_COLUMNS)}
    )


VCARD_START = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE | re.MULTILINE)


def sniff(text: str) -> tuple[str, int]:
    """(format, how many contacts) without parsing the contacts themselves; FileRefused if the file
    is neither a vCard nor a CSV we know, or holds more contacts than one import takes."""
    if text.lstrip()[:11].upper() == "BEGIN:VCARD":
        file_format, count = VCARD, len(VCARD_START.findall(text))
    else:
        file_format, header = _csv_header(text)
        try:
            rows = _csv_rows(text)
            for _index in range(header + 1):
                next(rows)
            count = sum(1 for row in rows if any(cell.strip() for cell in row))
        except (csv.Error, StopIteration):
            raise not_vcard_or_csv() from None
    if count > limits.CONTACT_IMPORT_MAX_CONTACTS:
        raise too_many(count)
    if count <= 0:
        raise FileRefused(_("This file has no contacts in it."))
    return file_format, count


# --- values --------------------------------------------------------------------------------------

DATE_PATTERNS = [
    (re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$"), True),  # 1985-04-15, 19850415
    (re.compile(r"^--(\d{2})-?(\d{2})$"), False),  # --0415, --04-15 (no year)
]


def parse_date(value: str) -> str | None:
    """A vCard or Google date as "YYYY-MM-DD" (NO_YEAR when it has none); None if it is not one."""
    value = value.strip().split("T")[0]
    for pattern, has_year in DATE_PATTERNS:
        found = pattern.match(value)
        if not found:
            continue
        parts = [int(part) for part in found.groups()]
        year, month, day = parts if has_year else [NO_YEAR, *parts]
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_text(part) for part in value if _text(part))
    return str(value).strip()


def one_line(value: str) -> str:
    """Names, organisations and roles are one line: runs of spaces and line breaks become one space."""
    return " ".join(value.split())


_email = EmailValidator()
_url = forms.URLField(max_length=200, assume_scheme="https")


def make_row(n: int, values: dict, *, extra_emails=(), extra_phones=(), birthday: str = "", dates=()) -> dict:
    """One row from raw text values. A value the contact cannot hold (an address that is not one, a
    role too long for the field) goes into the notes rather than being dropped."""
    fields = {}
    notes_lines = []
    for name in ("name", "organisation", "role", "how_met"):
        value = one_line(values.get(name, ""))
        fields[name] = value
    for name in ("relationship", "importance"):
        if values.get(name) not in (None, ""):
            fields[name] = values[name]
    fields["notes"] = values.get("notes", "").strip()

    email = values.get("email", "").strip()
    if email:
        try:
            _email(email)
            if len(email) > EMAIL_MAX:
                raise ValidationError("too long")
        except ValidationError:
            notes_lines.append(_("Email: %(value)s") % {"value": email})
            email = ""
    fields["email"] = email
    fields["phone"] = one_line(values.get("phone", "")).removeprefix("tel:")
    url = values.get("profile_url", "").strip()
    if url:
        try:
            url = _url.clean(url)
        except ValidationError:
            notes_lines.append(_("Website: %(value)s") % {"value": url})
            url = ""
    fields["profile_url"] = url

    for name in ("organisation", "role", "phone", "how_met"):
        if len(fields[name]) > MAX_LENGTHS[name]:
            notes_lines.append(f"{fields[name]}")
            fields[name] = ""
    notes_lines += [_("Also: %(value)s") % {"value": value} for value in (*extra_emails, *extra_phones)]

    birthday_date = parse_date(birthday) if birthday.strip() else None
    if birthday.strip() and birthday_date is None:
        notes_lines.append(_("Birthday: %(value)s") % {"value": birthday.strip()})
    if notes_lines:
        fields["notes"] = "\n".join(filter(None, [fields["notes"], *notes_lines]))

    skip = ""
    if not fields["name"]:
        skip = "no_name"
    elif len(fields["name"]) > MAX_LENGTHS["name"]:
        skip = "long_name"
    elif len(fields["notes"]) > limits.LONG_TEXT_MAX:
        skip = "long_notes"
    return {"n": n, "fields": fields, "birthday": birthday_date, "dates": list(dates), "skip": skip}


# --- vCard ---------------------------------------------------------------------------------------


def _lines(card, name: str) -> list:
    return card.contents.get(name, [])


def _preferred_first(lines) -> list[str]:
    """The values of repeated lines (EMAIL, TEL), the one marked preferred first (3.0 TYPE=PREF,
    4.0 PREF=1)."""

    def preferred(line) -> bool:
        types = [str(value).lower() for value in line.params.get("TYPE", [])]
        return "pref" in types or "PREF" in line.params

    ordered = sorted(lines, key=lambda line: not preferred(line))
    return [value for value in (_text(line.value) for line in ordered) if value]


def _vcard_name(card) -> str:
    for line in _lines(card, "fn"):
        if _text(line.value):
            return _text(line.value)
    for line in _lines(card, "n"):
        value = line.value
        if isinstance(value, vobject.vcard.Name):
            parts = [value.prefix, value.given, value.additional, value.family, value.suffix]
            name = " ".join(part for part in (_text(p) for p in parts) if part)
        else:
            name = _text(value).replace(";", " ")
        if name.strip():
            return name
    return ""


def _first(card, name: str) -> str:
    for line in _lines(card, name):
        if _text(line.value):
            return _text(line.value)
    return ""


def _our_dates(card) -> list[dict]:
    """Our own X-CRISIS-COACH-DATE lines (the export's dates other than the birthday)."""
    found = []
    for line in _lines(card, X_DATE):
        date = parse_date(_text(line.value))
        kind = _text(line.params.get("KIND", [""])[0]).lower()
        if date is None or kind not in DateKind.values:
            continue
        label = one_line(_text(line.params.get("LABEL", [""])[0]))[:120]
        if kind == DateKind.OTHER and not label:
            continue
        yearly = _text(line.params.get("YEARLY", ["1"])[0]) != "0"
        found.append({"kind": kind, "label": label, "date": date, "repeats_yearly": yearly})
    return found


def _vcard_row(n: int, card) -> dict:
    emails = _preferred_first(_lines(card, "email"))
    phones = _preferred_first(_lines(card, "tel"))
    org = _lines(card, "org")
    organisation = ""
    if org:
        value = org[0].value
        parts = value if isinstance(value, (list, tuple)) else [value]
        organisation = ", ".join(part for part in (_text(p) for p in parts) if part)
    values = {
        "name": _vcard_name(card),
        "organisation": organisation,
        "role": _first(card, "title") or _first(card, "role"),
        "notes": "\n".join(_text(line.value) for line in _lines(card, "note") if _text(line.value)),
        "email": emails[0] if emails else "",
        "phone": phones[0] if phones else "",
        "profile_url": _first(card, "url"),
        "how_met": _first(card, X_HOW_MET),
    }
    relationship = _first(card, X_RELATIONSHIP).lower()
    if relationship in Relationship.values:
        values["relationship"] = relationship
    importance = _first(card, X_IMPORTANCE)
    if importance in {"1", "2", "3", "4", "5"}:
        values["importance"] = int(importance)
    return make_row(
        n,
        values,
        extra_emails=emails[1:],
        extra_phones=phones[1:],
        birthday=_first(card, "bday"),
        dates=_our_dates(card),
    )


def _vcard_rows(text: str, progress: Callable[[int], None]) -> list[dict]:
    rows = []
    try:
        # ignoreUnreadable: a line vobject cannot read (a phone's private extension gone wrong) is
        # passed over rather than losing the whole file.
        for card in vobject.readComponents(text, ignoreUnreadable=True):
            if card.name != "VCARD":
                continue
            rows.append(_vcard_row(len(rows) + 1, card))
            progress(len(rows))
    # vobject raises its own ParseError, but on badly broken input also ValueError, TypeError,
    # AttributeError or binascii.Error from deep inside: all of them mean "not a vCard we can read".
    except Exception as error:
        line = getattr(error, "lineNumber", None)
        message = _("This vCard file could not be read, so nothing was imported.")
        if line:
            message += " " + _("The problem is around line %(line)s.") % {"line": line}
        raise FileRefused(message) from None
    return rows


# --- CSV -----------------------------------------------------------------------------------------


def _column(record: dict, *names: str) -> str:
    for name in names:
        value = (record.get(name) or "").strip()
        if value:
            return value
    return ""


def _google_values(record: dict) -> tuple[dict, list, list, str]:
    name = _column(record, "Name") or " ".join(
        part
        for part in (
            _column(record, "Name Prefix"),
            _column(record, "First Name", "Given Name"),
            _column(record, "Middle Name", "Additional Name"),
            _column(record, "Last Name", "Family Name"),
            _column(record, "Name Suffix"),
        )
        if part
    )
    # Google joins several values of one column with " ::: ".
    emails = [
        e.strip()
        for key in ("E-mail 1 - Value", "E-mail 2 - Value")
        for e in _column(record, key).split(":::")
    ]
    phones = [
        p.strip() for key in ("Phone 1 - Value", "Phone 2 - Value") for p in _column(record, key).split(":::")
    ]
    emails, phones = [e for e in emails if e], [p for p in phones if p]
    values = {
        "name": name,
        "organisation": _column(record, "Organization Name", "Organization 1 - Name"),
        "role": _column(record, "Organization Title", "Organization 1 - Title"),
        "notes": _column(record, "Notes"),
        "email": emails[0] if emails else "",
        "phone": phones[0] if phones else "",
        "profile_url": _column(record, "Website 1 - Value").split(":::")[0].strip(),
    }
    return values, emails[1:], phones[1:], _column(record, "Birthday")


def _linkedin_values(record: dict) -> dict:
    connected = _column(record, "Connected On")
    return {
        "name": " ".join(filter(None, [_column(record, "First Name"), _column(record, "Last Name")])),
        "organisation": _column(record, "Company"),
        "role": _column(record, "Position"),
        "email": _column(record, "Email Address"),
        "profile_url": _column(record, "URL"),
        "how_met": (_("Connected on LinkedIn on %(date)s") % {"date": connected})
        if connected
        else _("Connected on LinkedIn"),
    }


def _csv_records(text: str, file_format: str):
    _format, header = _csv_header(text)
    reader = _csv_rows(text)
    for _index in range(header):
        next(reader)
    columns = [cell.strip() for cell in next(reader)]
    for row in reader:
        if any(cell.strip() for cell in row):
            yield dict(zip(columns, row, strict=False))


def _csv_rows_of(text: str, file_format: str, progress: Callable[[int], None]) -> list[dict]:
    rows = []
    try:
        for record in _csv_records(text, file_format):
            n = len(rows) + 1
            if file_format == GOOGLE:
                values, emails, phones, birthday = _google_values(record)
                rows.append(make_row(n, values, extra_emails=emails, extra_phones=phones, birthday=birthday))
            else:
                rows.append(make_row(n, _linkedin_values(record)))
            progress(n)
    except csv.Error:
        raise FileRefused(_("This CSV file could not be read, so nothing was imported.")) from None
    return rows


def read_rows(text: str, file_format: str, progress: Callable[[int], None] = lambda n: None) -> list[dict]:
    """Every contact of the file as a row; FileRefused when the file cannot be read as a whole."""
    rows = _vcard_rows(text, progress) if file_format == VCARD else _csv_rows_of(text, file_format, progress)
    if len(rows) > limits.CONTACT_IMPORT_MAX_CONTACTS:
        raise too_many(len(rows))
    if not rows:
        raise FileRefused(_("This file has no contacts in it."))
    return rows
