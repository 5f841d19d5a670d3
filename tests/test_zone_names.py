"""The development zones an address names are found in one automaton pass: exactly the entries whose alias
the address contains, in the order of the entries (longest alias first) — what testing each alias gives."""

from hypothesis import given
from hypothesis import strategies as st

from weiquan.lib.addresses import ZoneNames, normalise, zone_aliases

ALPHABET = "大同开发区经高新综改示范市太原晋中城"
aliases = st.text(alphabet=ALPHABET, min_size=1, max_size=6)
entries = st.lists(st.tuples(aliases, st.sampled_from(["Z1", "Z2", "Z3"]), st.sampled_from(["140213", "140105"]),
                             st.sampled_from(["140213", "140105"])), max_size=12)


@given(entries, st.text(alphabet=ALPHABET + "路号1", max_size=30))
def test_the_zones_named_are_those_whose_alias_the_text_contains(zone_entries, text):
    zones = ZoneNames(zone_entries)
    expected = [entry for entry in sorted(zone_entries, key=lambda e: -len(e[0])) if entry[0] in text]
    assert zones.named_in(text) == expected
    assert list(zones) == sorted(zone_entries, key=lambda e: -len(e[0]))


def test_a_zone_is_found_under_the_ways_it_is_written():
    entries = [(alias, "Z-DT", "140271", "140213") for alias in zone_aliases("大同经济技术开发区")]
    zones = ZoneNames(entries)
    for written in ("大同经开区魏都大道1号", "山西省大同市经济技术开发区", "大同开发区"):
        assert zones.named_in(normalise(written)), written
    assert not zones.named_in("太原市小店区长治路1号") and not ZoneNames([]).named_in("大同经开区")
