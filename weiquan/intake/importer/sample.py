"""Synthetic 12315 exports for tests and the benchmark: Chinese headers, a known share of bad rows."""

from __future__ import annotations

import csv
import random
from datetime import datetime, timedelta
from pathlib import Path

HEADER = ["登记编号", "登记时间", "类型", "渠道", "投诉人", "联系电话", "地址", "被投诉人", "商户地址",
          "统一社会信用代码", "诉求", "问题类型", "涉及金额", "内容", "处理单位", "状态"]
COUNTIES = [("大同市", "平城区", "140213"), ("大同市", "云冈区", "140214"), ("太原市", "小店区", "140105"),
            ("太原市", "迎泽区", "140106"), ("长治市", "潞州区", "140403"), ("晋中市", "榆次区", "140702")]
TRADES = [("家具城", "实木衣柜", "柜门开裂"), ("健身房", "年卡", "门店关闭无法退卡"), ("手机店", "手机", "翻新机冒充新机"),
          ("早餐店", "包子", "吃出沙粒"), ("美容院", "美容卡", "老板失联"), ("电器商场", "空调", "安装后不制冷"),
          ("培训学校", "课程", "停课不退费"), ("超市", "牛奶", "过期销售"), ("汽车4S店", "汽车", "新车有维修痕迹"),
          ("旅行社", "旅游团", "擅自更改行程")]
STREETS = ["御河西路", "新建南路", "长风街", "迎泽大街", "英雄中路", "顺城街", "学府街", "太行东街"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
# (how to spoil a row, the words its reason contains)
BAD_KINDS = [("kind", "kind"), ("time", "received_at"), ("phone", "complainant_phone"),
             ("amount", "amount"), ("org", "handling unit"), ("future", "future")]


def rows(n: int, *, bad_every: int = 100, seed: int = 0, prefix: str = "IMP"):
    """Yield (cells, bad kind or None); every `bad_every`-th row is bad."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, 8, 0, 0)
    for i in range(n):
        city, county, org = COUNTIES[(i // len(TRADES)) % len(COUNTIES)]  # every trade in every county
        trade, item, issue = TRADES[i % len(TRADES)]
        shop = f"{city}{county}{rng.choice('金银华新福盛佳乐美鑫')}{rng.choice('源泰达丰安康利和')}{trade}"
        street = f"{city}{county}{rng.choice(STREETS)}{rng.randint(1, 999)}号"
        home = f"{city}{county}{rng.choice(STREETS)}{rng.randint(1, 999)}号{rng.randint(1, 30)}单元"
        received = start + timedelta(minutes=7 * i + rng.randint(0, 6))
        kind = ("投诉", "投诉", "举报", "咨询")[i % 4]
        state = ("已办结", "处理中", "待处理")[i % 3]
        amount = rng.randint(20, 20000)
        text = (f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日在{shop}购买{item}，花费{amount}元，"
                f"{issue}，与商家协商{rng.choice(['未果', '被拒绝', '无人理会', '推诿'])}。")
        cells = [f"{prefix}{i:08d}", received.strftime("%Y-%m-%d %H:%M:%S"), kind, "12315热线",
                 rng.choice(SURNAMES) + rng.choice("伟芳娜敏静强磊军洋勇艳杰涛明超秀英华"), f"1{rng.choice('3578')}{i:09d}"[:11],
                 home, shop, street, "", "退货" if kind == "投诉" else "", "质量问题", str(amount), text, org, state]
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
