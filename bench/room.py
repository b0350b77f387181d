"""A room of N phones on the light participant pages, against the real server.

`cocreate serve --host 127.0.0.1 --access secret` runs on a temporary database, with the
presenter view and the facilitator's Workshop page open in chromium (unlocked with the
facilitator secret, as in a room). Then:

1. **Baselines, measured in this run**: the server's CPU with only the presenter and the
   facilitator connected, then with ``--streamlit-phones`` phones idle on the former
   Streamlit Participate page (one Streamlit session each), for the cost of a phone.
2. **The room**: N participants over HTTP (threads, the requests a phone's page makes: the
   room page, the idea form, one POST per tap on the ballot, and ``/state`` every second as
   the page's script polls it) plus ``--browsers`` real chromium phones on the same pages.
   Each joins by the QR link, sends 3 ideas (and sends the second one again with the same
   form token, as a double tap or a retry does), follows the phase change to scoring,
   answers the 3 questions of the 4 targets, reloads, and checks the page shows the same
   participant and every answer; then the room moves on once more.

Printed: ideas and answers expected / stored / duplicated, raters made, the delay from the
facilitator's set_phase to each phone seeing the new phase (p50 / p95 / max; for HTTP
phones when their /state answers it, for chromium phones when the new page is drawn), the
server's CPU (cores) at idle with the room connected and during the run, with the ratios
to the baselines, and every error.

    python bench/room.py --n 10 [--browsers 5] [--streamlit-phones 5] [--idle 20] [--json]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from cocreate.server import CHROMIUM, chromium_launch_options

ROOT = Path(__file__).resolve().parent.parent
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PROJECTOR = {"width": 1600, "height": 900}
RETRY_SECONDS = 1.0
GOAL_LATENCY_S = 2.0
IDEAS_EACH = 3
TARGETS = ("Des bancs à l'ombre", "Une fontaine", "Un marché le dimanche", "Des arceaux")
CRITERIA = ("wanted", "doable", "lasting")
# every wait of the run is bounded: a stuck phone is an error, not a hung benchmark
WAIT_S = 120
STARTUP_S = 120


# the server ---------------------------------------------------------------------------------


def start_server(db_path: Path, log: Path) -> tuple[subprocess.Popen, str]:
    from cocreate.server import free_port, wait_until_healthy

    port = free_port()
    command = [
        sys.executable,
        "-m",
        "cocreate",
        "--db",
        str(db_path),
        "serve",
        "--host",
        "127.0.0.1",
        "--access",
        "secret",
        "--port",
        str(port),
    ]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_healthy(url, process, STARTUP_S)
    return process, url


def stop_server(process: subprocess.Popen) -> float:
    """Stop the CLI and the Streamlit server it started, by their ids; returns the seconds
    the server took to exit after SIGTERM."""
    import psutil

    started = time.monotonic()
    try:
        tree = [*psutil.Process(process.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        tree = []
    for child in tree:
        child.terminate()
    process.terminate()
    psutil.wait_procs([*tree], timeout=15)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
    stopped = time.monotonic() - started
    for child in tree:
        if child.is_running():
            child.kill()
    return stopped


class CpuMeter:
    """Cores the server's process tree uses between two readings (user + system time)."""

    def __init__(self, pid: int) -> None:
        import psutil

        self._root = psutil.Process(pid)
        self._start = (time.monotonic(), self._cpu())

    def _cpu(self) -> float:
        import psutil

        total = 0.0
        for process in [self._root, *self._root.children(recursive=True)]:
            try:
                times = process.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
        return total

    def restart(self) -> None:
        self._start = (time.monotonic(), self._cpu())

    def cores(self) -> float:
        started, cpu = self._start
        return (self._cpu() - cpu) / (time.monotonic() - started)

    def over(self, seconds: float) -> float:
        self.restart()
        time.sleep(seconds)
        return self.cores()


# HTTP phones --------------------------------------------------------------------------------


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


