"""A handler of another county gets 404 — never 403 — on every staff page of a 平城区 case."""

import pytest
from django.test import Client

from weiquan.cases.models import Case


@pytest.fixture
def yungang_client(yungang):
    client = Client()
    client.force_login(yungang)
    return client


def test_case_page_is_404_for_another_county(make_case, yungang_client):
    case = make_case()
    assert yungang_client.get(f"/staff/cases/{case.number}/").status_code == 404


@pytest.mark.parametrize("action", ["accept", "refuse", "mediate", "settle", "return_to_intake", "close"])
def test_every_action_post_is_404_for_another_county(make_case, yungang_client, action):
    case = make_case()
    response = yungang_client.post(f"/staff/cases/{case.number}/act/",
                                   {"action": action, "ground": "out_of_scope", "note": "x"})
    assert response.status_code == 404
    assert Case.objects.get(pk=case.pk).state == "routed"
    assert Case.objects.get(pk=case.pk).event_count == 2


def test_htmx_action_post_is_404_for_another_county(make_case, yungang_client):
    case = make_case()
    response = yungang_client.post(f"/staff/cases/{case.number}/act/", {"action": "accept"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 404


def test_a_missing_case_looks_the_same_as_one_out_of_scope(yungang_client):
    assert yungang_client.get("/staff/cases/14000000000000/").status_code == 404


def test_search_and_my_work_do_not_list_another_countys_case(make_case, yungang_client):
    case = make_case()
    link = f'href="/staff/cases/{case.number}/"'
    assert link not in yungang_client.get("/staff/cases/", {"q": case.number}).content.decode()
    assert link not in yungang_client.get("/staff/cases/").content.decode()
    assert link not in yungang_client.get("/staff/").content.decode()
    assert link not in yungang_client.get("/staff/work/incoming/").content.decode()


def test_the_city_supervisor_above_both_counties_sees_it(make_case, datong):
    case = make_case()
    client = Client()
    client.force_login(datong)
    assert client.get(f"/staff/cases/{case.number}/").status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(make_case):
    case = make_case()
    for url in ("/staff/", f"/staff/cases/{case.number}/", "/staff/cases/", "/staff/intake/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    response = Client().post(f"/staff/cases/{case.number}/act/", {"action": "accept"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).state == "routed"
