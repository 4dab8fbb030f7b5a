#!/usr/bin/env python
"""Profile one key page in-process on the large dataset, as `make bench` serves it (DEBUG off).

    .venv/bin/python bench/profile.py "coach dashboard"          # pyinstrument tree of one request
    .venv/bin/python bench/profile.py today --repeat 50          # mean ms per request, SQL share
    .venv/bin/python bench/profile.py "coach dashboard" --cold   # a miss of the cached parts
    .venv/bin/python bench/profile.py "add a stakeholder" --repeat 50   # a write, as make bench posts it

Uses the bench database that `make bench` seeded (crisis_coach_bench). The page names are the
ones `make bench` prints. Each request runs once to warm caches before it is measured.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class WSGIBrowser:
    """Requests straight into Django's WSGI handler, as gunicorn makes them. (Django's test Client
    would also copy every template's context for its signal listeners, which costs more than some
    pages' own rendering.)"""

    def __init__(self, cookie: str, *, cold=None):
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import RequestFactory

        self.handler, self.factory, self.cookie, self.cold = WSGIHandler(), RequestFactory(), cookie, cold

    def get(self, path: str) -> int:
        if self.cold is not None:  # a cache miss: the parts are rendered again
            self.cold.clear()
        route, _, query = path.partition("?")
        environ = self.factory._base_environ(PATH_INFO=route, QUERY_STRING=query, HTTP_COOKIE=self.cookie)
        status = []
        body = self.handler(environ, lambda code, headers, *_: status.append(code))
        b"".join(body)
        body.close()
        return int(status[0].split()[0])

    def post(self, path: str, form: str, csrf: str) -> int:
        """A POST as bench/writes.lua sends it: through htmx, with the CSRF secret as cookie and header."""
        request = self.factory.generic(
            "POST",
            path,
            form,
            content_type="application/x-www-form-urlencoded",
            HTTP_COOKIE=f"{self.cookie}; csrftoken={csrf}",
            HTTP_X_CSRFTOKEN=csrf,
            HTTP_HX_REQUEST="true",
        )
        status = []
        body = self.handler(request.environ, lambda code, headers, *_: status.append(code))
        b"".join(body)
        body.close()
        return int(status[0].split()[0])


class Writes:
    """make bench's writes (prepare.key_writes) one POST at a time, each with a fresh submission token
    and, like writes.lua, the paths in turn and a step's status done and back."""

    def __init__(self, browser: WSGIBrowser, write: dict):
        self.browser, self.write, self.sent = browser, write, 0

    def get(self, _path: str = "") -> int:
        import secrets

        paths = self.write["paths"]
        path = paths[self.sent % len(paths)]
        status = "done" if (self.sent // len(paths)) % 2 == 0 else "todo"
        self.sent += 1
        form = self.write["body"].replace("{token}", secrets.token_urlsafe(18)).replace("{status}", status)
        return self.browser.post(path, form, self.write["csrf"])


class QueryTimer:
    """Time in the database driver, to the microsecond (Django's query log rounds to 1 ms)."""

    def __init__(self):
        self.seconds, self.count = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="a key page's name, e.g. 'today' or 'coach dashboard, search'")
    parser.add_argument("--repeat", type=int, default=1, help="requests to time (no profile when > 1)")
    parser.add_argument("--cold", action="store_true", help="clear the cached page parts before each request")
    options = parser.parse_args()

    from bench.run import SECRET, server_url, with_name

    os.environ.setdefault("DATABASE_URL", with_name(server_url(), "crisis_coach_bench"))
    os.environ.update(DEBUG="false", SECRET_KEY=SECRET, ALLOWED_HOSTS="testserver", LOG_LEVEL="WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisis_coach.settings")
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection

    from bench.prepare import coach_pages, key_pages, key_writes, session_cookie
    from crisis_coach.accounts.models import User

    try:
        scale_pages = coach_pages()  # make bench-scale's dataset only
    except User.DoesNotExist:
        scale_pages = []
    pages = {name: (path, user) for name, path, user in key_pages() + scale_pages}
    writes = {write["name"]: write for write in key_writes(session_cookie)}
    if options.page not in pages | writes:
        raise SystemExit(f"unknown page {options.page!r}; one of: {', '.join(pages | writes)}")
    if options.page in writes:
        write = writes[options.page]
        browser = Writes(WSGIBrowser(write["cookie"]), write)
        path, ok = "", (200, 204, 286, 302)
    else:
        path, user = pages[options.page]
        cold = caches["template_fragments"] if options.cold else None
        browser, ok = WSGIBrowser(session_cookie(user), cold=cold), (200,)
    assert browser.get(path) in ok, path  # warm-up: templates, translations, plans

    if options.repeat > 1:
        timer = QueryTimer()
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            for _ in range(options.repeat):
                browser.get(path)
        total = (time.perf_counter() - started) * 1000 / options.repeat
        sql = timer.seconds * 1000 / options.repeat
        print(f"{options.page}: {total:.1f} ms a request, of which SQL {sql:.1f} ms "
              f"({timer.count // options.repeat} queries, BEGIN and COMMIT not counted)")  # fmt: skip
        return

    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    with profiler:
        browser.get(path)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