@dataclass
class Phone:
    """One participant's phone over HTTP: its cookies, what it was told, what it saw."""

    number: int
    url: str
    code: str
    token: str = ""
    told_ideas: list[str] = field(default_factory=list)
    told_answers: dict[tuple[int, str], int] = field(default_factory=dict)
    tapped: set[tuple[int, str]] = field(default_factory=set)
    seen: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    reload_ok: bool = False

    def __post_init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.stop = threading.Event()

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.url + path, data=body, timeout=60) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode()

    def poll(self) -> None:
        """What the page's script does: wait on /state (the server answers when the room
        moves); notes when each phase and round was first seen."""
        query = ""
        while not self.stop.is_set():
            try:
                status, _, body = self.request(f"/room/{self.code}/state{query}")
                if status == 200:
                    state = json.loads(body)
                    now = time.time()
                    self.seen.setdefault(f"phase:{state['phase']}", now)
                    self.seen.setdefault(f"round:{state['round']}", now)
                    round_id = "" if state["round"] is None else state["round"]
                    query = f"?phase={state['phase']}&round={round_id}"
                    continue
                self.errors.append(f"state {status}")
            except Exception as error:  # a bench counts failures instead of stopping
                if not self.stop.is_set():  # a look cut by the end of the run is no failure
                    self.errors.append(f"state {error!r}")
            self.stop.wait(RETRY_SECONDS)

    def join_and_send_ideas(self) -> None:
        status, final, page = self.request(f"/room/{self.code}")
        if status != 200:
            self.errors.append(f"join {status}")
            return
        self.token = hidden(page, "r")
        for n in range(IDEAS_EACH):
            text = f"Idée {n + 1} du téléphone {self.number} : plus d'ombre rue {n}"
            client = hidden(page, "client")
            form = {"r": self.token, "client": client, "text": text}
            status, _, page = self.request(f"/room/{self.code}/idea", form)
            if status == 200 and "Idée reçue" in page:
                self.told_ideas.append(text)
            else:
                self.errors.append(f"idea {status}")
            if n == 1:
                # the same form again (a double tap, a retry after a lost answer)
                again, _, _ = self.request(f"/room/{self.code}/idea", form)
                if again != 200:
                    self.errors.append(f"idea again {again}")

    def wait_for(self, key: str) -> bool:
        deadline = time.monotonic() + WAIT_S
        while key not in self.seen and time.monotonic() < deadline:
            time.sleep(0.05)
        return key in self.seen

    def score(self, round_id: int) -> None:
        if not self.wait_for(f"round:{round_id}") or not self.wait_for("phase:score"):
            self.errors.append("never saw the round open")
            return
        status, _, page = self.request(f"/room/{self.code}?r={self.token}")
        targets = [int(t) for t in re.findall(r'name="target" value="(\d+)"', page)]
        if status != 200 or len(targets) != len(TARGETS):
            self.errors.append(f"ballot {status} with {len(targets)} targets")
            return
        for position, target in enumerate(targets):
            form = {"r": self.token, "round": round_id, "target": target, "ajax": "1"}
            for number, criterion in enumerate(CRITERIA):
                value = 1 + (self.number + position + number) % 5
                # the page's script sends the whole form on every tap
                form[f"c_{criterion}"] = value
                self.tapped.add((target, criterion))
                status, _, body = self.request(f"/room/{self.code}/score", dict(form))
                if status == 200 and json.loads(body).get("ok"):
                    self.told_answers[(target, criterion)] = value
                else:
                    self.errors.append(f"score {status}")

    def reload(self) -> None:
        """The bare QR link again (the cookie only): the same participant, every answer."""
        status, final, page = self.request(f"/room/{self.code}")
        same = f"r={self.token}" in final
        ticked = dict(re.findall(r'name="c_([a-z]+)" value="(\d)" checked', page))
        shown = len(re.findall(r'value="\d" checked', page))
        # every tap shows, a refused one too once a later tap of its form sent it again
        self.reload_ok = status == 200 and same and shown == len(self.tapped) > 0
        if not self.reload_ok:
            self.errors.append(f"reload {status} same={same} shown={shown} {ticked}")


# chromium phones ----------------------------------------------------------------------------

DRAWN_AT = """() => {
  const [nav] = performance.getEntriesByType("navigation");
  return (performance.timeOrigin + nav.domContentLoadedEventEnd) / 1000;
}"""


@dataclass
class BrowserPhone:
    page: object
    number: int
    told_ideas: list[str] = field(default_factory=list)
    answers: int = 0
    seen: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    reload_ok: bool = False


def browser_ideas(phone: BrowserPhone, url: str, code: str) -> None:
    page = phone.page
    page.goto(f"{url}/room/{code}")
    for n in range(IDEAS_EACH):
        text = f"Idée {n + 1} du navigateur {phone.number} : des fontaines {n}"
        page.locator("#cc-text").fill(text)
        page.locator("#cc-idea-form button").tap()
        try:
            page.get_by_text("Idée reçue").wait_for(timeout=WAIT_S * 1000)
            phone.told_ideas.append(text)
        except Exception as error:
            phone.errors.append(f"idea {error!r}"[:200])


