#!/usr/bin/env python
"""make bench-scale: does a page's cost grow with the database, or a dashboard's with the caseload?

Two datasets from seed_large in one run: `crisis_coach_bench` (500 clients, 10,000 cases: the one
`make bench` uses) and `crisis_coach_bench_scale` (5,000 clients, 100,000 cases). Both are served
under gunicorn as `make bench` serves them, with the floor beside them, and wrk loads each key page
on both, one after the other: the same client, the same coach with the same 500 clients. Then, on
the large one, a coach with 50 clients, and a coach with every client (100,000 cases; prepare.py
gather moves the links for the measurement and scatter moves them back). The coach dashboard caches
its parts, so wrk measures a cache hit; each dashboard's miss is timed in-process too
(bench/profile.py --cold). See bench/README.md.
"""

import json
import os
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run as bench  # noqa: E402

SIZE_TOLERANCE = 0.85  # a page on the large dataset keeps 85% of its requests/s on the small one
CASELOAD_TOLERANCE = 0.75  # a dashboard over 100,000 cases keeps 75% of its ratio over 10,000
PRACTICE_TARGET = 0.6  # a 50-client practice's dashboard: a client page's target


def main() -> None:
    options = bench.parse_options(
        __doc__, seconds=5, clients=5000, record="write the scale section of bench/RESULTS.md"
    )

    envs = {
        "small": bench.product_env("crisis_coach_bench"),
        "large": bench.product_env("crisis_coach_bench_scale"),
    }
    floor_env = bench.floor_environment()
    seconds = {}
    for name, clients in [("small", 500), ("large", options.clients)]:
        print(f"== the {name} dataset: {clients} clients", flush=True)
        seconds[name] = bench.seed(envs[name], clients)
    bench.run([bench.PY, "manage.py", "collectstatic", "--noinput", "-v0"], envs["small"])
    bench.set_up_floor(floor_env)
    plans = {name: prepare(env, "product") for name, env in envs.items()}
    practice = by_name(prepare(envs["large"], "coaches"))["coach dashboard, 50 clients"]

    ports = {"small": bench.free_port(), "large": bench.free_port(), "floor": bench.free_port()}
    servers = bench.serve(
        [(ports[name], "crisis_coach.wsgi", env) for name, env in envs.items()]
        + [(ports["floor"], "floor.wsgi", floor_env)]
    )
    url = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    sizes, caseload = [], []
    try:
        for name in envs:
            bench.wait_ready(f"{url[name]}/healthz")
        bench.wait_ready(f"{url['floor']}/one.json")
        print(f"== measuring ({options.seconds} s a page and dataset, wrk -t2 -c8)", flush=True)
        bench.wrk(f"{url['floor']}/table/", 2)  # warm-up
        floor = bench.Floor(f"{url['floor']}/table/", options.seconds)
        large_pages = by_name(plans["large"])
        for page in plans["small"]:
            if options.only and not re.search(options.only, page["name"]):
                continue
            if page["name"] not in large_pages:
                raise SystemExit(f"bench-scale: {page['name']} did not answer 200 on the large dataset")
            results = {}
            for name, plan_page in [("small", page), ("large", large_pages[page["name"]])]:
                bench.wrk(url[name] + plan_page["path"], 1, plan_page["cookie"])  # warm-up
                results[name] = floor.judge(
                    bench.wrk(url[name] + plan_page["path"], options.seconds, plan_page["cookie"])
                )
            sizes.append((page, large_pages[page["name"]], results))
        measured = {page["name"]: results["small"] for page, _, results in sizes}
        bench.wrk(url["large"] + practice["path"], 1, practice["cookie"])
        practice_result = floor.judge(
            bench.wrk(url["large"] + practice["path"], options.seconds, practice["cookie"])
        )
        floor.measure_again()

        print("== every client under one coach (prepare.py gather)", flush=True)
        prepare(envs["large"], "gather", output=False)
        try:
            every = by_name(prepare(envs["large"], "coaches"))
            for page in plans["small"]:
                big = every.get(page["name"].replace("coach dashboard", "coach dashboard, every client", 1))
                if not page["name"].startswith("coach dashboard") or big is None:
                    continue
                if options.only and not re.search(options.only, page["name"]):
                    continue
                bench.wrk(url["large"] + big["path"], 1, big["cookie"])
                result = floor.judge(bench.wrk(url["large"] + big["path"], options.seconds, big["cookie"]))
                small = measured.get(page["name"]) or floor.judge(
                    bench.wrk(url["small"] + page["path"], options.seconds, page["cookie"])
                )
                misses = (miss(envs["small"], page["name"]), miss(envs["large"], big["name"]))
                caseload.append((page, big, small, result, misses))
            floor.measure_again()
        finally:
            prepare(envs["large"], "scatter", output=False)
    finally:
        bench.stop(servers)

    tables = "\n\n".join(
        [
            floor.spread(),
            render_sizes(sizes),
            render_caseload(caseload),
            render_practice(practice, practice_result),
        ]
    )
    print(tables)
    failures = [
        p["name"]
        for p, _, r in sizes
        if r["large"]["rps"] < SIZE_TOLERANCE * r["small"]["rps"]
        or r["large"]["errors"]
        or r["small"]["errors"]
    ]
    failures += [
        big["name"]
        for _, big, small, large, _ in caseload
        if large["rps"] < CASELOAD_TOLERANCE * small["rps"] or large["errors"]
    ]
    if not meets(practice_result):
        failures.append(practice["name"])
    print(f"\nThe small dataset: {seeded(seconds['small'])}; the large: {seeded(seconds['large'])}.")
    print("Under target:", ", ".join(failures) if failures else "none")
    if options.record:
        record(tables, failures, seconds, options)


