"""Triage normalises a complaint's description once and joins it to the business's normalised name: that
must be exactly what normalising the joined text gives (lib.classify_text.normalise)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from weiquan.lib.classify_text import normalise

# full-width and traditional characters, blanks of every width, Latin letters with cases (Σ's final form
# depends on what follows), combining marks
parts = st.text(alphabet="家具城櫃門開裂ＡＢｃ１２ \u3000\t\nΣσAb\u0301İ，。!？·", max_size=30)


@given(parts, parts)
@settings(max_examples=500, deadline=None)
def test_normalising_the_parts_and_joining_them_is_normalising_the_whole(name, description):
    joined = " ".join(p for p in (normalise(name), normalise(description)) if p)
    assert joined == normalise(f"{name} {description}")


@given(parts)
@settings(max_examples=300, deadline=None)
def test_normalising_twice_changes_nothing(text):
    assert normalise(normalise(text)) == normalise(text)
