"""What the workbench calls things: actions, legal grounds, state families, problem types, categories.

English is the source language; the Chinese wording lives in locale/zh_Hans. Ground labels carry
the article and item of the rule version the case is handled under (Order 121 or Order 20).
"""

from __future__ import annotations

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from weiquan.lib import workflow

ACTION_LABELS = {
    "register": gettext_lazy("register"),
    "route": gettext_lazy("route to a bureau"),
    "accept": gettext_lazy("accept"),
    "refuse": gettext_lazy("do not accept"),
    "transfer": gettext_lazy("transfer / designate"),
    "return_to_intake": gettext_lazy("return to intake"),
    "mediate": gettext_lazy("start mediation"),
    "pause": gettext_lazy("pause for testing"),
    "resume": gettext_lazy("resume"),
    "settle": gettext_lazy("settled by mediation"),
    "terminate": gettext_lazy("terminate mediation"),
    "withdraw": gettext_lazy("withdraw"),
    "verify": gettext_lazy("start verification"),
    "extend": gettext_lazy("extend verification"),
    "file_case": gettext_lazy("file an enforcement case"),
    "not_file": gettext_lazy("do not file"),
    "answer": gettext_lazy("answer"),
    "close": gettext_lazy("close"),
    "reopen": gettext_lazy("reopen"),
    "split": gettext_lazy("split into complaint and report"),
    "request_recusal": gettext_lazy("recusal requested: suspend mediation"),
    "grant_recusal": gettext_lazy("recusal granted: mediator replaced"),
    "refuse_recusal": gettext_lazy("recusal refused: mediation continues"),
    "refer_to_police": gettext_lazy("refer to the police (suspected fraud or extortion)"),
    "merge_into": gettext_lazy("merge into an earlier report (new facts)"),
    "close_as_repeat": gettext_lazy("close as a repeat of an earlier report"),
    "notify_reporter": gettext_lazy("tell the reporter the decision"),
    "merged_in": gettext_lazy("later report merged in"),
    "repeat_in": gettext_lazy("repeat report closed into this one"),
    "classify": gettext_lazy("classification changed"),
    "rate": gettext_lazy("rated by the consumer"),
    "odr_reply": gettext_lazy("ODR reply"),
    "odr_propose": gettext_lazy("ODR settlement proposal"),
}

# Actions that move the case forward the usual way: shown as primary buttons.
PRIMARY_ACTIONS = {"route", "accept", "mediate", "settle", "verify", "answer", "close"}
PRIMARY_BY_KIND = {("report", "file_case"), ("report", "notify_reporter")}
# Actions taken with one click; every other action opens a small form to confirm (and say why).
ONE_CLICK_ACTIONS = {"accept", "mediate", "resume", "verify", "close"}

# Input each action asks for, beyond the optional note. "note!" = note required.
ACTION_FIELDS = {
    "route": ("org",),
    "transfer": ("org",),
    "refuse": ("ground",),
    "terminate": ("ground", "amount_recovered"),
    "settle": ("amount_recovered",),
    "file_case": ("enforcement_ref",),
    "return_to_intake": ("note!",),
    "pause": ("note!",),
    "extend": ("note!",),
    "answer": ("note!",),
    "reopen": ("note!",),
    "request_recusal": ("note!",),
    "grant_recusal": ("note!",),
    "refuse_recusal": ("note!",),
    "refer_to_police": ("note!",),
    "merge_into": ("into", "note!"),
    "close_as_repeat": ("into",),
    "notify_reporter": ("note!",),
}

GROUND_TEXT = {
    # refusal, Order 121 Art. 16 / Order 20 Art. 15
    "out_of_scope": gettext_lazy("not within market-regulation duties, or this bureau has no authority"),
    "handled_elsewhere": gettext_lazy(
        "a court, arbitration body, market-regulation bureau, other department or consumer association "
        "has already accepted or handled the same dispute"),
    "not_for_consumption": gettext_lazy(
        "not bought for personal consumption, or no dispute with the respondent can be shown"),
    "time_barred": gettext_lazy("more than 3 years since the complainant knew or should have known of the harm"),
    "incomplete_or_false": gettext_lazy("required materials missing, or false materials given"),
    "identity": gettext_lazy("someone else's identity used, or identity checks refused"),
    # termination, Order 121 Art. 23 / Order 20 Art. 21
    "withdrawn_or_settled": gettext_lazy("complaint withdrawn, or the parties settled by themselves"),
    "absent_or_refused": gettext_lazy("a party failed to attend without good reason, or refused mediation"),
    "no_agreement_possible": gettext_lazy("after mediation a party states that no agreement is possible"),
    "testing_cost_dispute": gettext_lazy("the parties cannot agree who pays for testing"),
    "time_limit": gettext_lazy("no agreement within the mediation time limit"),
    "inadmissible_found": gettext_lazy("after acceptance a ground for not accepting or for transfer to the police was found"),
    "party_ceased": gettext_lazy("a party died or ceased to exist"),
    "other_law": gettext_lazy("other grounds in laws, regulations or rules"),
    # outcomes of a report closed into an earlier one (Art. 35), not grounds
    "merged": gettext_lazy("merged into an earlier report with its new facts (Art. 35)"),
    "repeat": gettext_lazy("the same facts as an earlier report: not handled again (Art. 35)"),
}

