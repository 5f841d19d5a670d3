"""Django admin for reference data: the pages render for the administrator, and only for staff."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

CHANGELISTS = ["regions_region", "regions_developmentzone", "orgs_organisation", "orgs_user", "orgs_apitoken",
               "cases_business", "cases_case", "cases_caseevent"]


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("name", CHANGELISTS)
def test_changelists_render_for_the_administrator(admin_client, make_case, name):
    make_case()
    response = admin_client.get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["?q=平城", "?q=140213", "?level__exact=3&current=yes", "?current=no"])
def test_regions_can_be_searched_and_filtered(admin_client, query):
    response = admin_client.get(reverse("admin:regions_region_changelist") + query)
    assert response.status_code == 200
    if "平城" in query or "140213" in query:
        assert "140213" in response.content.decode()


def test_organisations_filter_by_kind_and_show_the_tree(admin_client):
    response = admin_client.get(reverse("admin:orgs_organisation_changelist") + "?kind__exact=county&q=平城")
    assert response.status_code == 200
    assert "平城区市场监督管理局" in response.content.decode()


def test_an_organisation_page_edits_its_jurisdiction(admin_client):
    from weiquan.orgs.models import Organisation

    org = Organisation.objects.get(code="140213")
    response = admin_client.get(reverse("admin:orgs_organisation_change", args=[org.pk]))
    assert response.status_code == 200
    assert 'name="jurisdiction"' in response.content.decode()


def test_the_user_page_has_organisation_and_role(admin_client, pingcheng):
    for url in [reverse("admin:orgs_user_change", args=[pingcheng.pk]), reverse("admin:orgs_user_add")]:
        page = admin_client.get(url).content.decode()
        assert 'name="organisation"' in page and 'name="role"' in page


def test_a_case_is_read_only_in_admin(admin_client, make_case):
    case = make_case()
    page = admin_client.get(reverse("admin:cases_case_change", args=[case.pk]))
    assert page.status_code == 200
    assert case.number in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    assert admin_client.get(reverse("admin:cases_case_add")).status_code == 403
    assert admin_client.get(reverse("admin:cases_case_delete", args=[case.pk])).status_code == 403
    before = case.state
    admin_client.post(reverse("admin:cases_case_change", args=[case.pk]), {"state": "closed"})
    case.refresh_from_db()
    assert case.state == before
    event = case.events.first()
    assert admin_client.get(reverse("admin:cases_caseevent_change", args=[event.pk])).status_code == 200
    assert admin_client.get(reverse("admin:cases_caseevent_delete", args=[event.pk])).status_code == 403


def test_creating_a_token_in_admin_shows_the_raw_value_once(admin_client, clerk):
    response = admin_client.post(reverse("admin:orgs_apitoken_add"), {"user": clerk.pk, "name": "监控脚本"},
                                 follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    raw = re.search(r"wq_[A-Za-z0-9_-]{20,}", page).group(0)
    from django.test import Client

    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/cases").status_code == 200
    again = admin_client.get(reverse("admin:orgs_apitoken_changelist")).content.decode()
    assert raw not in again
    assert raw[:8] in again


def test_a_token_is_revoked_from_admin_and_its_last_use_shows(admin_client, clerk):
    from django.test import Client

    from weiquan.orgs.models import ApiToken

    token, raw = ApiToken.issue(clerk, name="集成")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/cases").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    listing = admin_client.get(reverse("admin:orgs_apitoken_changelist")).content.decode()
    assert "field-last_used_at" in listing
    admin_client.post(reverse("admin:orgs_apitoken_changelist"),
                      {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked
    assert api.get("/api/v1/cases").status_code == 401
    assert admin_client.get(reverse("admin:orgs_apitoken_delete", args=[token.pk])).status_code == 403


@pytest.mark.parametrize("name", CHANGELISTS)
def test_a_non_staff_user_is_sent_to_the_login(client, clerk, name):
    client.force_login(clerk)
    response = client.get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_cases_are_searched_in_admin_as_on_the_workbench(admin_client, make_case):
    car = make_case(business_name="大同市平城区龙城汽车销售服务有限公司", complainant_phone="13900002222")
    make_case(business_name="聚源家居优选店")
    url = reverse("admin:cases_case_changelist")
    for term in ("龙城", "大同市平城区龙城", car.number, "139 0000 2222"):
        page = admin_client.get(url, {"q": term}).content.decode()
        assert car.number in page and "聚源家居优选店" not in page, term
    assert "大同市平城区龙城汽车" not in admin_client.get(url, {"q": "汽车销售"}).content.decode()
