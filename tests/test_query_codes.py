"""Query codes guard a case's public page: 8 letters of an alphabet without look-alikes, drawn uniformly."""

from collections import Counter

from weiquan.cases.services.registration import QUERY_CODE_ALPHABET, new_query_code, new_query_codes


def test_codes_are_eight_letters_of_the_alphabet_and_do_not_repeat():
    codes = new_query_codes(5000)
    assert len(codes) == 5000
    assert all(len(code) == 8 and set(code) <= set(QUERY_CODE_ALPHABET) for code in codes)
    assert len(set(codes)) == 5000
    assert len(new_query_code()) == 8


def test_every_letter_is_drawn_about_equally_often():
    counts = Counter("".join(new_query_codes(20_000)))  # 160,000 letters, about 5,161 of each
    assert set(counts) == set(QUERY_CODE_ALPHABET)
    expected = 160_000 / len(QUERY_CODE_ALPHABET)
    chi_square = sum((n - expected) ** 2 / expected for n in counts.values())
    assert chi_square < 80  # 30 degrees of freedom: exceeded by chance about once in a million runs


def test_no_codes_asked_none_given():
    assert new_query_codes(0) == []
