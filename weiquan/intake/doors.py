"""Department hand-over (unified collection at the 12315 centre) and service-station settlements."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from weiquan.cases.models import Case
from weiquan.cases.services import ActionInput, IntakeData, apply_action, register_case
from weiquan.lib.workflow import WorkflowError
from weiquan.orgs.models import Organisation


def _org_of_kind(user, kind: str) -> Organisation:
    org = getattr(user, "organisation", None)
    if org is None or org.kind != kind:
        raise WorkflowError(_("Only staff of a %(kind)s can do this.") % {
            "kind": Organisation.Kind(kind).label}, status=403)
    return org


def may_hand_over(user) -> bool:
    return bool(user.is_authenticated and getattr(user.organisation, "kind", None) == Organisation.Kind.DEPARTMENT)


def may_record_station(user) -> bool:
    return bool(user.is_authenticated and getattr(user.organisation, "kind", None) == Organisation.Kind.STATION)


def hand_over(user, data: IntakeData) -> Case:
    """A complaint or report a department received directly becomes a case at the provincial 12315 centre
    (unified collection); the department is recorded in the register event."""
    department = _org_of_kind(user, Organisation.Kind.DEPARTMENT)
    centre = Organisation.objects.get(code=f"{settings.WEIQUAN_PROVINCE_CODE}-12315")
    data.channel = Case.Channel.DEPARTMENT
    data.route_to = ""
    data.extra = {**data.extra, "department": department.code, "department_name": department.name}
    return register_case(user, data, intake_org=centre)


def station_bureau(station: Organisation) -> Organisation | None:
    """The bureau a service station works under: its nearest ancestor that handles cases."""
    ids = [int(i) for i in station.path.strip("/").split("/") if i][:-1]
    ancestors = {o.pk: o for o in Organisation.objects.filter(pk__in=ids, kind__in=Organisation.HANDLING_KINDS)}
    for pk in reversed(ids):
        if pk in ancestors:
            return ancestors[pk]
    return None


@transaction.atomic
def record_station_settlement(user, data: IntakeData, *, amount_recovered: Decimal | str | None,
                              note: str = "") -> Case:
    """A dispute settled on the spot: registered at the station, routed to its bureau, accepted, mediated,
    settled with the money recovered and closed — every step through the services, in one transaction."""
    station = _org_of_kind(user, Organisation.Kind.STATION)
    bureau = station_bureau(station)
    if bureau is None:
        raise WorkflowError(_("This service station is not attached to a bureau."), status=409)
    data.kind = "complaint"
    data.channel = Case.Channel.STATION
    data.route_to = bureau.code
    data.extra = {**data.extra, "station": station.code, "station_name": station.name}
    case = register_case(user, data, intake_org=station)
    note = note or _("Settled on the spot at the service station.")
    for action in ("accept", "mediate"):
        case = apply_action(user, case, ActionInput(action=action), check_scope=False)
    case = apply_action(user, case, ActionInput(action="settle", amount_recovered=amount_recovered, note=note),
                        check_scope=False)
    return apply_action(user, case, ActionInput(action="close"), check_scope=False)
