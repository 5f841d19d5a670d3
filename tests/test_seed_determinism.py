"""The same seed and anchor on an empty database give the same data; running seed again adds more."""

import hashlib
from datetime import date

import pytest

from weiquan.cases.models import Case
from weiquan.demo.seed import seed_cases
from weiquan.demo.seed.reset import reset_cases

ANCHOR = date(2026, 11, 20)


def fingerprint() -> str:
    digest = hashlib.sha256()
    for row in Case.objects.order_by("number").values_list(
            "number", "description", "state", "kind", "channel", "business_uscc", "next_due", "amount_recovered",
            "last_event_hash"):
        digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.mark.django_db
def test_same_seed_same_data_different_seed_different_data():
    reset_cases()
    seed_cases(120, seed=3, anchor=ANCHOR)
    first = fingerprint()
    reset_cases()
    seed_cases(120, seed=3, anchor=ANCHOR)
    assert fingerprint() == first
    reset_cases()
    seed_cases(120, seed=4, anchor=ANCHOR)
    assert fingerprint() != first


@pytest.mark.django_db
def test_seeding_again_adds_cases_with_new_numbers():
    reset_cases()
    seed_cases(60, seed=3, anchor=ANCHOR)
    seed_cases(60, seed=3, anchor=ANCHOR)
    numbers = list(Case.objects.values_list("number", flat=True))
    assert len(numbers) == 120 == len(set(numbers))


@pytest.mark.django_db
def test_generating_in_a_child_process_gives_the_same_data():
    reset_cases()
    seed_cases(150, seed=6, anchor=ANCHOR, parallel=False)
    in_process = fingerprint()
    reset_cases()
    result = seed_cases(150, seed=6, anchor=ANCHOR, parallel=True, batch=40)
    assert result.cases == 150 and result.events > 150
    assert fingerprint() == in_process
