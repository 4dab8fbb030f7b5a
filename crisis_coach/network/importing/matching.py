"""Which rows of a file look like someone already in the network, or like an earlier row of the file.

Two people are taken for one when they share an email address, a phone number (its digits) or a
name (compared the way a person reads it: NFKC, case folded, spaces collapsed). The email is tried
first, then the phone, then the name, so a match says what it was made on.
"""

import unicodedata

# Fewer digits than this is an extension or a typo, not a number to match on.
MIN_PHONE_DIGITS = 6
# The subscriber's number without the country or trunk prefix, as phones themselves match callers.
MATCH_PHONE_DIGITS = 9


def normal_name(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def normal_email(value: str) -> str:
    return value.strip().casefold()


def normal_phone(value: str) -> str:
    """The number's last MATCH_PHONE_DIGITS digits, whatever script they are written in (Arabic-Indic
    digits count): "+44 20 7946 0177", "0044 (20) 7946-0177" and "020 7946 0177" are one number."""
    digits = "".join(
        str(unicodedata.decimal(ch)) for ch in value if unicodedata.decimal(ch, None) is not None
    )
    digits = digits.lstrip("0")
    return digits[-MATCH_PHONE_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else ""


def keys_of(*, name: str, email: str, phone: str) -> list[tuple[str, str]]:
    """What a person is matched on, in the order tried; empty values match nothing."""
    keys = [("email", normal_email(email)), ("phone", normal_phone(phone)), ("name", normal_name(name))]
    return [(kind, value) for kind, value in keys if value]


def classify(rows: list[dict], existing) -> None:
    """Give every row its action: "skip" (with the reason already set, or a repeat within the file),
    "duplicate" (with "match", the existing contact's pk, and "match_on"), or "create".

    `existing` is (pk, name, email, phone) of each contact the owner has.
    """
    index: dict[tuple[str, str], int] = {}
    for pk, name, email, phone in existing:
        for key in keys_of(name=name, email=email, phone=phone):
            index.setdefault(key, pk)
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        row.update(action="create", match=None, match_on="", repeat_of=None)
        if row["skip"]:
            row["action"] = "skip"
            continue
        fields = row["fields"]
        keys = keys_of(name=fields["name"], email=fields["email"], phone=fields["phone"])
        earlier = next((seen[key] for key in keys if key in seen), None)
        if earlier is not None:
            row.update(action="skip", skip="in_file", repeat_of=earlier)
            continue
        for key in keys:
            seen.setdefault(key, row["n"])
        match = next(((index[key], key[0]) for key in keys if key in index), None)
        if match is not None:
            row.update(action="duplicate", match=match[0], match_on=match[1])
