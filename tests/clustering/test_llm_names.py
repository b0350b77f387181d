"""The optional local naming model, against a real OpenAI-compatible HTTP server on 127.0.0.1
that names each group from the words of the texts it was sent, and turns hostile on demand
(slow, HTTP 500, no JSON, markup, function words, a word never to use, missing groups, gone)."""

from __future__ import annotations

import json
import logging
import re
import socket
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.clustering import cluster_workshop, pin_cluster, rename_cluster
from cocreate.clustering.labels import fold, stop_words
from cocreate.clustering.llm_names import (
    GroupSample,
    NamingEndpoint,
    NamingEndpointRefused,
    name_problem,
    naming_endpoint_from_env,
    propose_names,
)
from cocreate.clustering.names import GroupName, never_in_names

GROUP_HEAD = re.compile(r"^(?:Group|Groupe) (\d+)\b")
WORDS = re.compile(r"[^\W\d_]{5,}")


def name_from_texts(texts: list[str]) -> str:
    """What the fake model answers: the group's most frequent long content word, capitalised,
    then 'partagé' (so the name shows the texts of that very group reached the server)."""
    stops = stop_words("fr")
    counted = Counter(w.lower() for text in texts for w in WORDS.findall(text))
    word = next((w for w, _ in counted.most_common() if fold(w) not in stops), "ensemble")
    return f"{word.capitalize()} partagé"


def groups_in(prompt: str) -> dict[str, list[str]]:
    """The groups of the user message: number -> texts."""
    groups: dict[str, list[str]] = {}
    current = None
    for line in prompt.splitlines():
        head = GROUP_HEAD.match(line)
        if head:
            current = groups.setdefault(head.group(1), [])
        elif line.startswith("- ") and current is not None:
            current.append(line[2:])
    return groups


class NamingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), NamingHandler)
        self.mode = "good"
        self.requests: list[dict] = []
        self.models_asked = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


HOSTILE_NAMES = {
    "markup": ["<b>Vélo</b>", "=SUM(A1:A9)", "Voir `code`", "Plus sur http://x.org", "{Parcs}"],
    "function_words": ["De la", "Les des", "Pour le", "The and of", "Avec"],
    "lowercase": ["pistes cyclables"],
    "two_lines": ["Pistes\ncyclables"],
    "too_long": ["Un nom de groupe beaucoup trop long pour tenir sur une carte du mur affichée"],
}


class NamingHandler(BaseHTTPRequestHandler):
    server: NamingServer

    def log_message(self, *args) -> None:  # quiet test output
        pass

    def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/v1/models":
            self.server.models_asked += 1
            listed = {"object": "list", "data": [{"id": "tiny-namer", "object": "model"}]}
            self._send(200, json.dumps(listed).encode())
        else:
            self._send(404, b"{}")

    def do_POST(self) -> None:
        if self.path != "/v1/chat/completions":
            self._send(404, b"{}")
            return
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(body)
        mode = self.server.mode
        if mode == "slow":
            time.sleep(3)
        if mode == "error":
            self._send(500, b'{"error": "out of memory"}')
            return
        groups = groups_in(body["messages"][-1]["content"])
        if mode == "prose":
            content = "Sure! Here are some lovely names for your groups."
        else:
            names = {number: name_from_texts(texts) for number, texts in groups.items()}
            if mode in HOSTILE_NAMES:
                bad = HOSTILE_NAMES[mode]
                names = {number: bad[n % len(bad)] for n, number in enumerate(names)}
            elif mode == "never":
                word = sorted(never_in_names())[0]
                names = {number: f"Rue {word}" for number in names}
            elif mode == "same":
                names = {number: "Vie du quartier" for number in names}
            elif mode == "missing":
                names = {n: name for n, name in names.items() if int(n) % 2}
            # a chatty model: thinking, a code fence and a sentence around the JSON
            content = f"<think>hmm</think>Voici :\n```json\n{json.dumps({'names': names})}\n```"
        reply = {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "model": body["model"],
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": content}},
            ],
        }
        self._send(200, json.dumps(reply).encode())