def prepare(env: dict, action: str, *, output: bool = True):
    done = bench.run([bench.PY, "bench/prepare.py", action], env, capture_output=output, text=True)
    return json.loads(done.stdout)["pages"] if output else None


def miss(env: dict, page: str) -> float:
    """The in-process time of the page with its cached parts cleared first (bench/profile.py)."""
    out = bench.run(
        [bench.PY, "bench/profile.py", page, "--repeat", "5", "--cold"], env, capture_output=True, text=True
    ).stdout
    return float(re.search(r": ([\d.]+) ms a request", out).group(1))


def seeded(seconds: float) -> str:
    # seed_large takes a few seconds to find a complete dataset and leave it as it is.
    return f"seeded in {seconds:.0f} s" if seconds > 30 else "seeded before this run"


def by_name(pages: list[dict]) -> dict[str, dict]:
    """A plan's pages by name: prepare.py leaves out, with a message, a page that did not answer 200."""
    return {page["name"]: page for page in pages}


def meets(result: dict) -> bool:
    floor = result["floor"]
    fast = result["rps"] >= PRACTICE_TARGET * floor["rps"] and result["p99"] <= 2 * floor["p99"]
    return fast and not result["errors"]


def render_sizes(sizes) -> str:
    return bench.markdown_table(
        ["page", "500 clients req/s", "5,000 clients req/s", "large vs small", "p99 ms small", "p99 ms large",
         "queries small / large", "big-table seq scans (large)"],
        [
            [page["name"], f"{r['small']['rps']:.0f}", f"{r['large']['rps']:.0f}",
             f"{r['large']['rps'] / r['small']['rps']:.0%}", f"{r['small']['p99']:.1f}",
             f"{r['large']['p99']:.1f}",
             f"{page['queries']} / {large['queries']}", large["seq_scans"]]
            for page, large, r in sizes
        ],
    )  # fmt: skip


def render_caseload(caseload) -> str:
    return bench.markdown_table(
        ["dashboard", "10,000 cases: req/s vs floor", "100,000 cases: req/s vs floor", "100k vs 10k",
         "p99 vs floor, 10k / 100k", "a miss in-process, 10k / 100k (ms)", "queries 10k / 100k"],
        [
            [page["name"], f"{small['rps'] / small['floor']['rps']:.0%}",
             f"{large['rps'] / large['floor']['rps']:.0%}", f"{large['rps'] / small['rps']:.0%}",
             f"{small['p99'] / small['floor']['p99']:.1f}× / {large['p99'] / large['floor']['p99']:.1f}×",
             f"{misses[0]:.0f} / {misses[1]:.0f}", f"{page['queries']} / {big['queries']}"]
            for page, big, small, large, misses in caseload
        ],
    )  # fmt: skip


def render_practice(page, result) -> str:
    floor = result["floor"]
    return bench.markdown_table(
        ["page", "req/s", "p99 ms", "req/s vs floor", "p99 vs floor", "queries"],
        [[page["name"], f"{result['rps']:.0f}", f"{result['p99']:.1f}", f"{result['rps'] / floor['rps']:.0%}",
          f"{result['p99'] / floor['p99']:.1f}×", page["queries"]]],
    )  # fmt: skip


def record(tables: str, failures, seconds, options) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text()
    section = (
        f"<!-- scale -->\n## Scale: {date.today().isoformat()} — {os.cpu_count()} cores\n\n"
        f"`make bench-scale` ({options.seconds} s a page and dataset, wrk -t2 -c8): 500 clients × 20 cases "
        f"against {options.clients} clients × 20 cases; {seeded(seconds['large'])}.\n\n{tables}\n\n"
        f"Targets: a page on the large dataset keeps ≥ {SIZE_TOLERANCE:.0%} of its requests/s; a dashboard "
        f"over 100,000 cases keeps ≥ {CASELOAD_TOLERANCE:.0%} of its requests/s over 10,000; the 50-client "
        f"coach's dashboard ≥ {PRACTICE_TARGET:.0%} of the floor, p99 ≤ 2×. "
        f"Under target: {', '.join(failures) if failures else 'none'}.\n<!-- /scale -->\n"
    )
    if "<!-- scale -->" in text:
        text = re.sub(r"<!-- scale -->.*?<!-- /scale -->\n", lambda _: section, text, flags=re.S)
    else:
        text = text.replace("<!-- results -->", section + "\n<!-- results -->")
    path.write_text(text)
    print("Recorded in bench/RESULTS.md")


if __name__ == "__main__":
    main()
