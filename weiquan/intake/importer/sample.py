"""Synthetic 12315 exports for tests and the benchmark: Chinese headers, a known share of bad rows."""

from __future__ import annotations

import csv
import random
from datetime import datetime, timedelta
from pathlib import Path

HEADER = ["登记编号", "登记时间", "类型", "渠道", "投诉人", "联系电话", "地址", "被投诉人", "商户地址",
          "统一社会信用代码", "诉求", "问题类型", "涉及金额", "内容", "处理单位", "状态"]
BUSINESSES = [("大同市平城区红旗家具城", "大同市平城区御河西路168号", "140213"),
              ("太原市小店区某健身房", "太原市小店区长风街8号", "140105"),
              ("大同市云冈区某手机店", "大同市云冈区新平旺街3号", "140214")]
TEXTS = ["在该家具城购买实木衣柜，两个月后柜门开裂，商家拒绝退换。", "办理健身年卡3680元，门店突然关闭，老板联系不上。",
         "购买二手手机，商家承诺原装，使用后发现是拆修机。", "购买包子发现有沙粒，商家未作处理。"]
# (how to spoil a row, the words its reason contains)
BAD_KINDS = [("kind", "kind"), ("time", "received_at"), ("phone", "complainant_phone"),
             ("amount", "amount"), ("org", "handling unit"), ("future", "future")]


def rows(n: int, *, bad_every: int = 100, seed: int = 0, prefix: str = "IMP"):
    """Yield (cells, bad kind or None); every `bad_every`-th row is bad."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, 8, 0, 0)
    for i in range(n):
        name, address, org = BUSINESSES[i % len(BUSINESSES)]
        received = start + timedelta(minutes=7 * i + rng.randint(0, 6))
        kind = ("投诉", "投诉", "举报", "咨询")[i % 4]
        state = ("已办结", "处理中", "待处理")[i % 3]
        cells = [f"{prefix}{i:08d}", received.strftime("%Y-%m-%d %H:%M:%S"), kind, "12315热线",
                 f"张{i % 97}", f"139{i:08d}"[:11], "大同市平城区新建南路1号", name, address, "",
                 "退货" if kind == "投诉" else "", "质量问题", str(100 + i % 5000), TEXTS[i % len(TEXTS)],
                 org, state]
        bad = None
        if bad_every and i % bad_every == bad_every - 1:
            bad = BAD_KINDS[(i // bad_every) % len(BAD_KINDS)][0]
            if bad == "kind":
                cells[2] = "表扬"
            elif bad == "time":
                cells[1] = "去年春天"
            elif bad == "phone":
                cells[5] = "12345"
            elif bad == "amount":
                cells[12] = "六百元"
            elif bad == "org":
                cells[14] = "不存在的单位"
            elif bad == "future":
                cells[1] = "2199-01-01 10:00:00"
        yield cells, bad


def write_csv(path: Path, n: int, *, bad_every: int = 100, encoding: str = "utf-8", seed: int = 0,
              prefix: str = "IMP") -> dict:
    """Write the file; returns {"good": …, "bad": {row number: kind}}."""
    bad_rows = {}
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for i, (cells, bad) in enumerate(rows(n, bad_every=bad_every, seed=seed, prefix=prefix)):
            writer.writerow(cells)
            if bad:
                bad_rows[i + 2] = bad
    return {"good": n - len(bad_rows), "bad": bad_rows}
