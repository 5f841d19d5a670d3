"""Cold-start classification: the keyword lexicon of the taxonomy gives kind, category, problem type and
request, each with the keywords that decided it, on texts shaped like real work orders."""

import pytest

from weiquan.lib.classify import classify

FURNITURE = ("退货,退赔费用 质量问题 XX市XX区某家具城 发生时间：3月2日 消费金额：6800元 问题描述：市民在该家具城"
             "购买实木床和衣柜，放置两个月后柜门开裂，商家称属正常现象拒绝退换。主要诉求：协调退货退款。")


def test_cracked_wardrobe_is_furniture_and_quality_with_reasons():
    c = classify(FURNITURE)
    assert (c.kind.code, c.category.code, c.problem.code, c.request.code) == (
        "complaint", "goods.daily.furniture", "quality", "return")
    assert "衣柜" in c.category.reasons and "开裂" in c.problem.reasons
    assert c.category.confidence >= 0.5 and not c.mixed


@pytest.mark.parametrize(("text", "category", "problem"), [
    ("退费 预付卡 某健身房 市民来电：去年在该健身房办理年卡3680元，近日门店突然关闭，老板联系不上。主要诉求：退还剩余费用。",
     "services.culture.fitness", "contract"),
    ("赔偿损失 食品安全 某早餐店 市民反映：5月12日在该店购买包子，食用时发现包子内有沙粒，商家未作处理。",
     "goods.food.prepared", "safety"),
    ("市民购买二手手机，商家承诺原装，使用后发现是拆修机，商家拒绝处理。", "goods.appliances.phone", "counterfeit"),
    ("在美容院办了护理卡，做完烫发头发全断了，要求退费", "services.living.beauty", "quality"),
])
def test_work_order_shapes(text, category, problem):
    c = classify(text)
    assert (c.category.code, c.problem.code) == (category, problem)


def test_traditional_characters_and_full_width_digits_are_understood():
    c = classify("我在家具城買的衣櫃，兩個月後櫃門開裂，商家拒絕退貨，消費金額６８００元")
    assert (c.category.code, c.problem.code) == ("goods.daily.furniture", "quality")


def test_english_brand_names_are_kept():
    c = classify("买的ＩＰＨＯＮＥ 15 是翻新机")
    assert c.category.code == "goods.appliances.phone" and "iphone" in c.category.reasons


def test_a_pricing_tip_without_a_demand_is_a_report():
    c = classify("不执行政府指导价 XX小区物业 市民认为该小区节假日停车收费标准不合理，要求核实收费是否合规。")
    assert c.kind.code == "report" and c.problem.code == "price"


def test_a_question_is_a_consultation():
    assert classify("过期食品能退吗？").kind.code == "consultation"


def test_refund_plus_investigation_is_mixed_and_should_be_split():
    c = classify("在超市买到过期牛奶，要求退款赔偿，并请依法查处该超市")
    assert c.mixed and c.kind.code == "complaint"


def test_unpaid_wages_are_not_market_regulation_business():
    c = classify("兼职三天不给工资")
    assert c.out_of_scope is not None and c.out_of_scope.code == "labour"


def test_a_text_with_no_clue_asks_the_clerk():
    c = classify("你好")
    assert "category" in c.needs_review and "problem" in c.needs_review


@pytest.mark.parametrize(("text", "category"), [
    ("在该超市购买的冷鲜鸡肉回家后发现已变质发臭，要求退款并赔偿。", "goods.food.fresh"),
    ("在超市买的猪肉有异味，要求退款。", "goods.food.fresh"),
    ("商场买的运动鞋穿了一周就开胶，要求退货。", "goods.clothing.shoes"),
])
def test_goods_bought_at_a_supermarket_are_filed_under_the_goods(text, category):
    c = classify(text)
    assert c.category.code == category
    assert not any(r in ("超市", "商场") for r in c.category.reasons)


def test_the_selling_service_itself_going_wrong_stays_a_sales_service():
    c = classify("超市收银时搭售会员卡，不办不让结账，赠品也不兑现。")
    assert c.category.code == "services.sales.retail"


def test_a_lone_surrogate_changes_nothing():
    """An unpaired surrogate (a JSON string can carry one) is no keyword and breaks no scan."""
    text = "在红旗家具城购买的实木衣柜柜门开裂，要求退货。"
    assert classify(text + "\ud800").as_dict() == classify(text).as_dict()