@pytest.fixture
def server(naming_server):
    return naming_server


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


SAMPLES = {
    "bikes": GroupSample(
        GroupName("Pistes · vélo", ["pistes", "vélo"]),
        ["Des pistes cyclables protégées", "Plus de pistes cyclables vers la gare"],
    ),
    "trees": GroupSample(
        GroupName("Arbres · rues", ["arbres", "rues"]),
        ["Planter des arbres dans les rues", "Des arbres devant l'école"],
    ),
    "bins": GroupSample(
        GroupName("Poubelles · tri", ["poubelles", "tri"]),
        ["Plus de poubelles de tri", "Des poubelles au parc"],
    ),
}
OFFLINE = {group: sample.offline.label for group, sample in SAMPLES.items()}


def test_good_names_come_from_the_texts_sent(server):
    endpoint = NamingEndpoint(server.url)
    names = propose_names(endpoint, SAMPLES, "fr")
    assert names == {
        "bikes": "Pistes partagé",
        "trees": "Arbres partagé",
        "bins": "Poubelles partagé",
    }
    [request] = server.requests
    assert request["model"] == "tiny-namer" and server.models_asked == 1
    assert "français" in request["messages"][0]["content"]
    assert "Des arbres devant l'école" in request["messages"][1]["content"]


def test_texts_are_cut_and_batches_of_groups_are_one_request_each(server):
    endpoint = NamingEndpoint(server.url, model="given", groups_per_request=2)
    long_texts = ["mot " * 200] * 12
    samples = {n: GroupSample(GroupName(f"Groupe {n}", []), long_texts) for n in range(5)}
    propose_names(endpoint, samples, "en")
    assert len(server.requests) == 3 and server.models_asked == 0
    assert {r["model"] for r in server.requests} == {"given"}
    prompt = server.requests[0]["messages"][1]["content"]
    texts = [line for line in prompt.splitlines() if line.startswith("- ")]
    assert len(texts) == 2 * 8 and max(len(line) for line in texts) <= 2 + 300


@pytest.mark.parametrize(
    "mode", ["markup", "function_words", "never", "lowercase", "two_lines", "too_long"]
)
def test_names_failing_a_check_keep_the_offline_name(server, mode, caplog):
    server.mode = mode
    with caplog.at_level(logging.WARNING, logger="cocreate.clustering.llm_names"):
        names = propose_names(NamingEndpoint(server.url), SAMPLES, "fr")
    assert names == OFFLINE
    assert len(caplog.records) == 1 and "names kept offline" in caplog.records[0].message


def test_missing_ids_keep_their_offline_names_only(server):
    server.mode = "missing"
    names = propose_names(NamingEndpoint(server.url), SAMPLES, "fr")
    # groups 1 and 3 answered, group 2 ("trees") left out
    assert names == {
        "bikes": "Pistes partagé",
        "trees": "Arbres · rues",
        "bins": "Poubelles partagé",
    }


@pytest.mark.parametrize("mode", ["error", "prose", "slow"])
def test_failed_requests_give_offline_names_and_one_warning(server, mode, caplog):
    server.mode = mode
    endpoint = NamingEndpoint(server.url, timeout=0.5, groups_per_request=1)
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger="cocreate.clustering.llm_names"):
        names = propose_names(endpoint, SAMPLES, "fr")
    assert names == OFFLINE
    # the first failure stops the batches: three groups do not cost three timeouts
    assert len(server.requests) == 1 and time.perf_counter() - started < 2.5
    [warning] = caplog.records
    assert "3 groups keep their offline names" in warning.message


def test_connection_refused_gives_offline_names(caplog):
    with caplog.at_level(logging.WARNING, logger="cocreate.clustering.llm_names"):
        names = propose_names(NamingEndpoint(closed_port_url(), model="m"), SAMPLES, "fr")
    assert names == OFFLINE
    assert len(caplog.records) == 1 and "refused" in caplog.records[0].message.lower()


