"""bench/faults.py's email backend: Django's file backend with a mail server's pace.

An SMTP conversation takes time before the server accepts a message (connect, EHLO, MAIL, RCPT,
DATA) and after it (QUIT, the close). The file backend writes at once, which leaves the instant
between "accepted" and the task's result being stored too short to hit; these pauses give it the
width it has with a real server, so the bench's task-worker kill can land inside it.
"""

import time

from django.core.mail.backends.filebased import EmailBackend

BEFORE_ACCEPT_SECONDS = 0.2
AFTER_ACCEPT_SECONDS = 0.2


class PacedFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(BEFORE_ACCEPT_SECONDS)
        sent = super().send_messages(email_messages)  # accepted: the message is in the file
        time.sleep(AFTER_ACCEPT_SECONDS)
        return sent
