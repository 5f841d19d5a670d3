"""Whether a transferred order is market regulation's business at all.

A small, explicit rule list: each rule names the words that mark a matter for another authority, the
words that bring it back (e.g. a property fee that is a pricing issue is ours), the reason given to the
hotline and the competent channel. First matching rule wins; no match means "ours".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Rule:
    code: str
    pattern: re.Pattern
    unless: re.Pattern | None
    reason: str
    channel: str


def _re(words: str) -> re.Pattern:
    return re.compile(words)


RULES: tuple[Rule, ...] = (
    Rule("wages", _re(r"欠薪|讨薪|劳动报酬|拖欠工资|不给工资|不发工资|工资未发|克扣工资|拖欠.{0,6}工资|社保缴纳"),
         None, _("Unpaid wages and labour disputes are handled by labour inspection (劳动保障监察)."),
         "人力资源和社会保障部门（12333）"),
    Rule("property", _re(r"物业"),
         _re(r"收费|价|乱收|多收|标准|停车费|计费|水费|电费|暖气费|供暖费"),
         _("Property-management disputes without a pricing issue are handled by the housing authority."),
         "住房和城乡建设部门（物业主管部门）"),
    Rule("gas_works", _re(r"燃气.{0,6}(管道|管线|施工|改造)|(管道|管线).{0,6}燃气|挖断.{0,4}(燃气|天然气)"),
         _re(r"燃气费|气价|收费|燃气灶|燃气热水器|报警器"),
         _("Gas-pipe construction and its damage are handled by the gas authority."),
         "住房和城乡建设部门（燃气主管部门）"),
    Rule("traffic", _re(r"交通拥堵|违章停车|违停|红绿灯|信号灯|交通事故|占道停车|闯红灯|道路施工|路面破损"),
         None, _("Traffic and road matters are handled by the traffic police or the transport authority."),
         "公安交通管理部门 / 交通运输部门"),
    Rule("noise", _re(r"噪音扰民|噪声扰民|施工噪音"),
         None, _("Noise nuisance is handled by the environment authority or the police."),
         "生态环境部门 / 公安机关"),
)


@dataclass(frozen=True)
class Verdict:
    ours: bool
    rule: str = ""
    reason: str = ""
    channel: str = ""


def check(*texts: str) -> Verdict:
    """Verdict on the texts of an order (problem type, description, demand…)."""
    text = " ".join(t for t in texts if t)
    for rule in RULES:
        if rule.pattern.search(text) and not (rule.unless and rule.unless.search(text)):
            return Verdict(False, rule.code, str(rule.reason), rule.channel)
    return Verdict(True)
