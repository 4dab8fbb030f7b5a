"""The moments of an account that other apps act on: it was created, it is about to be deleted.

accounts is the bottom app: every other one builds on its User and records security events through
it, so it imports none of them. An app that must act at these moments connects a receiver in its
AppConfig.ready (coaching makes a coach's profile at sign-up, and ends a deleted account's links).
Receivers run at once, inside the sender's transaction, so a failure undoes the whole sign-up or
deletion.
"""

from django.dispatch import Signal

# Sent by services.user_sign_up with user= and is_coach= (the sign-up form's "I am a coach").
account_created = Signal()

# Sent by services.account_delete with user=, before any row of the account is deleted.
account_deleting = Signal()
