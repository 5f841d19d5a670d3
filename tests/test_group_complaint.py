"""Many complainants against one business about the same issue within a week → one group complaint
(群体投诉, Art. 12) linking their cases, handled jointly."""

from weiquan.triage.models import Triage, TriageGroup

STORIES = [
    "去年在力美健身房办理年卡3680元，近日门店突然关闭，老板联系不上，要求退还剩余费用。",
    "力美健身办了私教课还剩20节，门店关门跑路了，退费无门。",
    "我在该健身房充值5000元，现在停业了，要求退卡退费。",
    "健身房突然关闭，年卡才用了两个月，请协调退还未消费金额。",
    "门店贴出停业通知，会员卡里的钱不退，老板电话打不通。",
    "力美健身房跑路，我的季卡没用完，要求退费。",
]


def _complain(make_case, i, business="大同市平城区力美健身房"):
    return make_case(route_to="", description=STORIES[i], complainant_name=f"会员{i}",
                     complainant_phone=f"1390000{i:04d}", complainant_address=f"大同市平城区小区{i}号",
                     business_name=business, request="退费")


def test_five_complainants_against_one_gym_form_a_group(make_case):
    cases = [_complain(make_case, i) for i in range(5)]
    group = TriageGroup.objects.get()
    assert group.complainants == 5 and group.issue == "contract"
    assert set(Triage.objects.filter(group=group).values_list("case_id", flat=True)) == {c.pk for c in cases}
    sixth = _complain(make_case, 5)
    assert Triage.objects.get(case=sixth).group_id == group.pk
    group.refresh_from_db()
    assert group.size == 6


def test_four_complainants_are_not_yet_a_group(make_case):
    for i in range(4):
        _complain(make_case, i)
    assert not TriageGroup.objects.exists()


def test_complaints_against_different_businesses_are_not_a_group(make_case):
    for i in range(5):
        _complain(make_case, i, business=f"健身房{i}号店")
    assert not TriageGroup.objects.exists()
