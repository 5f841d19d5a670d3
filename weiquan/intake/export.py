"""Streaming exports of the cases a user may see: CSV or XLSX, keyset batches, personal data masked
unless asked for and permitted. The headers are those `weiquan import` recognises, so an export can be
imported elsewhere."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from weiquan.cases.presenters import party
from weiquan.cases.selectors import cases_visible_to
from weiquan.lib import masking, workflow
from weiquan.orgs.models import Organisation

LOCAL = ZoneInfo("Asia/Shanghai")
BATCH = 2000
HEADER = ["登记编号", "登记时间", "类型", "渠道", "投诉人", "联系电话", "地址", "被投诉人", "商户地址",
          "统一社会信用代码", "行政区划代码", "诉求", "问题类型", "商品服务分类", "涉及金额", "内容", "处理单位",
          "处理单位名称", "状态", "环节", "办结时间", "处理结果", "挽回经济损失", "平台名称", "平台地址"]
KIND_LABELS = {workflow.COMPLAINT: "投诉", workflow.REPORT: "举报", workflow.CONSULTATION: "咨询"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    pass


@dataclass
class Filters:
    kind: str = ""
    state: str = ""
    org: str = ""  # organisation code: cases handled in its subtree
    date_from: date | None = None
    date_to: date | None = None


def may_see_personal_data(user) -> bool:
    return bool(user and getattr(user, "sees_personal_data", False))


def queryset(user, filters: Filters):
    qs = cases_visible_to(user)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.org:
        org = Organisation.objects.filter(code=filters.org).first()
        if org is None:
            raise ExportError(_("No organisation with code %(code)s.") % {"code": filters.org})
        qs = qs.filter(handling_org__path__startswith=org.path)
    if filters.date_from:
        qs = qs.filter(received_on__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(received_on__lte=filters.date_to)
    return qs


def _safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _local(at: datetime | None) -> str:
    return at.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M:%S") if at else ""


def _status(state: str) -> str:
    if state == workflow.CLOSED:
        return "已办结"
    return "待处理" if state == workflow.RECEIVED else "处理中"


def rows(user, filters: Filters, *, personal: bool = False) -> Iterator[list[str]]:
    """The header, then one list of cells per case, read in keyset batches (never all rows at once)."""
    if personal and not may_see_personal_data(user):
        raise ExportError(_("This account may not export personal data."))
    qs = queryset(user, filters).select_related("handling_org").order_by("id")
    yield HEADER
    last = 0
    while True:
        batch = list(qs.filter(id__gt=last)[:BATCH])
        if not batch:
            return
        last = batch[-1].id
        for case in batch:
            if personal:
                person = party(case, user)
            else:
                person = {"name": masking.mask_name(case.complainant_name),
                          "phone": masking.mask_phone(case.complainant_phone),
                          "address": masking.mask_address(case.complainant_address)}
            yield [_safe(v) for v in (
                case.number, _local(case.received_at), KIND_LABELS.get(case.kind, case.kind), case.channel,
                person["name"], person["phone"], person["address"], case.business_name, case.business_address,
                case.business_uscc, case.business_region_id or "", case.request, case.problem, case.category,
                case.amount if case.amount is not None else "", case.description, case.handling_org.code,
                case.handling_org.name, _status(case.state), case.state, _local(case.closed_at), case.outcome,
                case.amount_recovered, case.platform_name, case.platform_address)]


class _Echo:
    def write(self, value):
        return value


def csv_chunks(row_iter: Iterator[list[str]]) -> Iterator[str]:
    """CSV text in chunks (UTF-8 with BOM so that Excel opens Chinese correctly)."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    buffer = io.StringIO()
    chunk = csv.writer(buffer)
    for n, row in enumerate(row_iter, start=1):
        chunk.writerow(row)
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
    del writer


def write_file(path: str, row_iter: Iterator[list[str]], fmt: str) -> int:
    """Write to a file; returns the number of cases written."""
    count = -1
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("cases")
        for row in row_iter:
            sheet.append(row)
            count += 1
        book.save(path)
    else:
        with open(path, "w", encoding="utf-8", newline="") as f:
            for part in csv_chunks(_counting(row_iter, counter := [0])):
                f.write(part)
        count = counter[0] - 1
    return max(count, 0)


def _counting(iterator, counter):
    for item in iterator:
        counter[0] += 1
        yield item
