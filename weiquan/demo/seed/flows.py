"""How each kind of case goes on after registration: the decisions, their timing and their outcomes.

Rates are those of a typical provincial year: about 55 % of accepted complaints settled, the rest
terminated; some refused with a ground, some withdrawn; most reports not filed; consultations
answered at once. A few cases stall so that today's work lists have overdue items.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from weiquan.lib import workflow

from .lifecycle import Actor, Life, local_date, office_time, working_day_after

REFUSALS = (("out_of_scope", 3), ("handled_elsewhere", 2), ("not_for_consumption", 2), ("time_barred", 1),
            ("incomplete_or_false", 4), ("identity", 1), ("other_law", 1))
TERMINATIONS = (("absent_or_refused", 5), ("no_agreement_possible", 6), ("withdrawn_or_settled", 2),
                ("testing_cost_dispute", 1), ("time_limit", 1), ("inadmissible_found", 1), ("party_ceased", 1),
                ("other_law", 1))
REFUSAL_NOTES = {
    "out_of_scope": "该诉求不属于市场监督管理部门职责范围，已告知向有关部门反映。",
    "handled_elsewhere": "该投诉已由其他市场监管部门受理。", "not_for_consumption": "投诉人购买商品用于经营，非生活消费。",
    "time_barred": "超过法定投诉期限。", "incomplete_or_false": "投诉材料不全，经告知后未补正。",
    "identity": "无法核实投诉人真实身份。", "other_law": "依法应由其他途径解决。",
}
NOTICE_NOTES = ("已电话告知举报人处理结果。", "已通过短信告知举报人是否立案的决定。", "已书面告知举报人处理决定。")
TERMINATION_NOTES = {
    "absent_or_refused": "被投诉人拒绝调解。", "no_agreement_possible": "双方分歧较大，无法达成调解协议。",
    "withdrawn_or_settled": "消费者撤回投诉。", "testing_cost_dispute": "双方对检测费用承担无法达成一致。",
    "time_limit": "超过调解期限未达成协议。", "inadmissible_found": "调解中发现不符合受理条件。",
    "party_ceased": "经营者已注销。", "other_law": "依法终止调解。",
}
NOT_FILED_NOTES = ("经核查，未发现违法行为。", "举报内容与事实不符。", "违法行为轻微并及时改正，依法不予立案。",
                   "已责令整改，不予立案。", "证据不足，不予立案。")


def pick(rng: random.Random, weighted) -> str:
    total = sum(w for _, w in weighted)
    x = rng.random() * total
    for value, weight in weighted:
        x -= weight
        if x < 0:
            return value
    return weighted[-1][0]


class Flow:
    """Runs one case's life after registration. `ctx` holds the actors, orgs and calendar."""

    def __init__(self, rng: random.Random, life: Life, calendar, clerk: Actor, handler: Actor,
                 org: tuple[int, str], stall: bool):
        self.rng, self.life, self.calendar = rng, life, calendar
        self.clerk, self.handler, self.org, self.stall = clerk, handler, org, stall
        # Rare steps added after the first release (recusal, police referral, telling the reporter) draw
        # from their own stream, so that adding one does not reshuffle the rest of a seeded province.
        self.rare = random.Random(life.number)

    def later(self, at, working_days: int, rng: random.Random | None = None):
        day = working_day_after(self.calendar, local_date(at), working_days)
        return office_time(rng or self.rng, day, not_before=at)

    def days_later(self, at, days: int):
        day = local_date(at) + timedelta(days=days)
        return office_time(self.rng, day, not_before=at)

    def route(self, at) -> object | None:
        rng = self.rng
        when = at if rng.random() < 0.6 else self.later(at, rng.choice((0, 0, 1)))
        ok = self.life.act(when, self.clerk, "route", org_id=self.org[0], org_code=self.org[1])
        return when if ok else None

    def close(self, at, actor: Actor, max_days: int = 3) -> None:
        self.life.act(self.later(at, self.rng.randint(0, max_days)), actor, "close")

    # --- complaints --------------------------------------------------------------------------------
    def complaint(self, at, out_of_scope: bool, amount: Decimal | None, fraud: bool) -> None:
        rng, life, h = self.rng, self.life, self.handler
        at = self.route(at)
        if at is None or self.stall_here(0.35):
            return
        if rng.random() < 0.04:  # withdrawn before the decision: the clocks are void
            when = self.later(at, rng.randint(1, 5))
            if life.act(when, h, "withdraw", note="消费者与商家自行和解，撤回投诉。"):
                self.close(when, h)
            return
        breach = rng.random() < 0.04
        decided = self.later(at, rng.randint(8, 14) if breach else rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6, 7)))
        if out_of_scope or rng.random() < 0.11:
            ground = "out_of_scope" if out_of_scope else pick(rng, REFUSALS)
            if ground == "identity" and life.rule_version != workflow.ORDER_121:
                ground = "incomplete_or_false"
            if life.act(decided, h, "refuse", ground=ground, note=REFUSAL_NOTES[ground]):
                self.close(decided, h)
            return
        if not life.act(decided, h, "accept"):
            return
        at = decided
        mediated = rng.random() < 0.85  # settling needs mediation; some are terminated straight away
        if mediated:
            at = self.later(at, rng.choice((0, 0, 1, 2)))
            if not life.act(at, h, "mediate"):
                return
            if rng.random() < 0.04:
                at = self.later(at, rng.randint(1, 5))
                if not life.act(at, h, "pause", note=rng.choice(("委托检测机构对商品质量进行检测。", "申请司法鉴定。"))):
                    return
                at = self.days_later(at, rng.randint(5, 25))
                if not life.act(at, h, "resume", note="检测报告已出具。"):
                    return
            elif self.rare.random() < 0.01:  # a party challenges a mediator (Art. 21): suspended until decided
                rare = self.rare
                at = self.later(at, rare.randint(1, 5), rare)
                if not life.act(at, h, "request_recusal", note=rare.choice((
                        "被投诉人申请调解人员回避，称其与投诉人系亲属。", "投诉人申请调解人员回避，称其与商家负责人相识。"))):
                    return
                at = self.later(at, rare.randint(1, 3), rare)
                granted = rare.random() < 0.5
                if not life.act(at, h, "grant_recusal" if granted else "refuse_recusal", note=(
                        "经局负责人决定，调解人员回避，改由其他工作人员主持调解。" if granted
                        else "经局负责人审查，申请理由不成立，决定不予回避。")):
                    return
        if self.stall_here(0.6):
            return
        mediation = [c for c in life.clocks if c.kind == "mediation"][-1]
        span = (mediation.due - local_date(at)).days
        if rng.random() < 0.04:
            end = self.days_later(at, span + rng.randint(1, 20))
        else:
            end = self.days_later(at, rng.randint(1, max(1, min(span, 45))))
        base = amount if amount else Decimal(rng.randint(100, 3000))
        if mediated and rng.random() < 0.64:
            share = Decimal(rng.choice((100, 100, 100, 80, 60, 50, 300 if fraud else 100))) / 100
            recovered = (base * share).quantize(Decimal("0.01"))
            if not life.act(end, h, "settle", amount=recovered, note="经调解，双方达成一致。"):
                return
            if rng.random() < 0.02:
                life.act(self.later(end, 1), h, "file_case", ref=self.enforcement_ref(end))
            self.close(end, h)
        else:
            ground = pick(rng, TERMINATIONS)
            if ground == "party_ceased" and life.rule_version != workflow.ORDER_121:
                ground = "absent_or_refused"
            if ground == "inadmissible_found" and self.rare.random() < 0.3:  # extortion by the filer (Art. 42)
                if not life.act(end, h, "refer_to_police", note="投诉人以曝光相威胁索要高额赔偿，涉嫌敲诈勒索，"
                                                                  "已移送公安机关。"):
                    return
            if not life.act(end, h, "terminate", ground=ground, note=TERMINATION_NOTES[ground]):
                return
            self.close(end, h, max_days=rng.choice((1, 2, 3, 5, 7, 7, 10)))

    # --- reports -------------------------------------------------------------------------------------
    def report(self, at) -> None:
        rng, life, h = self.rng, self.life, self.handler
        at = self.route(at)
        if at is None:
            return
        at = self.later(at, rng.choice((0, 1, 1, 2, 3)))
        if not life.act(at, h, "verify") or self.stall_here(0.7):
            return
        limit = 15
        if rng.random() < 0.1:
            at = self.later(at, rng.randint(8, 12))
            if not life.act(at, h, "extend", note="经本局负责人批准，核查期限延长十五个工作日。"):
                return
            limit = 30
        breach = rng.random() < 0.04
        at = self.later(at, rng.randint(limit, limit + 8) if breach else rng.randint(2, max(3, limit - 6)))
        if rng.random() < 0.2:
            ok = life.act(at, h, "file_case", ref=self.enforcement_ref(at))
        else:
            ok = life.act(at, h, "not_file", note=rng.choice(NOT_FILED_NOTES))
        if ok and any(c.kind == "reporter_notice" and c.state == "running" for c in life.clocks):
            rare = self.rare
            at = self.later(at, rare.randint(6, 9) if rare.random() < 0.03 else rare.randint(0, 4), rare)
            ok = life.act(at, h, "notify_reporter", note=rare.choice(NOTICE_NOTES))
        if ok:
            self.close(at, h, max_days=5)

    # --- consultations -------------------------------------------------------------------------------
    def consultation(self, at, answer: str, routed: bool) -> None:
        rng, life = self.rng, self.life
        actor = self.clerk
        if routed:
            at = self.route(at)
            if at is None or self.stall_here(0.5):
                return
            at = self.later(at, rng.randint(1, 6))
            actor = self.handler
        elif rng.random() < 0.3:
            at = self.later(at, rng.randint(0, 2))
        else:
            at = at + timedelta(minutes=rng.randint(1, 15))
        if life.act(at, actor, "answer", note=answer):
            life.act(at + timedelta(minutes=rng.randint(1, 600)), actor, "close")

    # --- helpers -------------------------------------------------------------------------------------
    def stall_here(self, share: float) -> bool:
        """A stalled case stops at one of its steps for good (it becomes overdue work)."""
        return self.stall and self.rng.random() < share

    def enforcement_ref(self, at) -> str:
        return f"晋市监立〔{at.year}〕{self.rng.randint(1, 999)}号"
