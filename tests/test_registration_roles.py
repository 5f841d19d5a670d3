"""Only intake roles register cases; an analyst or an ODR account is refused by the service itself."""

import pytest

from weiquan.cases.models import Case
from weiquan.cases.services import IntakeData, register_case
from weiquan.lib.workflow import WorkflowError


def _data():
    return IntakeData(kind="consultation", channel="phone", description="过期食品能退吗？")


@pytest.mark.parametrize("username", ["analyst", "odr"])
def test_roles_without_intake_are_refused(db, username):
    from weiquan.orgs.models import User

    before = Case.objects.count()
    with pytest.raises(WorkflowError) as refused:
        register_case(User.objects.get(username=username), _data())
    assert refused.value.status == 403
    assert Case.objects.count() == before


def test_clerk_registers(clerk):
    assert register_case(clerk, _data()).state == "received"