@pytest.mark.parametrize(
    "url",
    [
        "http://8.8.8.8/v1",
        "http://example.com/v1",
        "https://api.openai.com/v1",
        "http://[2001:4860:4860::8888]:8080/v1",
        "http://no-such-host.invalid/v1",
        "ftp://127.0.0.1/v1",
        "file:///etc/passwd",
        "http://127.0.0.1:notaport/v1",
    ],
)
def test_urls_off_the_machine_are_refused(url):
    with pytest.raises(NamingEndpointRefused) as refused:
        NamingEndpoint(url)
    assert url.split("/")[2].split(":")[0].strip("[]") in refused.value.message("fr") or (
        "file" in url
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/v1",
        "http://localhost:11434/v1/",
        "http://192.168.1.20:8000/v1",
        "http://10.0.0.5/v1",
        "http://[::1]:8080/v1",
        "http://169.254.10.1/v1",
    ],
)
def test_local_and_private_urls_are_accepted(url):
    assert NamingEndpoint(url).url == url.rstrip("/")


def test_settings_from_the_environment():
    assert naming_endpoint_from_env({}) is None
    endpoint = naming_endpoint_from_env(
        {
            "COCREATE_NAMING_URL": "http://127.0.0.1:8080/v1",
            "COCREATE_NAMING_MODEL": "qwen",
            "COCREATE_NAMING_TIMEOUT": "5",
            "COCREATE_NAMING_BATCH": "3",
        }
    )
    assert (endpoint.model, endpoint.timeout, endpoint.groups_per_request) == ("qwen", 5.0, 3)
    assert endpoint.host == "127.0.0.1:8080"
    with pytest.raises(NamingEndpointRefused, match="COCREATE_NAMING_TIMEOUT"):
        naming_endpoint_from_env(
            {"COCREATE_NAMING_URL": "http://127.0.0.1/v1", "COCREATE_NAMING_TIMEOUT": "soon"}
        )


def test_name_checks():
    assert name_problem("Pistes cyclables protégées", "fr") is None
    assert name_problem("Qualité de l'air", "fr") is None
    assert name_problem("Verkehrsberuhigung im Quartier", "de") is None
    assert name_problem("Der die das", "de") == "only function words"
    assert name_problem("-Parcs", "fr") == "markup or formula"
    assert name_problem("Alert(1)</script", "fr") == "markup or formula"


# the pipeline, with the real bundled model on the demo workshop (122 French ideas)


def stored_names(store, workshop) -> dict[int, str]:
    everything = store.active_clusters(workshop["id"]) + store.active_themes(workshop["id"])
    return {c["id"]: c["label"] for c in everything}


def member_texts(store, workshop, cluster_id) -> list[str]:
    ideas = {i["id"]: i["text"] for i in store.list_ideas(workshop["id"])}
    return [
        ideas[a["idea_id"]]
        for a in store.assignments(workshop["id"])
        if a["cluster_id"] == cluster_id
    ]


