"""Throttling per address: a friendly 429 for people, JSON 429 for the API."""

import pytest
from django.core.cache import cache
from public_helpers import post_complaint


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.WEIQUAN_SMS_VERIFICATION = False
    settings.WEIQUAN_PUBLIC_RATES = {"submit": (2, 3600), "track": (3, 3600)}
    cache.clear()
    yield
    cache.clear()


def test_submissions_are_throttled_per_address(client, db):
    assert post_complaint(client).status_code == 302
    assert post_complaint(client).status_code == 302
    response = post_complaint(client)
    assert response.status_code == 429
    assert "Retry-After" in response
    from django.test import Client

    other = Client(REMOTE_ADDR="10.0.0.9")
    assert post_complaint(other).status_code == 302


def test_tracking_is_throttled(client, db):
    for _ in range(3):
        assert client.post("/track/", {"number": "X", "query_code": "Y"}).status_code == 404
    assert client.post("/track/", {"number": "X", "query_code": "Y"}).status_code == 429


def test_api_answers_429_in_json(client, db):
    for _ in range(3):
        client.get("/api/v1/public/cases/X?query_code=Y")
    response = client.get("/api/v1/public/cases/X?query_code=Y")
    assert response.status_code == 429
    assert "detail" in response.json()
