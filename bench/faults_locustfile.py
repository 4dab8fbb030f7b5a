"""The load of bench/faults.py: signed-in clients and their coach, run by Locust (headless).

    locust -f bench/faults_locustfile.py --headless --host http://127.0.0.1:PORT -u 24 -r 8 -t 180s

FAULTS_PLAN names the JSON file of sessions and ids that faults.py prepared (faults_data.prepare);
FAULTS_LOG the JSON-lines file this writes: one line per request (its status, 0 for a connection
error, and when it started and ended, wall-clock seconds) and one per write attempted, with its
marker and whether the server acknowledged it. A write is acknowledged by the POST's own answer, a
redirect after a valid form (allow_redirects=False: the page it leads to is another request), as a
browser user would see "Saved". Every form is read first (GET), for its CSRF token, its one-time
submission token and its other hidden fields, as a browser would.
"""

import itertools
import json
import os
import random
import re
import time
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

with open(os.environ["FAULTS_PLAN"]) as plan_file:
    PLAN = json.load(plan_file)
# Open for the whole run, line-buffered: a line is on disk as soon as it is written.
LOG = open(os.environ["FAULTS_LOG"], "a", buffering=1)  # noqa: SIM115
_client_numbers = itertools.count()
_markers = itertools.count(1)


def log(record: dict) -> None:
    LOG.write(json.dumps(record) + "\n")