def test_the_pipeline_uses_good_names_and_keeps_edits(store, demo, minilm, server):
    offline = cluster_workshop(store, demo["id"], model=minilm, seed=2)
    offline_groups = {c["id"]: c for c in store.active_clusters(demo["id"])}
    endpoint = NamingEndpoint(server.url)
    summary = cluster_workshop(store, demo["id"], model=minilm, seed=2, naming_endpoint=endpoint)
    groups = store.active_clusters(demo["id"])
    themes = store.active_themes(demo["id"])
    assert summary.n_clusters == offline.n_clusters == len(groups)
    # one request per 8 groups or themes, every group and theme named by the model
    asked = len(groups) + len(themes)
    assert len(server.requests) == -(-asked // 8)
    assert summary.params["naming"]["asked"] == asked
    assert summary.params["naming"]["proposed"] == asked
    for group in groups:
        word = group["label"].split()[0].lower()
        assert group["label"].endswith(" partagé")
        # the name's word is in the group's own ideas: the server read this group's texts
        assert any(word in text.lower() for text in member_texts(store, demo, group["id"]))
    assert all(theme["label"].endswith(" partagé") for theme in themes)
    # the offline keywords stay
    assert sorted(tuple(g["keywords"]) for g in groups) == sorted(
        tuple(g["keywords"]) for g in offline_groups.values()
    )

    renamed, pinned = groups[0], groups[1]
    rename_cluster(store, renamed["id"], "Mon nom à moi")
    pin_cluster(store, pinned["id"])
    server.requests.clear()
    cluster_workshop(store, demo["id"], model=minilm, seed=2, naming_endpoint=endpoint)
    after = store.active_clusters(demo["id"])
    assert "Mon nom à moi" in {g["label"] for g in after}
    assert {g["id"]: g["label"] for g in after}[pinned["id"]] == pinned["label"]
    sent = "\n".join(r["messages"][1]["content"] for r in server.requests)
    # the pinned group and the renamed group were not even asked about
    assert sent.count("\nGroupe ") + sent.startswith("Groupe ") == len(after) - 2 + len(
        store.active_themes(demo["id"])
    )


def test_a_failing_server_leaves_exactly_the_offline_names(store, demo, minilm, server):
    cluster_workshop(store, demo["id"], model=minilm, seed=2)
    offline = sorted(stored_names(store, demo).values())
    for mode in ("error", "markup"):
        server.mode = mode
        summary = cluster_workshop(
            store, demo["id"], model=minilm, seed=2, naming_endpoint=NamingEndpoint(server.url)
        )
        assert sorted(stored_names(store, demo).values()) == offline
        assert summary.params["naming"]["proposed"] == 0


def test_one_name_for_many_groups_names_only_one_per_level(store, demo, minilm, server):
    cluster_workshop(store, demo["id"], model=minilm, seed=2)
    offline = stored_names(store, demo)
    server.mode = "same"
    summary = cluster_workshop(
        store, demo["id"], model=minilm, seed=2, naming_endpoint=NamingEndpoint(server.url)
    )
    groups = [g["label"] for g in store.active_clusters(demo["id"])]
    themes = [t["label"] for t in store.active_themes(demo["id"])]
    assert groups.count("Vie du quartier") == themes.count("Vie du quartier") == 1
    assert summary.params["naming"]["proposed"] == 2
    # the others kept their offline names, each group's name still its own
    others = [n for n in groups + themes if n != "Vie du quartier"]
    assert len(others) == len(groups) + len(themes) - 2
    assert set(others) <= set(offline.values())
    assert len(set(groups)) == len(groups)


def test_cli_off_by_default_and_on_with_naming_url(db_path, store, demo, server, monkeypatch):
    monkeypatch.delenv("COCREATE_NAMING_URL", raising=False)
    monkeypatch.delenv("COCREATE_NAMING_MODEL", raising=False)
    runner = CliRunner()
    base = ["--db", str(db_path), "cluster", "-w", demo["slug"], "--model", "minilm"]
    plain = runner.invoke(cli, base)
    assert plain.exit_code == 0, plain.output
    assert server.requests == [] and "local model" not in plain.output
    assert "naming" not in store.latest_clustering(demo["id"])["params"]
    offline = sorted(stored_names(store, demo).values())

    named = runner.invoke(cli, [*base, "--naming-url", server.url])
    assert named.exit_code == 0, named.output
    assert f"local model at 127.0.0.1:{server.server_address[1]}" in named.output
    assert sorted(stored_names(store, demo).values()) != offline
    assert all(label.endswith(" partagé") for label in stored_names(store, demo).values())

    refused = runner.invoke(cli, [*base, "--naming-url", "http://8.8.8.8/v1"])
    assert refused.exit_code != 0 and "8.8.8.8" in refused.output
    assert "never leave the machine" in refused.output
