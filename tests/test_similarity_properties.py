"""MinHash arithmetic (lib.similarity): the vectorised comparison used by duplicate and group checks
gives exactly the pairwise estimate, and the estimate behaves like a Jaccard similarity."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from weiquan.lib import similarity

texts = st.text(alphabet="家具城衣柜开裂退货健身房关门跑路退费超市过期食品 ，。0123456789", max_size=60)


@given(texts, st.lists(texts, max_size=8))
@settings(max_examples=200, deadline=None)
def test_vectorised_similarities_equal_the_pairwise_ones(text, others):
    a = similarity.signature(text)
    stored = [similarity.to_bytes(similarity.signature(o)) for o in others]
    assert similarity.similarities(a, stored) == [similarity.similarity(a, similarity.from_bytes(b)) for b in stored]


@given(st.lists(st.tuples(texts, st.lists(texts, max_size=5)), max_size=6))
@settings(max_examples=200, deadline=None)
def test_similarities_of_many_cases_at_once_equal_each_alone(queries):
    signed = [(similarity.signature(t), [similarity.to_bytes(similarity.signature(o)) for o in others])
              for t, others in queries]
    assert similarity.similarities_many(signed) == [similarity.similarities(a, stored) for a, stored in signed]


@given(texts, texts)
@settings(max_examples=200, deadline=None)
def test_the_estimate_is_symmetric_bounded_and_one_for_the_same_text(x, y):
    a, b = similarity.signature(x), similarity.signature(y)
    assert similarity.similarity(a, b) == similarity.similarity(b, a)
    assert 0.0 <= similarity.similarity(a, b) <= 1.0
    if similarity.shingles(x):
        assert similarity.similarity(a, similarity.signature(x)) == 1.0
    else:
        assert similarity.similarity(a, a) == 0.0  # an empty text matches nothing


def _reference_signature(text):
    """The definition: per permutation, the least multiply-shift hash of the crc32 of each 3-gram."""
    import zlib

    grams = similarity.shingles(text)
    if not grams:
        return [int(similarity._EMPTY[0])] * similarity.NUM_PERM
    x = np.array([zlib.crc32(g.encode("utf-8")) for g in grams], dtype=np.uint64)
    with np.errstate(over="ignore"):
        hashed = (x[:, None] * similarity._A[None, :] + similarity._B[None, :]) >> np.uint64(32)
    return hashed.min(axis=0).astype(np.uint32).tolist()


@given(st.lists(texts, max_size=12))
@settings(max_examples=200, deadline=None)
def test_a_batch_of_signatures_equals_each_text_signed_alone(batch):
    matrix = similarity.signatures(batch)
    assert matrix.shape == (len(batch), similarity.NUM_PERM)
    assert [row.tolist() for row in matrix] == [_reference_signature(t) for t in batch]


def _band_keys(hashes, scope: int) -> list[int]:
    """The index keys of one text's band hashes in one scope."""
    return similarity.scoped_band_keys(hashes[None], np.array([scope], dtype=np.int64))[0].tolist()


def test_band_keys_stay_those_already_stored_in_the_index():
    """Stored TextBand rows are only useful if a new text hashes the same way: pinned values (of the scheme
    of four bands of two; a change of scheme needs a migration that writes the band rows again, as
    triage.0009 does)."""
    text = "8月12日在大同市平城区佳利家具城购买实木衣柜，花费9958元，柜门开裂，与商家协商被拒绝。"
    hashes = similarity.band_hashes(similarity.signature(text)[None])[0]
    assert _band_keys(hashes, similarity.stable_key("大同市平城区佳利家具城")) == [
        -4468694827157219731, 4417704527263075134, -2320348763430440289, 8125023122671178411]
    assert similarity.empty_rows(similarity.signatures(["，。 ", text])).tolist() == [True, False]


@given(texts, st.integers(-(2**63), 2**63 - 1), st.integers(-(2**63), 2**63 - 1))
@settings(max_examples=200, deadline=None)
def test_band_keys_are_shared_within_a_scope_and_never_across_scopes(text, scope, other_scope):
    sigs = similarity.signatures([text, text + "。"])  # punctuation aside, the same text
    hashes = similarity.band_hashes(sigs)
    keys = _band_keys(hashes[0], scope)
    assert len(keys) == similarity.BANDS
    assert keys == _band_keys(hashes[1], scope)
    if other_scope != scope:
        assert not set(keys) & set(_band_keys(hashes[0], other_scope))


@given(st.lists(texts, min_size=1, max_size=12))
@settings(max_examples=100, deadline=None)
def test_band_hashes_of_a_batch_equal_those_of_each_text_alone(batch):
    together = similarity.band_hashes(similarity.signatures(batch))
    assert [row.tolist() for row in together] == [
        similarity.band_hashes(similarity.signatures([t]))[0].tolist() for t in batch]


@given(st.lists(st.one_of(st.none(), st.text(max_size=20), st.from_regex(r"\A[0-9]{0,12}\Z")), min_size=1, max_size=3))
def test_stable_key_is_the_hash_of_the_normalised_parts(parts):
    """The keys stored in the index never change meaning: a key is the hash of the parts normalised,
    stripped of blanks and punctuation, joined — however the parts are cleaned on the way."""
    import hashlib

    from weiquan.lib.classify_text import normalise

    cleaned = [similarity._DROP.sub("", normalise(p or "")) for p in parts]
    expected = None if not any(cleaned) else similarity._signed64(
        hashlib.blake2b("\x1f".join(cleaned).encode("utf-8"), digest_size=8).digest())
    assert similarity.stable_key(*parts) == expected