@events.request.add_listener
def _record_request(request_type, name, response_time, response, exception, start_time=None, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    start = start_time if start_time is not None else time.time() - response_time / 1000
    log({"type": "request", "method": request_type, "name": name, "status": status, "start": start,
         "end": start + response_time / 1000})  # fmt: skip


class _Forms(HTMLParser):
    """Each <form> of a page as (action, fields): hidden and filled inputs, checked radios, the
    selected (else first) option of each select, textareas' text."""

    def __init__(self, page_path: str):
        super().__init__()
        self.page_path = page_path
        self.forms: list[tuple[str, dict]] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = (attrs.get("action") or self.page_path).split("#")[0]
            self.forms.append((action, {}))
            return
        if not self.forms or not attrs.get("name"):
            if tag == "option" and self._select:
                fields = self.forms[-1][1]
                if self._select not in fields or "selected" in attrs:
                    fields[self._select] = attrs.get("value", "")
            return
        fields = self.forms[-1][1]
        name = attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in attrs or (kind == "radio" and name not in fields):
                    fields[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button"):
                fields[name] = attrs.get("value", "")
        elif tag == "select":
            self._select = name
        elif tag == "textarea":
            self._textarea = name
            fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            # As a browser reads it: the line break right after <textarea> is not part of the text.
            fields = self.forms[-1][1]
            fields[self._textarea] = fields[self._textarea].removeprefix("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1][1][self._textarea] += data


def form_on(html: str, page_path: str, action: str) -> dict | None:
    parser = _Forms(page_path)
    parser.feed(html)
    for form_action, fields in parser.forms:
        if form_action == action:
            return dict(fields)
    return None


def new_marker(kind: str, number: int) -> str:
    return f"FLT-{kind}-{number:02d}-{next(_markers):06d}"


class _Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    number = 0

    def sign_in_as(self, session: str) -> None:
        self.client.cookies.set("sessionid", session, domain="127.0.0.1")

    def page(self, path: str, name: str):
        response = self.client.get(path, name=name, allow_redirects=False)
        return response if response.status_code == 200 else None

    def write(self, *, kind: str, marker: str, page: str, action: str, values: dict, name: str) -> bool:
        """GET the page holding the form, fill it, POST it; log the write with its own status."""
        response = self.page(page, name=f"{name} (form)")
        if response is None:
            return False  # the form never showed (a 503 while the database is away): nothing attempted
        fields = form_on(response.text, page, action)
        if fields is None:
            now = time.time()
            log({"type": "write", "kind": kind, "marker": marker, "status": -1, "ack": False,
                 "start": now, "end": now, "error": f"no form {action} on {page}"})  # fmt: skip
            return False
        fields.update(values)
        start = time.time()
        posted = self.client.post(action, data=fields, name=name, allow_redirects=False)
        ack = posted.status_code in (302, 303)
        log({"type": "write", "kind": kind, "marker": marker, "status": posted.status_code, "ack": ack,
             "start": start, "end": time.time()})  # fmt: skip
        return ack


class ClientUser(_Person):
    weight = 12

    def on_start(self):
        self.number = next(_client_numbers) % len(PLAN["clients"])
        self.me = PLAN["clients"][self.number]
        self.sign_in_as(self.me["session"])
        self.case = f"/incidents/{self.me['case']}/"

    @task(1)
    def log_setback(self):
        marker = new_marker("setback", self.number)
        self.write(kind="setback", marker=marker, page="/incidents/new/", action="/incidents/new/",
                   values={"title": f"{marker} missed the deadline", "crisis_type": "work_mistake",
                           "what_happened": f"{marker}: it slipped.", "severity": "3"},
                   name="setback")  # fmt: skip

    @task(2)
    def add_stakeholder(self):
        marker = new_marker("stakeholder", self.number)
        self.write(kind="stakeholder", marker=marker, page=f"{self.case}assess/",
                   action=f"{self.case}stakeholders/add/",
                   values={"name": f"{marker} Lee", "relation": "manager", "influence": "3"},
                   name="stakeholder")  # fmt: skip

    @task(2)
    def add_and_tick_step(self):
        marker = new_marker("step", self.number)
        added = self.write(kind="step", marker=marker, page=f"{self.case}resolve/",
                           action=f"{self.case}steps/add/", values={"title": f"{marker} call back"},
                           name="step")  # fmt: skip
        if not added:
            return
        page = self.page(f"{self.case}resolve/", name="resolve (tick)")
        if page is None:
            return
        rows = page.text.split('class="list-group-item step-row')
        row = next((part for part in rows if marker in part), "")
        status_action = re.search(r'action="([^"]+/steps/[0-9a-f-]+/status/)"', row)
        if status_action is None:
            log({"type": "write", "kind": "tick", "marker": marker, "status": -1, "ack": False,
                 "start": time.time(), "end": time.time(), "error": "step row not found"})  # fmt: skip
            return
        self.write(kind="tick", marker=marker, page=f"{self.case}resolve/", action=status_action.group(1),
                   values={"status": "done"}, name="tick")  # fmt: skip

    @task(2)
    def log_touch(self):
        marker = new_marker("touch", self.number)
        page = f"/network/contacts/{self.me['contact']}/interactions/new/"
        self.write(kind="touch", marker=marker, page=page, action=page,
                   values={"summary": f"{marker} coffee"}, name="touch")  # fmt: skip

    @task(2)
    def reply_to_coach(self):
        marker = new_marker("reply", self.number)
        self.write(kind="reply", marker=marker, page=self.case,
                   action=f"/coaching/cases/{self.me['case']}/comments/{self.me['comment']}/reply/",
                   values={"body": f"{marker} thank you"}, name="reply")  # fmt: skip

    @task(4)
    def read_pages(self):
        for path, name in (("/today/", "today"), ("/incidents/", "incidents"), (self.case, "case"),
                           ("/network/", "contacts")):  # fmt: skip
            self.page(path, name=name)


class CoachUser(_Person):
    fixed_count = 1
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.sign_in_as(PLAN["coach"]["session"])

    @task(3)
    def comment(self):
        """A coach comment queues an email to the client (coaching.tasks.send_comment_email)."""
        marker = new_marker("comment", 99)
        case = random.choice(PLAN["cases"])
        self.write(kind="comment", marker=marker, page=f"/coach/cases/{case}/",
                   action=f"/coach/cases/{case}/comments/", values={"body": f"{marker} well done"},
                   name="coach comment")  # fmt: skip

    @task(1)
    def read_dashboard(self):
        self.page("/coach/", name="coach dashboard")
