"""MinHash arithmetic (lib.similarity): the vectorised comparison used by duplicate and group checks
gives exactly the pairwise estimate, and the estimate behaves like a Jaccard similarity."""

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