def browser_sees(phone: BrowserPhone, selector: str, key: str) -> None:
    try:
        phone.page.locator(selector).wait_for(timeout=WAIT_S * 1000)
        phone.seen[key] = phone.page.evaluate(DRAWN_AT)
    except Exception as error:
        phone.errors.append(f"{key} {error!r}"[:200])


def browser_score(phone: BrowserPhone) -> None:
    page = phone.page
    forms = page.locator("form.cc-target")
    for position, form in enumerate(forms.all()):
        for number, criterion in enumerate(CRITERIA):
            value = 1 + (phone.number + position + number) % 5
            form.locator(f'input[name="c_{criterion}"][value="{value}"]').tap()
        try:
            form.locator(".cc-status").get_by_text("Réponses enregistrées").wait_for(
                timeout=WAIT_S * 1000
            )
        except Exception as error:
            phone.errors.append(f"score {error!r}"[:200])
    phone.answers = forms.count() * len(CRITERIA)


def browser_reload(phone: BrowserPhone) -> None:
    page = phone.page
    before = page.url
    page.reload()
    page.locator("#cc-ballot").wait_for(timeout=WAIT_S * 1000)
    ticked = page.locator("form.cc-target input[type=radio]:checked").count()
    phone.reload_ok = page.url == before and ticked == phone.answers > 0
    if not phone.reload_ok:
        phone.errors.append(f"reload {page.url} ticked={ticked}")


def unlock(browser, url: str, code: str, secret: str):
    """A facilitator's browser: the secret on the Join page, then the Workshop page."""
    from playwright.sync_api import expect

    page = browser.new_context(viewport=PROJECTOR).new_page()
    page.set_default_timeout(WAIT_S * 1000)
    page.goto(url)
    expander = page.get_by_test_id("stExpander").filter(has_text="J'anime cet atelier")
    field_ = expander.locator(".st-key-join_facilitator_code input")
    for _ in range(3):
        expander.get_by_text("J'anime cet atelier").click()
        try:
            expect(field_).to_be_visible(timeout=10_000)
            break
        except AssertionError:
            continue
    field_.fill(code)
    expander.locator(".st-key-join_secret input").fill(secret)
    expander.get_by_role("button", name="Ouvrir en animateur").click()
    expect(page.get_by_role("heading", name="Atelier", exact=True)).to_be_visible()
    return page


# the run ------------------------------------------------------------------------------------


def server_failures(log: Path) -> dict[str, int]:
    """The exceptions the server logged, by message, counted."""
    found: dict[str, int] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if re.match(r"^[\w.]+(Error|Exception|Locked)\b.*:", line):
            found[line.strip()[:160]] = found.get(line.strip()[:160], 0) + 1
    return found


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def latency_figures(delays: list[float]) -> dict:
    if not delays:
        return {"count": 0}
    return {
        "count": len(delays),
        "p50": statistics.median(delays),
        "p95": percentile(delays, 0.95),
        "max": max(delays),
    }