# (article under Order 121, article under Order 20) per ground set
GROUND_ARTICLES = {"refusal": (16, 15), "termination": (23, 21)}

_ZH_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """1..99 in Chinese numerals, as articles are cited (第十六条第一项)."""
    if n < 10:
        return _ZH_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[ones] if ones else "")


def ground_label(code: str, ground_set: str | None = None, version: str = workflow.ORDER_121) -> str:
    """A legal ground as staff read it, with its article and item when the set is known."""
    text = str(GROUND_TEXT.get(code, code))
    if ground_set is None:
        ground_set = "refusal" if code in workflow.REFUSAL_GROUNDS[version] else (
            "termination" if code in workflow.TERMINATION_GROUNDS[version] else None)
    grounds = workflow.grounds_for(ground_set, version)
    if code not in grounds:
        return text
    article = GROUND_ARTICLES[ground_set][0 if version == workflow.ORDER_121 else 1]
    item = grounds.index(code) + 1
    if (get_language() or "").startswith("zh"):
        article_s, item_s = zh_number(article), zh_number(item)
    else:
        article_s, item_s = str(article), str(item)
    return _("%(text)s (Art. %(article)s, item %(item)s)") % {"text": text, "article": article_s, "item": item_s}


def ground_choices(ground_set: str | None, version: str) -> list[tuple[str, str]]:
    return [(code, ground_label(code, ground_set, version)) for code in workflow.grounds_for(ground_set, version)]


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


# --- classification ---------------------------------------------------------------------------
# The ten problem types (投诉性质) of the China Consumers Association; the stored value is the Chinese name.
PROBLEM_TYPES = [
    ("售后服务", gettext_lazy("after-sales service")),
    ("合同", gettext_lazy("contract")),
    ("质量", gettext_lazy("quality")),
    ("价格", gettext_lazy("price")),
    ("虚假宣传", gettext_lazy("false advertising")),
    ("安全", gettext_lazy("safety")),
    ("假冒", gettext_lazy("counterfeit")),
    ("人格尊严", gettext_lazy("personal dignity")),
    ("计量", gettext_lazy("measurement")),
    ("其他", gettext_lazy("other")),
]
PROBLEM_LABELS = dict(PROBLEM_TYPES)

# Goods and service categories (商品大类 / 服务大类) offered as suggestions; staff may type others.
CATEGORIES = [
    "家用电子电器类", "日用商品类", "食品类", "服装鞋帽类", "交通工具类", "房屋及建材类", "首饰及文体用品类",
    "烟酒和饮料类", "医药及医疗用品类", "生活、社会服务类", "互联网服务", "教育培训服务", "文化、娱乐、体育服务",
    "销售服务", "电信服务", "金融服务", "房屋装修及物业服务",
]
REQUESTS = ["退货", "换货", "维修", "退款", "赔偿", "退赔费用", "赔偿损失", "停止侵权", "依法查处"]

INTAKE_CHANNELS = ("phone", "letter", "visit")


def problem_label(value: str) -> str:
    label = PROBLEM_LABELS.get(value)
    return str(label) if label is not None else value


# --- state families: how a state badge is coloured -----------------------------------------------
STATE_FAMILY = {
    workflow.RECEIVED: "new", workflow.ROUTED: "new",
    workflow.ACCEPTED: "open", workflow.MEDIATING: "open", workflow.PAUSED: "paused",
    workflow.SUSPENDED: "paused",
    workflow.VERIFYING: "open",
    workflow.SETTLED: "done", workflow.FILED: "done", workflow.ANSWERED: "done",
    workflow.TERMINATED: "ended", workflow.NOT_ACCEPTED: "ended", workflow.NOT_FILED: "ended",
    workflow.WITHDRAWN: "ended",
    workflow.CLOSED: "closed",
}
