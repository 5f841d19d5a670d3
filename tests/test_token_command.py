"""`weiquan token USERNAME` prints a bearer token that the API accepts."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client


def test_token_prints_a_working_bearer_token(db):
    out = io.StringIO()
    call_command("token", "pingcheng", stdout=out)
    token = out.getvalue().strip()
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/cases")
    assert response.status_code == 200


def test_token_for_unknown_user_fails_clearly(db):
    with pytest.raises(CommandError, match="no user"):
        call_command("token", "nobody")
