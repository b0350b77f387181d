"""Names proposed by an optional local language model (an OpenAI-compatible server such as
llama.cpp, Ollama, vLLM or LM Studio), off by default and never required.

The offline names (``names.name_groups``) always come first and stand on their own; when the
facilitator points ``COCREATE_NAMING_URL`` at a server on this machine or the local network,
the groups' most representative texts are sent to it in one chat-completions request per
batch of groups, and each name it proposes is checked (one line, short, no markup or formula,
not only function words, no word of the never-in-names list, capitalised). A name that fails,
and every name of a request that fails (timeout, refused connection, HTTP error, a reply that
is not the JSON asked for), is the offline one: one warning is logged, nothing is raised.

Nothing leaves the machine: a URL whose host is not loopback, private or link-local (every
address a host name resolves to) is refused, no proxy is used and redirects are not followed.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cocreate.clustering.labels import fold, stop_words
from cocreate.clustering.names import GroupName, holds_forbidden, never_in_names

__all__ = [
    "NamingEndpoint",
    "NamingEndpointRefused",
    "GroupSample",
    "naming_endpoint_from_env",
    "check_local_url",
    "name_problem",
    "propose_names",
    "ENV_URL",
    "ENV_MODEL",
]

log = logging.getLogger(__name__)

ENV_URL = "COCREATE_NAMING_URL"
ENV_MODEL = "COCREATE_NAMING_MODEL"
ENV_TIMEOUT = "COCREATE_NAMING_TIMEOUT"
ENV_BATCH = "COCREATE_NAMING_BATCH"
# a local model on a laptop CPU reads a few hundred tokens a second: a batch takes tens of s
DEFAULT_TIMEOUT = 60.0
# 8 groups x 8 texts x 300 characters stay near 5,000 tokens, inside a small model's context
DEFAULT_GROUPS_PER_REQUEST = 8
TEXTS_PER_GROUP = 8
TEXT_CHARS = 300
MAX_NAME_CHARS = 60
# the model name sent when the server lists none (llama.cpp ignores it)
FALLBACK_MODEL = "local"
# a reply larger than this is not a handful of names
MAX_REPLY_BYTES = 1_000_000
# what starts a spreadsheet formula, and fragments of markup, code or links
FORMULA_STARTS = ("=", "+", "-", "@")
MARKUP_SIGNS = ("<", ">", "{", "}", "`", "http")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# reasoning models think aloud before answering
THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
LANGUAGE_NAMES = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "fi": "Finnish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "pl": "Polish",
}

PROMPTS = {
    "fr": {
        "system": (
            "Tu nommes des groupes d'idées de citoyens pour un atelier de co-création d'une"
            " ville. Pour chaque groupe, écris en français un groupe nominal court, de 2 à 5"
            " mots, qui dit le thème commun à ses idées : pas une liste de mots-clés, ni"
            " ponctuation, ni guillemets, ni balises. Majuscule au premier mot (et aux noms"
            ' propres) seulement. Réponds uniquement en JSON : {{"names": {{"<numéro du'
            ' groupe>": "<nom>"}}}}.'
        ),
        "group": "Groupe {number} (mots-clés : {keywords}) :",
        "end": "Réponds en JSON avec un nom pour chacun des groupes {numbers}.",
    },
    "en": {
        "system": (
            "You name groups of citizens' ideas for a city's co-creation workshop. For each"
            " group, write in {language} a short noun phrase of 2 to 5 words that says the"
            " theme its ideas share: not a list of keywords, no punctuation, no quotes, no"
            " markup. Capitalise the first word (and proper nouns) only. Answer with JSON"
            ' only: {{"names": {{"<group number>": "<name>"}}}}.'
        ),
        "group": "Group {number} (keywords: {keywords}):",
        "end": "Answer in JSON with a name for each of the groups {numbers}.",
    },
}


class NamingEndpointRefused(ValueError):
    """A naming URL that could send the ideas off this machine (or is not a URL)."""

    def __init__(self, code: str, **values: Any) -> None:
        self.code, self.values = code, values
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        from cocreate.i18n import t

        return t(f"llm_names.{self.code}", lang, **self.values)


@dataclass(frozen=True)
class NamingEndpoint:
    """An OpenAI-compatible server on this machine or the local network (``url`` ends where
    ``/models`` and ``/chat/completions`` start, e.g. ``http://127.0.0.1:8080/v1``); ``model``
    ``None``: the first the server lists. Refused at creation when the host is not local."""

    url: str
    model: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    groups_per_request: int = DEFAULT_GROUPS_PER_REQUEST

    def __post_init__(self) -> None:
        object.__setattr__(self, "url", self.url.strip().rstrip("/"))
        check_local_url(self.url)

    @property
    def host(self) -> str:
        """Host and port, as said to the facilitator."""
        return urllib.parse.urlsplit(self.url).netloc.rpartition("@")[2]


@dataclass
class GroupSample:
    """What the model reads of one group: its offline name and its most representative texts
    (nearest the centre first)."""

    offline: GroupName
    texts: Sequence[str]


def naming_endpoint_from_env(environ: Mapping[str, str] | None = None) -> NamingEndpoint | None:
    """The endpoint set by ``COCREATE_NAMING_URL`` (and ``COCREATE_NAMING_MODEL``,
    ``COCREATE_NAMING_TIMEOUT`` seconds, ``COCREATE_NAMING_BATCH`` groups per request);
    ``None`` when unset. Raises :class:`NamingEndpointRefused` for a non-local URL."""
    environ = os.environ if environ is None else environ
    url = environ.get(ENV_URL, "").strip()
    if not url:
        return None
    return NamingEndpoint(
        url,
        model=environ.get(ENV_MODEL, "").strip() or None,
        timeout=_positive(environ, ENV_TIMEOUT, DEFAULT_TIMEOUT, float),
        groups_per_request=int(_positive(environ, ENV_BATCH, DEFAULT_GROUPS_PER_REQUEST, int)),
    )


def _positive(environ: Mapping[str, str], name: str, default: float, kind: type) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise NamingEndpointRefused("bad_setting", name=name, value=raw)
    return value


def check_local_url(url: str) -> list[str]:
    """The addresses ``url`` reaches, when it is http(s) to a loopback, private or link-local
    host (a host name: every address it resolves to); else :class:`NamingEndpointRefused`
    (a name that does not resolve is refused too)."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        raise NamingEndpointRefused("not_a_url", url=url) from None
    if parts.scheme not in ("http", "https"):
        raise NamingEndpointRefused("bad_scheme", url=url, scheme=parts.scheme or "-")
    host = parts.hostname
    if not host:
        raise NamingEndpointRefused("not_a_url", url=url)
    try:
        addresses = [ipaddress.ip_address(host.split("%")[0])]
    except ValueError:
        try:
            found = socket.getaddrinfo(host, port or 80, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            raise NamingEndpointRefused("unresolved", url=url, host=host) from None
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]
    if not addresses or not all(_local(address) for address in addresses):
        shown = ", ".join(sorted({str(a) for a in addresses}))
        raise NamingEndpointRefused("not_local", url=url, host=host, addresses=shown)
    return [str(a) for a in addresses]


def _local(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)
    address = mapped or address
    return address.is_loopback or address.is_private or address.is_link_local


def name_problem(name: str, language: str | None, never: Collection[str] = ()) -> str | None:
    """Why ``name`` cannot name a group (``None`` when it can): several lines, too long,
    markup or formula, only function words, a word never to use (the installed list and
    ``never``), no capital."""
    if not name or "\n" in name or "\r" in name:
        return "not one line"
    if len(name) > MAX_NAME_CHARS:
        return "too long"
    lowered = name.lower()
    if name.startswith(FORMULA_STARTS) or any(sign in lowered for sign in MARKUP_SIGNS):
        return "markup or formula"
    words = [fold(w) for w in WORD.findall(name)]
    if not words:
        return "no word"
    if holds_forbidden(name, never_in_names() | frozenset(never)):
        return "a word never to use"
    if all(w in stop_words(language) for w in words):
        return "only function words"
    if not name[0].isupper():
        return "no capital"
    return None


def _tidy(name: Any) -> str:
    """The proposed name without surrounding blanks and quotes (models add them)."""
    if not isinstance(name, str):
        return ""
    name = name.strip()
    for left, right in (('"', '"'), ("'", "'"), ("«", "»"), ("“", "”")):
        if len(name) > 1 and name[0] == left and name[-1] == right:
            name = name[1:-1].strip()
    return name


def propose_names(
    endpoint: NamingEndpoint,
    groups: Mapping[Any, GroupSample],
    language: str | None,
    never: Collection[str] = (),
) -> dict[Any, str]:
    """A name per group id: the model's where it passes every check (``never``: folded words
    staff forbid beside the installed list), else the offline one.

    One chat-completions request per ``endpoint.groups_per_request`` groups; after a failed
    request (timeout, refused, HTTP error, no JSON) the groups left keep their offline names
    too. Logs one warning per failure and one for the rejected names; never raises."""
    chosen = {group: sample.offline.label for group, sample in groups.items()}
    ids = list(groups)
    if not ids:
        return chosen
    try:
        check_local_url(endpoint.url)
        model = endpoint.model or _first_model(endpoint)
    except NamingEndpointRefused as refused:
        log.warning("local naming model not used: %s", refused)
        return chosen
    rejected: list[str] = []
    size = max(1, endpoint.groups_per_request)
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        try:
            proposed = _ask(endpoint, model, [groups[g] for g in batch], language)
        except _RequestFailed as failure:
            left = len(ids) - start
            log.warning(
                "local naming model at %s failed (%s): %d groups keep their offline names",
                endpoint.host,
                failure,
                left,
            )
            break
        for number, group in enumerate(batch, start=1):
            name = _tidy(proposed.get(str(number)))
            problem = name_problem(name, language, never) if name else "missing"
            if problem is None:
                chosen[group] = name
            else:
                rejected.append(f"{number}: {problem} ({name[:40]!r})")
    if rejected:
        log.warning(
            "local naming model at %s: %d names kept offline: %s",
            endpoint.host,
            len(rejected),
            "; ".join(rejected),
        )
    return chosen


class _RequestFailed(Exception):
    """A request that brought no usable answer."""


def _opener() -> urllib.request.OpenerDirector:
    """No proxy (the request stays local) and no redirect (it could lead off the machine)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def _call(endpoint: NamingEndpoint, path: str, body: dict | None = None) -> Any:
    """The JSON the server answers at ``path`` (GET, or POST of ``body``)."""
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        endpoint.url + path,
        data=data,
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="GET" if body is None else "POST",
    )
    try:
        with _opener().open(request, timeout=endpoint.timeout) as response:
            raw = response.read(MAX_REPLY_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise _RequestFailed(f"HTTP {error.code}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise _RequestFailed(f"{type(reason).__name__}: {reason}") from None
    if len(raw) > MAX_REPLY_BYTES:
        raise _RequestFailed("reply too large")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _RequestFailed("reply is not JSON") from None


def _first_model(endpoint: NamingEndpoint) -> str:
    """The first model the server lists (``GET /models``), else ``local``."""
    try:
        listed = _call(endpoint, "/models")
        return str(listed["data"][0]["id"])
    except (_RequestFailed, KeyError, IndexError, TypeError):
        return FALLBACK_MODEL


def _ask(
    endpoint: NamingEndpoint, model: str, samples: list[GroupSample], language: str | None
) -> dict[str, Any]:
    """The names the model proposes for ``samples`` (numbered from 1), as strings by number."""
    body = {
        "model": model,
        "messages": build_messages(samples, language),
        "temperature": 0,
        "stream": False,
    }
    reply = _call(endpoint, "/chat/completions", body)
    try:
        content = reply["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise _RequestFailed("no chat completion in the reply") from None
    names = _names_in(content if isinstance(content, str) else "")
    if names is None:
        raise _RequestFailed("the answer holds no JSON names")
    return names


def _names_in(content: str) -> dict[str, Any] | None:
    """The ``names`` object of the answer (thinking, code fences and prose around it left)."""
    content = THINKING.sub("", content)
    start, end = content.find("{"), content.rfind("}")
    if start < 0 or end < start:
        return None
    try:
        parsed = json.loads(content[start : end + 1])
    except json.JSONDecodeError:
        return None
    names = parsed.get("names") if isinstance(parsed, dict) else None
    if not isinstance(names, dict):
        return None
    return {str(k).strip(): v for k, v in names.items()}


def build_messages(samples: list[GroupSample], language: str | None) -> list[dict[str, str]]:
    """The chat messages for ``samples``: French or English instructions (other languages
    in English, asking for names in the ideas' language), then the groups numbered from 1."""
    template = PROMPTS["fr" if language == "fr" else "en"]
    spoken = LANGUAGE_NAMES.get(language or "en", "the language of the ideas")
    lines: list[str] = []
    for number, sample in enumerate(samples, start=1):
        keywords = ", ".join(sample.offline.keywords[:5]) or sample.offline.label or "-"
        lines.append(template["group"].format(number=number, keywords=keywords))
        for text in list(sample.texts)[:TEXTS_PER_GROUP]:
            lines.append("- " + " ".join(str(text).split())[:TEXT_CHARS])
        lines.append("")
    numbers = ", ".join(str(n) for n in range(1, len(samples) + 1))
    lines.append(template["end"].format(numbers=numbers))
    return [
        {"role": "system", "content": template["system"].format(language=spoken)},
        {"role": "user", "content": "\n".join(lines)},
    ]


def main_language(languages: Sequence[str | None], default: str | None = None) -> str | None:
    """The language most of the texts are in (``default`` when none is known)."""
    counted = Counter(language for language in languages if language)
    return counted.most_common(1)[0][0] if counted else default
