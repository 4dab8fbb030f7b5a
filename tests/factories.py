"""Small factories for test data: plain functions, real rows in PostgreSQL."""

import itertools

from crisis_coach.accounts.models import User
from crisis_coach.accounts.services import user_sign_up

PASSWORD = "correct-horse-battery-staple"
_sequence = itertools.count(1)


def make_user(*, display_name: str = "", is_coach: bool = False, **fields) -> User:
    number = next(_sequence)
    user = user_sign_up(
        email=fields.pop("email", f"user{number}@example.test"),
        password=fields.pop("password", PASSWORD),
        display_name=display_name or f"User {number}",
        is_coach=is_coach,
    )
    if fields:
        for name, value in fields.items():
            setattr(user, name, value)
        user.save()
    return user