def run(n: int, browsers: int, streamlit_phones: int, idle: float, folder: Path) -> dict:
    from playwright.sync_api import sync_playwright

    from cocreate.access import reset_facilitator_secret
    from cocreate.ingest import submit_idea
    from cocreate.scoring import copy_rubric_to_workshop, open_round
    from cocreate.store import Store

    db_path = folder / "room.db"
    with Store(db_path) as store:
        workshop = store.create_workshop(
            "Rue de la République", challenge="Comment rendre la rue plus agréable ?"
        )
        secret = reset_facilitator_secret(store, workshop["id"])
        seeds = [submit_idea(store, workshop["id"], text, source="seed") for text in TARGETS]
        copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
        baseline_tokens = [
            store.add_rater(workshop["id"])["token"] for _ in range(streamlit_phones)
        ]
    code = workshop["join_code"]
    process, url = start_server(db_path, folder / "server.log")
    figures: dict = {"n_http": n, "n_browsers": browsers, "errors": []}
    try:
        meter = CpuMeter(process.pid)
        figures["cpu_server_alone"] = meter.over(idle)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_launch_options())
            presenter = unlock(browser, url, code, secret)
            presenter.get_by_test_id("stMain").get_by_role("link", name="Écran projeté").click()
            presenter.locator(".cc-code").wait_for(timeout=WAIT_S * 1000)
            unlock(browser, url, code, secret)  # the facilitator, on the Workshop page
            time.sleep(3)
            figures["cpu_presenter_facilitator"] = meter.over(idle)

            # baseline: phones idle on the former Streamlit Participate page
            old = []
            for token in baseline_tokens:
                page = browser.new_context(**PHONE).new_page()
                page.goto(f"{url}/?r={token}")
                page.get_by_role("button", name="Envoyer mon idée").wait_for(timeout=WAIT_S * 1000)
                old.append(page)
            time.sleep(3)
            figures["cpu_streamlit_phones"] = meter.over(idle) if old else None
            for page in old:
                page.context.close()
            time.sleep(3)

            # the room: everyone joins and is idle on the idea form
            phones = [Phone(number, url, code) for number in range(n)]
            pollers = [threading.Thread(target=p.poll, daemon=True) for p in phones]
            for thread in pollers:
                thread.start()
            views = [
                BrowserPhone(browser.new_context(**PHONE).new_page(), number)
                for number in range(browsers)
            ]
            for view in views:
                view.page.set_default_timeout(WAIT_S * 1000)
                view.page.goto(f"{url}/room/{code}")
            joined = [threading.Thread(target=p.request, args=(f"/room/{code}",)) for p in phones]
            for thread in joined:
                thread.start()
            for thread in joined:
                thread.join(WAIT_S)
            time.sleep(3)
            figures["cpu_room_idle"] = meter.over(idle)

            # the run: ideas, the phase change, the ballot, a reload, the room moves on
            meter.restart()
            started = time.monotonic()
            actors = [threading.Thread(target=p.join_and_send_ideas) for p in phones]
            for thread in actors:
                thread.start()
            for view in views:
                browser_ideas(view, url, code)
            for thread in actors:
                thread.join(WAIT_S * 3)
            with Store(db_path) as store:
                scoring_round = open_round(
                    store, workshop["id"], [("idea", s["id"]) for s in seeds], title="Tri"
                )
                to_score = time.time()
                store.set_phase(workshop["id"], "score")
            round_id = scoring_round["id"]
            for view in views:
                browser_sees(view, "#cc-ballot", "phase:score")
            actors = [threading.Thread(target=p.score, args=(round_id,)) for p in phones]
            for thread in actors:
                thread.start()
            for view in views:
                browser_score(view)
            for thread in actors:
                thread.join(WAIT_S * 3)
            actors = [threading.Thread(target=p.reload) for p in phones]
            for thread in actors:
                thread.start()
            for view in views:
                browser_reload(view)
            for thread in actors:
                thread.join(WAIT_S)
            with Store(db_path) as store:
                to_decide = time.time()
                store.set_phase(workshop["id"], "decide")
            for view in views:
                browser_sees(view, "#cc-waiting", "phase:decide")
            deadline = time.monotonic() + WAIT_S
            while time.monotonic() < deadline and not all("phase:decide" in p.seen for p in phones):
                time.sleep(0.1)
            figures["run_seconds"] = time.monotonic() - started
            figures["cpu_run"] = meter.cores()
            for phone in phones:
                phone.stop.set()
            browser.close()
    finally:
        figures["stop_seconds"] = stop_server(process)
        figures["server_failures"] = server_failures(folder / "server.log")

    # what was stored, against what the phones were told
    with Store(db_path) as store:
        ideas = store.list_ideas(workshop["id"], source="participants")
        scores = store.round_scores(round_id)
        raters = [r for r in store.db["raters"].rows if r["workshop_id"] == workshop["id"]]
    told_ideas = [t for p in phones for t in p.told_ideas] + [
        t for v in views for t in v.told_ideas
    ]
    texts = [i["text"] for i in ideas]
    token_rater = {r["token"]: r["id"] for r in raters}
    stored_answers = {(s["rater_id"], s["target_id"], s["criterion"]): s["value"] for s in scores}
    told_answers = {
        (token_rater.get(p.token), target, criterion): value
        for p in phones
        for (target, criterion), value in p.told_answers.items()
    }
    wrong = sum(stored_answers.get(key) != value for key, value in told_answers.items())
    phones_all = len(phones) + len(views)
    figures.update(
        ideas_expected=phones_all * IDEAS_EACH,
        ideas_told=len(told_ideas),
        ideas_stored=len(texts),
        ideas_lost=len(set(told_ideas) - set(texts)),
        ideas_duplicated=len(texts) - len(set(texts)),
        answers_expected=phones_all * len(TARGETS) * len(CRITERIA),
        answers_told=sum(len(p.told_answers) for p in phones) + sum(v.answers for v in views),
        answers_stored=len(scores),
        answers_wrong_or_lost=wrong,
        raters=len(raters) - streamlit_phones,
        reloads_kept=sum(p.reload_ok for p in phones) + sum(v.reload_ok for v in views),
    )
    http_score = [p.seen["phase:score"] - to_score for p in phones if "phase:score" in p.seen]
    http_decide = [p.seen["phase:decide"] - to_decide for p in phones if "phase:decide" in p.seen]
    web_score = [v.seen["phase:score"] - to_score for v in views if "phase:score" in v.seen]
    web_decide = [v.seen["phase:decide"] - to_decide for v in views if "phase:decide" in v.seen]
    figures["latency_http"] = latency_figures(http_score + http_decide)
    figures["latency_browsers"] = latency_figures(web_score + web_decide)
    figures["latency_all"] = latency_figures(http_score + http_decide + web_score + web_decide)
    figures["latency_missing"] = 2 * phones_all - figures["latency_all"]["count"]
    figures["errors"] = [e for p in phones for e in p.errors] + [e for v in views for e in v.errors]
    return figures


