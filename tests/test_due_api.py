"""GET /api/v1/calendar/due: Art. 45 due dates for anyone; bad input is a 422 with a JSON detail, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db
URL = "/api/v1/calendar/due"


def get(**params):
    response = Client().get(URL, params)
    assert response["Content-Type"].startswith("application/json")
    return response


def test_seven_working_days_across_national_day_2026():
    response = get(start="2026-09-28", working_days=7)
    assert response.status_code == 200
    assert response.json() == {"due": "2026-10-13", "provisional": False}


def test_a_make_up_saturday_counts_as_a_working_day():
    assert get(start="2026-09-28", working_days=5).json()["due"] == "2026-10-10"


def test_natural_days_ending_in_a_holiday_move_to_the_next_working_day():
    # 2026-09-28 + 5 days = 10-03 (National Day) → 10-08
    assert get(start="2026-09-28", days=5).json() == {"due": "2026-10-08", "provisional": False}
    assert get(start="2026-09-28", days=2).json() == {"due": "2026-09-30", "provisional": False}


def test_sixty_days_of_mediation():
    assert get(start="2026-04-15", days=60).json() == {"due": "2026-06-15", "provisional": False}


def test_a_due_date_beyond_the_known_calendar_is_provisional_not_an_error():
    response = get(start="2026-12-30", working_days=7)
    assert response.status_code == 200
    assert response.json() == {"due": "2027-01-08", "provisional": True}


def test_zero_is_the_start_day():
    assert get(start="2026-10-03", working_days=0).json()["due"] == "2026-10-03"


@pytest.mark.parametrize("params", [
    {"start": "2026-09-28"},                                    # neither
    {"start": "2026-09-28", "working_days": 7, "days": 7},      # both
    {"start": "2026-09-28", "working_days": -1},
    {"start": "2026-09-28", "days": -5},
    {"start": "2026-09-28", "days": 100000},
    {"start": "2026-09-28", "working_days": "seven"},
    {"start": "2026-09-28", "working_days": "7.5"},
    {"start": "2026-09-28", "working_days": ""},
    {"start": "garbage", "working_days": 7},
    {"start": "2026-02-30", "working_days": 7},
    {"start": "", "working_days": 7},
    {"working_days": 7},
    {"start": "0001-01-01", "days": 3650},
    {"start": "9999-12-31", "days": 3650},
    {"start": "9999-12-31", "working_days": 3650},
    {"start": "2026-09-28\x00", "working_days": 7},
    {"start": "2026-09-28T10:00:00+08:00", "working_days": 7},
    {"start": "2026-09-28", "working_days": "9" * 40},
])
def test_bad_input_is_a_422_with_a_detail(params):
    response = get(**params)
    assert response.status_code == 422, response.content
    assert "detail" in response.json()


def test_no_token_needed_and_a_token_does_no_harm(api_as, clerk):
    assert api_as(clerk).get(URL, {"start": "2026-09-28", "working_days": 7}).json()["due"] == "2026-10-13"


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(
    st.sampled_from(["start", "working_days", "days", "other"]),
    st.one_of(st.text(max_size=30), st.integers(min_value=-10**6, max_value=10**6).map(str),
              st.dates().map(str)),
    max_size=4))
def test_whatever_the_query_the_answer_is_json_and_never_a_server_error(params):
    response = Client().get(URL, params)
    assert response.status_code in (200, 422), (params, response.content)
    body = response.json()
    assert ("due" in body) if response.status_code == 200 else ("detail" in body)
