"""Which column holds which field. The default recognises the Chinese headers of a 12315 export;
a mapping file (JSON) overrides it: {"field": "header" or ["header", …], …, "defaults": {"kind": "complaint"}}."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .readers import ImportFileError

DEFAULT: dict[str, tuple[str, ...]] = {
    "source_number": ("登记编号", "工单编号", "投诉编号", "举报编号", "编号", "number", "case number"),
    "received_at": ("登记时间", "接收时间", "来电时间", "派单时间", "received_at", "received at"),
    "kind": ("类型", "件类型", "信息类型", "诉求类别", "kind"),
    "source_channel": ("渠道", "来源", "来源渠道", "channel"),
    "complainant_name": ("投诉人", "举报人", "姓名", "投诉人姓名", "当事人", "name"),
    "complainant_phone": ("联系电话", "电话", "手机", "投诉人电话", "phone"),
    "complainant_address": ("地址", "投诉人地址", "联系地址", "address"),
    "complainant_id_number": ("证件号码", "身份证号", "身份证号码", "id_number"),
    "business_name": ("被投诉人", "被举报人", "商户名称", "被投诉方", "被投诉单位", "经营者名称", "business"),
    "business_address": ("商户地址", "被投诉人地址", "经营地址", "被投诉方地址", "business address"),
    "business_uscc": ("统一社会信用代码", "信用代码", "uscc"),
    "platform_name": ("平台名称", "电商平台", "网购平台", "platform"),
    "platform_address": ("平台地址", "平台住所地", "平台经营者地址", "platform address"),
    "business_region_code": ("行政区划代码", "区划代码", "region_code"),
    "request": ("诉求", "诉求类型", "投诉诉求", "request"),
    "problem": ("问题类型", "问题分类", "problem"),
    "category": ("商品服务分类", "商品/服务分类", "客体类别", "category"),
    "amount": ("涉及金额", "消费金额", "金额", "amount"),
    "description": ("内容", "问题描述", "投诉内容", "举报内容", "来电内容", "诉求内容", "description"),
    "handling_org": ("处理单位", "承办单位", "办理单位", "handling_org"),
    "state": ("状态", "办理状态", "处理状态", "state"),
    "closed_at": ("办结时间", "结案时间", "closed_at"),
    "amount_recovered": ("挽回经济损失", "挽回金额", "amount_recovered"),
}
FIELDS = tuple(DEFAULT)
_SPACE = re.compile(r"[\s\u3000]+")


def normalise_header(text: str) -> str:
    text = str(text).lstrip("\ufeff").translate(str.maketrans("（）：", "():"))
    return _SPACE.sub("", text).strip(":*").lower()


@dataclass
class Mapping:
    columns: dict[str, int]  # field → column index
    defaults: dict[str, str] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)


def load(path: str | None) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    if not path:
        return DEFAULT, {}
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise ImportFileError(_("The mapping file cannot be read: %(error)s") % {"error": exc}) from None
    if not isinstance(raw, dict):
        raise ImportFileError(_("The mapping file must be a JSON object {field: header}."))
    defaults = raw.pop("defaults", {}) or {}
    unknown = sorted(set(raw) - set(FIELDS)) + sorted(set(defaults) - set(FIELDS))
    if unknown:
        raise ImportFileError(_("Unknown fields in the mapping: %(fields)s. Known: %(known)s.") % {
            "fields": ", ".join(unknown), "known": ", ".join(FIELDS)})
    aliases = dict(DEFAULT)
    for name, headers in raw.items():
        aliases[name] = (headers,) if isinstance(headers, str) else tuple(headers)
    return aliases, {k: str(v) for k, v in defaults.items()}


def build(header: list[str], aliases: dict[str, tuple[str, ...]], defaults: dict[str, str]) -> Mapping:
    index = {}
    for i, name in enumerate(header):
        index.setdefault(normalise_header(name), i)
    columns = {}
    for name, names in aliases.items():
        for alias in names:
            i = index.get(normalise_header(alias))
            if i is not None and i not in columns.values():
                columns[name] = i
                break
    missing = [f for f in ("description", "received_at", "kind") if f not in columns and f not in defaults]
    if missing:
        raise ImportFileError(_("No column found for %(fields)s (headers: %(header)s). Give a mapping file.") % {
            "fields": ", ".join(missing), "header": ", ".join(header[:30])})
    used = set(columns.values())
    return Mapping(columns, defaults, [h for i, h in enumerate(header) if i not in used])