def report(f: dict, streamlit_phones: int) -> None:
    phones = f["n_http"] + f["n_browsers"]
    print(
        f"room of {phones} phones: {f['n_http']} over HTTP + {f['n_browsers']} in chromium,"
        f" presenter and facilitator connected; run {f['run_seconds']:.0f} s"
    )
    print(
        f"ideas   expected {f['ideas_expected']}, told stored {f['ideas_told']},"
        f" stored {f['ideas_stored']}, lost {f['ideas_lost']},"
        f" duplicated {f['ideas_duplicated']} (each phone also resent one form)"
    )
    print(
        f"answers expected {f['answers_expected']}, told stored {f['answers_told']},"
        f" stored {f['answers_stored']}, wrong or lost {f['answers_wrong_or_lost']}"
    )
    print(
        f"raters  {f['raters']} for {phones} phones;"
        f" reload kept participant and answers: {f['reloads_kept']}/{phones}"
    )
    print(f"\nphase change -> phone (2 changes; goal p95 <= {GOAL_LATENCY_S} s)")
    for name in ("http", "browsers", "all"):
        lat = f[f"latency_{name}"]
        if lat["count"]:
            print(
                f"  {name:9} n={lat['count']:3}  p50 {lat['p50']:.2f} s  p95 {lat['p95']:.2f} s"
                f"  max {lat['max']:.2f} s"
            )
    print(f"  phones that never saw a change: {f['latency_missing']}")
    base = f["cpu_presenter_facilitator"]
    print("\nserver CPU (cores of the server's processes; 2-core machine)")
    print(f"  server alone                                {f['cpu_server_alone']:.3f}")
    print(f"  presenter + facilitator (baseline)          {base:.3f}")
    if f.get("cpu_streamlit_phones") is not None and streamlit_phones:
        per_old = (f["cpu_streamlit_phones"] - base) / streamlit_phones
        print(
            f"  + {streamlit_phones} phones on the Streamlit page (baseline)"
            f"  {f['cpu_streamlit_phones']:.3f}  ({per_old:.4f} per phone)"
        )
    per_new = (f["cpu_room_idle"] - base) / phones
    print(
        f"  + {phones} phones on the room pages, idle      {f['cpu_room_idle']:.3f}"
        f"  ({per_new:.4f} per phone)"
    )
    print(f"  during the run                              {f['cpu_run']:.3f}")
    if f.get("cpu_streamlit_phones") is not None and streamlit_phones and per_new > 0:
        print(f"  a Streamlit phone costs {per_old / per_new:.1f}x a room-page phone at idle")
    print(f"  idle room / baseline: {f['cpu_room_idle'] / base:.2f}x")
    print(f"\nserver stopped {f['stop_seconds']:.1f} s after SIGTERM, phones still connected")
    print(f"errors: {len(f['errors'])}")
    for message, count in f["server_failures"].items():
        print(f"  server logged {count}x: {message}")
    for error in f["errors"][:10]:
        print(f"  {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10, help="phones over HTTP (10, 25, 50)")
    parser.add_argument("--browsers", type=int, default=5, help="phones in chromium")
    parser.add_argument("--streamlit-phones", type=int, default=5, help="baseline phones")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of each idle figure")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit("Debian chromium is needed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder:
        figures = run(args.n, args.browsers, args.streamlit_phones, args.idle, Path(folder))
    if args.json:
        print(json.dumps(figures))
    else:
        report(figures, args.streamlit_phones)


if __name__ == "__main__":
    main()
