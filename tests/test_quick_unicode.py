"""The quick forms of NFKC and of a translation table give exactly what the slow ones give, for any text:
normalised complaint texts, names and addresses are hashed into stored keys, so a different result would
break every look-up of the cases stored before."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from weiquan.lib.classify_text import _PAIRS
from weiquan.lib.quick_unicode import Translation, nfkc

# full-width forms and their neighbours, combining marks that compose with what a full-width form becomes,
# compatibility ideographs, Hangul jamo (composed by NFKC), ligatures, CJK and ASCII
tricky = st.sampled_from(
    "，。：；（）！？～＂＇　ＡａＺｚ０９＄｟｠￠￡￥\u0301\u0308\u0323\u3099\u309a豈丽ﬁ①㈱ℌ\u1100\u1161\u11a8家具城櫃門開裂 aZ1,.\t")
texts = st.text(alphabet=st.one_of(tricky, st.characters()), max_size=40)


@given(texts)
@settings(max_examples=2000, deadline=None)
def test_nfkc_is_unicode_nfkc(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@given(texts)
@settings(max_examples=1000, deadline=None)
def test_translation_is_str_translate(text):
    source, target = _PAIRS[0::2], _PAIRS[1::2]
    assert Translation(source, target)(text) == text.translate(str.maketrans(source, target))


def test_a_complaint_sentence():
    text = "３月１２日在某家具城購買實木衣櫃，花費１２３４元，櫃門開裂　與商家協商未果！"
    assert nfkc(text) == unicodedata.normalize("NFKC", text) == "3月12日在某家具城購買實木衣櫃,花費1234元,櫃門開裂 與商家協商未果!"
