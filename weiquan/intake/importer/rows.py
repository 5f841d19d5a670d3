"""One source row → what the registration service would be given, or the reason it is rejected."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from weiquan.cases.services.registration import IntakeData
from weiquan.cases.services.validation import check_intake
from weiquan.lib import workflow

from .mapping import Mapping

LOCAL = ZoneInfo("Asia/Shanghai")
EARLIEST = datetime(2000, 1, 1, tzinfo=LOCAL)

KINDS = {"投诉": workflow.COMPLAINT, "举报": workflow.REPORT, "咨询": workflow.CONSULTATION,
         "complaint": workflow.COMPLAINT, "report": workflow.REPORT, "consultation": workflow.CONSULTATION,
         "投诉件": workflow.COMPLAINT, "举报件": workflow.REPORT, "咨询件": workflow.CONSULTATION}
OPEN_WORDS = ("处理中", "办理中", "已分派", "已转办", "已分流", "待受理", "已受理", "调解中", "核查中", "routed")
NEW_WORDS = ("", "待处理", "待分派", "已登记", "新建", "未处理", "received")
CLOSED_WORDS = ("办结", "已办结", "已完成", "完成", "已关闭", "关闭", "结案", "已结案", "已答复", "closed")
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d",
                "%Y/%m/%d", "%Y%m%d%H%M%S", "%Y%m%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M")
_CN_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?)?")
_AMOUNT_JUNK = re.compile(r"[,，\s元￥¥]")


class RowError(Exception):
    """Why a row is rejected; `field` names the field at fault (a mapping field name) when there is one."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


@dataclass
class Parsed:
    row: int
    key: str
    data: IntakeData
    state: str  # received | routed | closed
    handling_org: str  # organisation code ("" = stays at the intake unit)
    closed_at: datetime | None
    amount_recovered: Decimal
    source: dict
    day: date | None = None


_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／：", "0123456789-/:")


def parse_time(value, label: str) -> datetime | None:
    if value in ("", None):
        return None
    if isinstance(value, datetime):
        at = value
    elif isinstance(value, date):
        at = datetime.combine(value, time(9, 0))
    else:
        text = str(value).strip().translate(_FULL_WIDTH)
        at = None
        match = _CN_DATE.match(text)
        if match:
            y, m, d, hh, mm, ss = (int(g) if g else 0 for g in match.groups())
            try:
                at = datetime(y, m, d, hh, mm, ss)
            except ValueError:
                at = None
        else:
            try:
                at = datetime.fromisoformat(text)
            except ValueError:
                for fmt in DATE_FORMATS:
                    try:
                        at = datetime.strptime(text, fmt)
                        break
                    except ValueError:
                        continue
        if at is None:
            raise RowError(_("%(field)s: not a date and time: “%(value)s”") % {"field": label, "value": text[:40]}, label)
    if timezone.is_naive(at):
        at = at.replace(tzinfo=LOCAL)
    return at


def parse_amount(value, label: str) -> Decimal | None:
    if value in ("", None):
        return None
    text = _AMOUNT_JUNK.sub("", str(value))
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise RowError(_("%(field)s: not an amount of money: “%(value)s”") % {"field": label,
                                                                               "value": str(value)[:40]}, label) from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
        raise RowError(_("%(field)s: not an amount of money of zero or more") % {"field": label}, label)
    return amount.quantize(Decimal("0.01"))


def row_key(number: str, cells: list) -> str:
    if number:
        return "n:" + number[:76]
    digest = hashlib.sha256("\x1f".join(str(c).strip() for c in cells).encode("utf-8", "replace")).hexdigest()
    return "h:" + digest[:64]


def _state(raw: str, handling_org: str) -> str:
    text = raw.strip()
    if text in CLOSED_WORDS or text.startswith(("已办结", "办结")) or text.endswith("办结"):
        return workflow.CLOSED
    if text in OPEN_WORDS:
        if not handling_org:
            raise RowError(_("state “%(state)s” needs the handling unit (处理单位)") % {"state": text}, "state")
        return workflow.ROUTED
    if text in NEW_WORDS:
        return workflow.ROUTED if handling_org else workflow.RECEIVED
    raise RowError(_("unknown state “%(state)s”") % {"state": text[:40]}, "state")


def parse(number: int, cells: list, mapping: Mapping, orgs: dict[str, str], now: datetime) -> Parsed:
    """`orgs` maps organisation codes and names to codes."""
    width = len(cells)
    values = {name: cells[i] for name, i in mapping.columns.items() if i < width}
    for name, value in mapping.defaults.items():
        if values.get(name) in ("", None):
            values[name] = value
    values = {name: value.strip() if isinstance(value, str) else value for name, value in values.items()}
    get = values.get

    source_number = str(get("source_number", ""))
    kind_raw = str(get("kind", ""))
    kind = KINDS.get(kind_raw.strip().lower()) or KINDS.get(kind_raw.strip())
    if kind is None:
        raise RowError(_("kind: “%(value)s” is not 投诉, 举报 or 咨询") % {"value": kind_raw[:20]}, "kind")
    received_at = parse_time(get("received_at", ""), "received_at")
    if received_at is None:
        raise RowError(_("received_at: missing"), "received_at")
    if received_at > now + timezone.timedelta(minutes=5):
        raise RowError(_("received_at: lies in the future"), "received_at")
    if received_at < EARLIEST:
        raise RowError(_("received_at: before the year 2000"), "received_at")
    org_raw = str(get("handling_org", ""))
    handling_org = ""
    if org_raw:
        handling_org = orgs.get(org_raw, "")
        if not handling_org:
            raise RowError(_("handling unit: no organisation with code or name “%(value)s”") % {"value": org_raw[:60]}, "handling_org")
    state = _state(str(get("state", "")), handling_org)
    closed_at = parse_time(get("closed_at", ""), "closed_at") if state == workflow.CLOSED else None
    if closed_at is not None and closed_at < received_at:
        raise RowError(_("closed_at: before the time received"), "closed_at")
    recovered = parse_amount(get("amount_recovered", ""), "amount_recovered") or Decimal("0")
    data = IntakeData(
        kind=kind, channel="import", description=str(get("description", "")), received_at=received_at,
        complainant_name=str(get("complainant_name", "")), complainant_phone=str(get("complainant_phone", "")),
        complainant_address=str(get("complainant_address", "")),
        complainant_id_number=str(get("complainant_id_number", "")),
        business_name=str(get("business_name", "")), business_uscc=str(get("business_uscc", "")),
        business_address=str(get("business_address", "")), business_region_code=str(get("business_region_code", "")),
        platform_name=str(get("platform_name", "")), platform_address=str(get("platform_address", "")),
        category=str(get("category", "")), problem=str(get("problem", "")), request=str(get("request", "")),
        amount=parse_amount(get("amount", ""), "amount"),
    )
    errors = check_intake(data)
    if errors:
        raise RowError("; ".join(f"{k}: {v}" for k, v in errors.items()), "+".join(errors))
    source = {"source_number": source_number, "source_channel": str(get("source_channel", ""))[:50],
              "source_state": str(get("state", ""))[:50]}
    return Parsed(number, row_key(source_number, cells), data, state, handling_org, closed_at, recovered, source)
