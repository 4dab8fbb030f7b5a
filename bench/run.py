#!/usr/bin/env python
"""make bench: measure the product's key pages against a bare-Django floor, in the same run.

Seeds the large dataset if absent, starts the product and the floor under gunicorn (2 sync
workers, DEBUG off), loads each key page with wrk (-t2 -c8) as a signed-in user, and prints
requests/s, p50, p99, queries per request, sequential scans of big tables, and the ratio to the
floor. Every process it starts is stopped at the end. See bench/README.md.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.weight import page_weight  # noqa: E402

PY = sys.executable
SECRET = "bench-secret-key-not-for-production-0123456789-abcdefghijklmnopqrstuvwxyz"
BIG_TABLES = {
    "incidents_incident", "incidents_stakeholder", "incidents_actionstep", "incidents_timelineevent",
    "incidents_conversation", "incidents_assessment", "network_contact", "network_interaction",
    "network_commitment", "coaching_coachinglink", "coaching_caseaccess", "django_session",
}  # fmt: skip


def server_url() -> str:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    found = ROOT / "var" / "database_url"
    return found.read_text().strip() if found.exists() else "postgres://postgres@127.0.0.1:5432/crisis_coach"


def with_name(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def wait_ready(url: str, seconds: int = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"bench: {url} did not answer in {seconds} s")


def parse_duration(text: str) -> float:
    """wrk's '1.23ms' / '850.00us' / '1.02s' in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, seconds: int, cookie: str = "", write: dict | None = None) -> dict:
    args = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url]
    env = None
    if cookie:
        args[1:1] = ["-H", f"Cookie: {cookie}"]
    if write:  # POSTs from bench/writes.lua, which reads what to post from the environment
        args[1:1] = ["-s", str(ROOT / "bench" / "writes.lua")]
        env = {
            **os.environ, "WRITE_PATHS": " ".join(write["paths"]), "WRITE_BODY": write["body"],
            "WRITE_COOKIE": write["cookie"], "WRITE_CSRF": write["csrf"],
        }  # fmt: skip
    # wrk's own timeout is 2 s; a page slower than that counts as an error, never silently as fast.
    out = subprocess.run(
        [*args, "--timeout", "10s"], capture_output=True, text=True, check=True, env=env
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = parse_duration(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = parse_duration(re.search(r"\s99%\s+(\S+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rps": rps, "p50": p50, "p99": p99, "errors": int(non_2xx.group(1)) if non_2xx else 0}


def product_env(database: str) -> dict:
    """The product's environment on a bench database, as gunicorn serves it (DEBUG off)."""
    return {
        **os.environ, "DATABASE_URL": with_name(server_url(), database), "DEBUG": "false",
        "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver", "LOG_LEVEL": "WARNING",
    }  # fmt: skip


def floor_environment() -> dict:
    floor_db = with_name(server_url(), "crisis_coach_floor")
    return {
        **product_env("crisis_coach_floor"), "FLOOR_DATABASE_URL": floor_db,
        "DJANGO_SETTINGS_MODULE": "floor.settings", "PYTHONPATH": str(ROOT / "bench"),
    }  # fmt: skip


def seed(env: dict, clients: int) -> float:
    """The bench database of env made, migrated and seeded with `clients` clients (seed_large leaves
    a complete dataset as it is); the seconds the seeding took."""
    run([PY, "scripts/ensure_db.py"], env)
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PY, "manage.py", "createcachetable"], env)  # the coach's cached caseload lives there
    started = time.monotonic()
    run([PY, "manage.py", "seed_large", "--clients", str(clients)], env)
    return time.monotonic() - started


def set_up_floor(floor_env: dict) -> None:
    run([PY, "scripts/ensure_db.py"], floor_env)
    run([PY, "-m", "django", "migrate", "--run-syncdb", "-v0"], floor_env)
    run([PY, "bench/prepare.py", "floor"], floor_env)


def parse_options(doc: str, *, seconds: int, clients: int, record: str) -> argparse.Namespace:
    """The options of make bench and make bench-scale; wrk must be there."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=seconds, help="wrk duration per page")
    parser.add_argument("--clients", type=int, default=clients, help="clients of the (largest) dataset")
    parser.add_argument("--record", action="store_true", help=record)
    parser.add_argument("--only", default="", help="regex: measure only matching page names")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk is missing (apt-get install wrk)")
    return options


def main() -> None:
    options = parse_options(__doc__, seconds=10, clients=500, record="write bench/RESULTS.md")

    env, floor_env = product_env("crisis_coach_bench"), floor_environment()

    print("== setting up (databases, migrations, large dataset, static files)", flush=True)
    seed_seconds = seed(env, options.clients)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    set_up_floor(floor_env)
    plan = json.loads(run([PY, "bench/prepare.py", "product"], env, capture_output=True, text=True).stdout)

    product_port, floor_port = free_port(), free_port()
    servers = serve([(product_port, "crisis_coach.wsgi", env), (floor_port, "floor.wsgi", floor_env)])
    rows = []
    try:
        product, floor = f"http://127.0.0.1:{product_port}", f"http://127.0.0.1:{floor_port}"
        wait_ready(f"{product}/healthz")
        wait_ready(f"{floor}/one.json")
        print(f"== measuring ({options.seconds} s a page, wrk -t2 -c8)", flush=True)
        wrk(f"{floor}/table/", 2)  # warm-up
        floor_table = Floor(f"{floor}/table/", options.seconds)
        floor_json = floor_table.judge(wrk(f"{floor}/one.json", options.seconds))
        for page in plan["pages"]:
            if options.only and not re.search(options.only, page["name"]):
                continue
            wrk(product + page["path"], 1, page["cookie"])  # warm-up
            result = floor_table.judge(wrk(product + page["path"], options.seconds, page["cookie"]))
            rows.append((page["name"], result, page["queries"], page["seq_scans"]))
        floor_table.measure_again()
        print("== weighing (Accept-Encoding: br, gzip)", flush=True)
        weights = [
            (page["name"], page_weight(product + page["path"], page["cookie"]))
            for page in plan["pages"]
            if not options.only or re.search(options.only, page["name"])
        ]
        print("== writing (POSTs under wrk, bench/writes.lua)", flush=True)
        writes = [
            (write["name"], floor_table.judge(wrk(product + write["paths"][0], options.seconds, write=write)))
            for write in plan["writes"]
            if not options.only or re.search(options.only, write["name"])
        ]
        floor_table.measure_again()
    finally:
        stop(servers)

    rows[:0] = [
        ("floor: 50-row table", floor_table.overall(), 1, 0),
        ("floor: one-row JSON", floor_json, 1, 0),
    ]
    table = "\n\n".join([render(rows), render_writes(writes), render_weights(weights), floor_table.spread()])
    print(table)
    failures = [name for name, result, *_ in rows[2:] if not meets_target(result)]
    failures += [f"{name} (write)" for name, result in writes if not write_meets_target(result)]
    failures += [f"{name} (weight)" for name, weight in weights if not weight_meets_target(weight)]
    print(f"\nLarge dataset seeded in {seed_seconds:.0f} s (0 s means it was already there).")
    print("Pages under target:", ", ".join(failures) if failures else "none")
    if options.record:
        record(table, failures, options)


# Pages (and writes) between two measurements of the floor.
FLOOR_EVERY = 4


class Floor:
    """The floor's table page, measured before the first page and again after every FLOOR_EVERY
    pages. Each page is judged against the mean of the two measurements around it (result["floor"]),
    so a machine that slows or speeds up during a run favours neither the pages measured first nor
    those measured last: on 2026-12-06 it moved between 406 and 473 req/s within one run
    (bench/RESULTS.md)."""

    def __init__(self, url: str, seconds: int):
        self.url, self.seconds = url, seconds
        self.runs = [wrk(url, seconds)]
        self.waiting = []  # judged since the last measurement, for the next one to close

    def judge(self, result: dict) -> dict:
        self.waiting.append(result)
        if len(self.waiting) == FLOOR_EVERY:
            self.measure_again()
        return result

    def measure_again(self) -> None:
        if not self.waiting:
            return
        before, after = self.runs[-1], wrk(self.url, self.seconds)
        self.runs.append(after)
        around = {key: (before[key] + after[key]) / 2 for key in ("rps", "p50", "p99")}
        for result in self.waiting:
            result["floor"] = around
        self.waiting = []

    def overall(self) -> dict:
        """The floor's row of the table: the mean of its measurements, judged against itself."""
        mean = {key: sum(run[key] for run in self.runs) / len(self.runs) for key in ("rps", "p50", "p99")}
        return {**mean, "errors": sum(run["errors"] for run in self.runs), "floor": mean}

    def spread(self) -> str:
        rates = [run["rps"] for run in self.runs]
        return (
            f"The floor's table page, measured {len(rates)} times (every {FLOOR_EVERY} pages): "
            f"{min(rates):.0f}–{max(rates):.0f} req/s; each page is judged against the two around it."
        )


def serve(apps: list[tuple[int, str, dict]]) -> tuple[list[subprocess.Popen], Path]:
    """Each (port, WSGI module, environment) under gunicorn, 2 sync workers: the servers, for stop()."""
    gunicorn = [PY, "-m", "gunicorn", "--workers", "2", "--worker-class", "sync", "--log-level", "warning"]
    # Each server gets its own control socket: two gunicorns would otherwise share ~/.gunicorn's.
    control = Path(tempfile.mkdtemp(prefix="bench-gunicorn-"))
    processes = [
        subprocess.Popen(
            [*gunicorn, "--bind", f"127.0.0.1:{port}", "--control-socket", str(control / f"{port}.ctl"), app],
            env=app_env, cwd=ROOT, start_new_session=True,
        )
        for port, app, app_env in apps
    ]  # fmt: skip
    return processes, control


def stop(servers: tuple[list[subprocess.Popen], Path]) -> None:
    processes, control = servers
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        process.wait(timeout=30)
    shutil.rmtree(control, ignore_errors=True)


def meets_target(result: dict) -> bool:
    floor = result["floor"]
    return result["rps"] >= 0.6 * floor["rps"] and result["p99"] <= 2 * floor["p99"] and not result["errors"]


def markdown_table(header: list[str], rows: list[list]) -> str:
    """A Markdown table: the first column (a name) aligned left, the numbers right."""
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def render(rows) -> str:
    header = ["page", "req/s", "p50 ms", "p99 ms", "queries", "big-table seq scans", "floor req/s"]
    return markdown_table(
        [*header, "req/s vs floor", "p99 vs floor", "errors"],
        [
            [name, f"{r['rps']:.0f}", f"{r['p50']:.1f}", f"{r['p99']:.1f}", queries, seq_scans,
             f"{r['floor']['rps']:.0f}", f"{r['rps'] / r['floor']['rps']:.0%}",
             f"{r['p99'] / r['floor']['p99']:.1f}×", r["errors"]]
            for name, r, queries, seq_scans in rows
        ],
    )  # fmt: skip


def write_meets_target(result: dict) -> bool:
    return result["p99"] <= 3 * result["floor"]["p99"] and not result["errors"]


def render_writes(writes) -> str:
    return markdown_table(
        ["write", "req/s", "p50 ms", "p99 ms", "floor p99 ms", "p99 vs floor page", "errors"],
        [
            [name, f"{r['rps']:.0f}", f"{r['p50']:.1f}", f"{r['p99']:.1f}", f"{r['floor']['p99']:.1f}",
             f"{r['p99'] / r['floor']['p99']:.1f}×", r["errors"]]
            for name, r in writes
        ],
    )  # fmt: skip


FIRST_VISIT_KB, REPEAT_VISIT_KB = 120, 20


def weight_meets_target(weight) -> bool:
    return (
        weight.first_visit <= FIRST_VISIT_KB * 1024
        and weight.repeat_visit <= REPEAT_VISIT_KB * 1024
        and not weight.uncached()
        and not weight.uncompressed()
    )


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def render_weights(weights) -> str:
    header = ["page", "HTML KB", "CSS KB", "JS KB", "fonts KB", "first visit KB", "repeat visit KB"]
    return markdown_table(
        [*header, "static not immutable", "text not brotli"],
        [
            [name, kb(w.html), kb(w.css), kb(w.js), kb(w.fonts), kb(w.first_visit), kb(w.repeat_visit),
             len(w.uncached()), len(w.uncompressed())]
            for name, w in weights
        ],
    )  # fmt: skip


def record(table: str, failures, options) -> None:
    machine = f"{os.cpu_count()} cores, {socket.gethostname()}"
    text = (ROOT / "bench" / "RESULTS.md").read_text() if (ROOT / "bench" / "RESULTS.md").exists() else ""
    head = text.split("<!-- results -->")[0] if "<!-- results -->" in text else "# Benchmark results\n\n"
    body = (
        f"<!-- results -->\n## {date.today().isoformat()} — {machine}\n\n"
        f"`make bench` ({options.seconds} s a page, wrk -t2 -c8, gunicorn 2 sync workers, DEBUG off, "
        f"{options.clients} clients × 20 cases).\n\n{table}\n\n"
        f"Target: ≥ 60% of the floor's req/s and p99 ≤ 2× the floor's; a write's p99 ≤ 3× the floor page's; "
        f"a first visit of "
        f"≤ {FIRST_VISIT_KB} KB and a repeat visit of ≤ {REPEAT_VISIT_KB} KB, compressed, static files "
        "immutable and in brotli. "
        f"Under target: {', '.join(failures) if failures else 'none'}.\n"
    )
    (ROOT / "bench" / "RESULTS.md").write_text(head + body)
    print("Recorded in bench/RESULTS.md")


if __name__ == "__main__":
    main()
