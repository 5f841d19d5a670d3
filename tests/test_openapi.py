"""The OpenAPI document at /api/v1/openapi.json describes every endpoint of the contract truthfully."""

from __future__ import annotations

import pytest

CONTRACT = {
    ("post", "/api/v1/cases"): "201",
    ("get", "/api/v1/cases"): "200",
    ("get", "/api/v1/cases/{number}"): "200",
    ("post", "/api/v1/cases/{number}/transitions"): "200",
    ("get", "/api/v1/cases/{number}/events"): "200",
    ("get", "/api/v1/orgs"): "200",
    ("get", "/api/v1/calendar/due"): "200",
}


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(("method", "path"), list(CONTRACT))
def test_every_contract_endpoint_is_documented_with_its_errors(schema, method, path):
    operation = schema["paths"][path][method]
    statuses = set(operation["responses"])
    assert CONTRACT[(method, path)] in statuses
    assert "422" in statuses
    if method == "post":
        assert {"400", "413"} <= statuses


@pytest.mark.parametrize(("method", "path"), [k for k in CONTRACT if "cases" in k[1]])
def test_case_endpoints_require_a_bearer_token(schema, method, path):
    assert schema["paths"][path][method]["security"]
    scheme = next(iter(schema["components"]["securitySchemes"].values()))
    assert scheme["scheme"] == "bearer"


def test_the_case_schema_has_the_contract_keys(schema):
    case = schema["components"]["schemas"]["CaseOut"]["properties"]
    assert {"number", "kind", "channel", "received_at", "state", "complainant", "business", "description",
            "request", "amount", "category", "problem", "handling_org", "clocks", "outcome",
            "amount_recovered"} <= set(case)


def test_actions_are_listed_in_the_schema(schema):
    body = schema["components"]["schemas"]["TransitionIn"]["properties"]["action"]
    assert {"accept", "refuse", "settle", "terminate", "route", "reopen"} <= set(body["enum"])


def test_the_docs_page_is_served(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "openapi.json" in page
    assert "/static/ninja/swagger-ui-bundle.js" in page, "Swagger UI from our own static files"
    assert "cdn." not in page and "unpkg" not in page, "no CDN: the CSP allows scripts from 'self' only"
