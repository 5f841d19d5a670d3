"""The part of a Chinese business name that people remember and search by.

A registered enterprise name is built as 行政区划 + 字号 + 行业 + 组织形式 (企业名称登记管理规定): staff look up
"大同市平城区龙城汽车销售服务有限公司" by typing 龙城. `trade_part` drops the leading division names, so that a
prefix index on what is left answers such searches as it answers searches by the whole name.

Pure: the caller passes the division names to drop (full names such as 大同市, and the short forms worth
dropping such as 山西 or 大同).
"""

from __future__ import annotations

from collections.abc import Container

LONGEST_DIVISION = 12  # characters: 新疆维吾尔自治区 and the longest county names fit
_SEPARATORS = " \u3000·-()（）"
_KEEP = 2  # never leave less than this: a division name followed by one character is itself a name


def trade_part(name: str, divisions: Container[str]) -> str:
    """`name` without its leading division names, the longest first and one after the other, or "" when it
    starts with none (the whole name already starts where a user would start typing)."""
    text = name.strip()
    dropped = False
    while True:
        for size in range(min(LONGEST_DIVISION, len(text) - _KEEP), 1, -1):
            if text[:size] in divisions:
                text = text[size:].lstrip(_SEPARATORS)
                dropped = True
                break
        else:
            return text if dropped else ""
