"""Who sees which case: handled inside the user's organisation subtree, or registered by the user's
organisation. Everything else does not exist for the user."""

import pytest
from django.contrib.auth.models import AnonymousUser

from weiquan.cases import selectors
from weiquan.cases.services import ActionInput, apply_action
from weiquan.cases.services.errors import NotVisible
from weiquan.orgs.models import Organisation, User

SEES_PINGCHENG_CASE = {"pingcheng": True, "datong": True, "admin": True, "clerk": True, "analyst": True,
                       "yungang": False, "taiyuan": False, "odr": False, "hotline12345": False}


def user(username):
    return User.objects.select_related("organisation").get(username=username)


@pytest.mark.parametrize(("username", "sees"), SEES_PINGCHENG_CASE.items())
def test_a_case_handled_in_pingcheng(make_case, username, sees):
    case = make_case()  # registered by the provincial centre, handled by the 平城区 bureau
    viewer = user(username)
    assert selectors.cases_visible_to(viewer).filter(pk=case.pk).exists() is sees
    assert selectors.is_visible(viewer, case) is sees
    if sees:
        assert selectors.case_for(viewer, case.number) == case
    else:
        with pytest.raises(NotVisible):
            selectors.case_for(viewer, case.number)


def test_a_case_registered_by_a_bureau_stays_visible_to_it_after_routing(make_case, pingcheng):
    case = make_case(actor=pingcheng, channel="visit", route_to="140214")
    expected = {"pingcheng": True, "yungang": True, "datong": True, "clerk": False, "taiyuan": False}
    assert {name: selectors.is_visible(user(name), case) for name in expected} == expected
    assert {name: selectors.cases_visible_to(user(name)).filter(pk=case.pk).exists() for name in expected} == expected


def test_a_field_office_sees_its_own_cases_and_its_bureau_sees_them_too(make_case, admin_user):
    office = Organisation.objects.get(code="140213-S01")
    officer = User.objects.create_user("s01", password="x" * 12, role="handler", organisation=office)
    bureau_case = make_case()
    office_case = apply_action(admin_user, make_case(), ActionInput("transfer", org="140213-S01"))
    assert list(selectors.cases_visible_to(officer).filter(pk__in=[bureau_case.pk, office_case.pk])) == [office_case]
    assert selectors.cases_visible_to(user("pingcheng")).filter(pk=office_case.pk).exists()


def test_the_intake_unit_no_longer_acts_on_what_it_routed(make_case, clerk, pingcheng):
    routed = make_case()
    at_intake = make_case(route_to=None)
    assert set(selectors.open_work(clerk).filter(pk__in=[routed.pk, at_intake.pk])) == {at_intake}
    assert set(selectors.open_work(pingcheng).filter(pk__in=[routed.pk, at_intake.pk])) == {routed}


def test_nobody_in_particular_sees_nothing(make_case):
    case = make_case()
    loose = User.objects.create_user("loose", password="x" * 12, role="supervisor")
    for viewer in (None, AnonymousUser(), loose):
        assert not selectors.cases_visible_to(viewer).exists()
        assert selectors.is_visible(viewer, case) is False
        with pytest.raises(NotVisible):
            selectors.case_for(viewer, case.number)


def test_an_unknown_number_is_not_visible_either(pingcheng):
    with pytest.raises(NotVisible):
        selectors.case_for(pingcheng, "14990101000001")
