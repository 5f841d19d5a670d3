"""Plausible Chinese texts for demo cases: scenarios, people, places and the shapes of each channel.

Pure Python (no Django). Every choice goes through the caller's `random.Random`, so a seed gives the
same texts. The shapes imitate de-identified 12345 and 12315 work orders (see domain/work-orders.md).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scenario:
    key: str
    kind: str  # complaint | report | consultation
    category: str  # taxonomy label (weiquan.lib.taxonomy.CATEGORIES)
    problem: str  # taxonomy label (weiquan.lib.taxonomy.PROBLEMS)
    industry: str  # which kind of business it is about (see INDUSTRIES)
    amount: tuple[int, int]  # typical amount involved, yuan
    weight: float
    requests: tuple[str, ...] = ("退货",)
    items: tuple[str, ...] = ("",)
    stories: tuple[str, ...] = ()  # templates: {who} {date} {shop} {item} {amount}
    demands: tuple[str, ...] = ("协调处理",)
    online: bool = False  # bought on a platform (seller businesses)
    prepaid: bool = False  # prepaid-card business: can collapse into a group burst
    out_of_scope: bool = False  # not market regulation's business: refused
    season: dict = field(default_factory=dict)  # tag → factor; tags: 315, 618, d11, spring, summer, winter


COMPLAINTS = [
    Scenario("furniture", "complaint", "家具", "质量", "furniture", (1200, 18000), 5,
             ("退货", "更换", "维修", "退货,退赔费用"),
             ("实木床和衣柜", "真皮沙发", "实木餐桌椅", "定制衣柜", "儿童上下床", "床垫"),
             ("{who}于{date}在{shop}购买{item}，放置两个月后柜门开裂，商家称属正常现象拒绝退换",
              "{who}在{shop}订购{item}共{amount}元，送货后发现板材有明显裂缝和异味，商家只同意补漆",
              "{who}{date}购买的{item}使用不到半年出现开裂变形，联系商家多次均以“实木特性”为由推脱",
              "{who}在{shop}购买{item}，商家宣传为实木，收货后发现为颗粒板贴皮"),
             ("协调退货退款", "要求商家更换同款合格产品", "要求商家上门维修并赔偿损失")),
    Scenario("gym", "complaint", "健身", "合同", "gym", (1500, 6800), 4,
             ("退费",), ("年卡", "私教课", "次卡", "季卡"),
             ("{who}去年在{shop}办理{item}{amount}元，近日门店突然关闭，老板联系不上",
              "{who}于{date}在{shop}充值{amount}元购买{item}，现该店以装修为由停业，无法继续消费",
              "{who}在{shop}办理{item}后，商家更换经营主体，要求重新缴费，否则不认可原卡",
              "{who}办理{item}时销售承诺随时可退，现申请退卡被告知需扣除高额手续费"),
             ("退还剩余费用", "协调退还未消费金额", "要求继续履行服务或退款"), prepaid=True,
             season={"spring": 1.3}),
    Scenario("food", "complaint", "餐饮食品", "安全", "restaurant", (12, 680), 6,
             ("赔偿损失", "退赔费用", "退货"), ("包子", "外卖套餐", "火锅", "月饼礼盒", "牛奶", "熟食", "蛋糕", "饮料"),
             ("{who}于{date}在{shop}购买{item}，食用时发现其中有沙粒，商家未作处理",
              "{who}在{shop}购买的{item}已过保质期，与店员交涉，对方只同意退款",
              "{who}{date}在{shop}就餐后出现腹泻呕吐，就医花费若干，商家否认与其有关",
              "{who}在{shop}购买{item}，打开后发现有异物和霉点",
              "{who}购买的{item}标签无生产日期和厂名厂址，疑为三无产品"),
             ("核查该店食品安全问题并赔偿", "要求商家退一赔十", "要求退款并赔偿医药费"),
             season={"spring": 1.8, "summer": 1.3}),
    Scenario("phone", "complaint", "手机及通讯器材", "假冒", "phone_shop", (900, 9800), 4,
             ("退赔费用", "退货", "赔偿损失"), ("二手手机", "新款手机", "平板电脑", "智能手表"),
             ("{who}在{shop}购买{item}，商家承诺原装，使用后发现是拆修机，商家拒绝处理并将{who}赶出店铺",
              "{who}于{date}在{shop}花{amount}元购买{item}，售后检测发现为翻新机，激活日期早于购买日期",
              "{who}购买的{item}屏幕为非原装配件，商家当时未告知",
              "{who}在{shop}购买{item}时被强制搭售碎屏险和配件"),
             ("依法查处欺诈行为", "要求退一赔三", "要求退货退款")),
    Scenario("online", "complaint", "网络购物", "质量", "seller", (39, 4200), 7,
             ("退货", "退款", "更换", "赔偿损失"),
             ("羽绒服", "运动鞋", "扫地机器人", "护肤品", "空气炸锅", "儿童玩具", "笔记本电脑", "电动牙刷"),
             ("{who}于{date}在网购平台{shop}购买{item}，收货后发现与页面描述不符，申请七天无理由退货被拒",
              "{who}在{shop}购买的{item}收到时已损坏，客服一直拖延不处理",
              "{who}在直播间下单{item}{amount}元，主播宣称正品，收到后疑似假货",
              "{who}在{shop}参加满减活动购买{item}，商家发货后又以价格错误为由要求补差价",
              "{who}网购{item}，商家超过承诺时间未发货，也不同意退款"),
             ("要求商家退货退款", "协调平台处理", "要求按承诺赔偿"), online=True,
             season={"618": 2.6, "d11": 3.2, "315": 1.4}),
    Scenario("parking", "report", "停车服务", "价格", "property", (0, 0), 2,
             ("",), ("小区", "商场地下停车场", "医院停车场"),
             ("{who}认为{shop}节假日停车收费标准不合理，要求核实收费是否合规",
              "{who}反映{shop}未公示收费标准，临时停车每小时收费过高",
              "{who}反映{shop}所在{item}停车收费未按政府指导价执行，多收费用"),
             ("核实收费是否合规", "请依法查处")),
    Scenario("training", "complaint", "培训辅导", "合同", "training", (2000, 26000), 3,
             ("退费",), ("英语课程", "编程课程", "艺术培训课", "考研辅导班", "驾校报名"),
             ("{who}于{date}为孩子在{shop}报名{item}，缴费{amount}元，现机构停课，要求退还剩余课时费被拒",
              "{who}在{shop}报名{item}，机构承诺不过全额退款，现拒不兑现",
              "{who}在{shop}缴纳{item}费用后因搬家申请退费，机构称已签合同概不退费",
              "{shop}更换老师后教学质量下降，{who}要求退费，机构推诿"),
             ("退还剩余课时费", "协调退费", "按合同约定退款"), prepaid=True,
             season={"summer": 1.8}),
    Scenario("decoration", "complaint", "装修服务", "合同", "decoration", (5000, 120000), 3,
             ("维修", "退赔费用", "赔偿损失"), ("全包装修", "卫生间防水", "吊顶", "瓷砖铺贴", "整体橱柜"),
             ("{who}家中{item}由{shop}施工，完工后三个月卫生间漏水，商家拖延维修",
              "{who}与{shop}签订{item}合同{amount}元，工程进行一半后公司停工并要求追加费用",
              "{shop}使用的材料与合同约定品牌不符，{who}要求更换被拒",
              "{who}装修后屋内甲醛超标，{shop}拒绝承担责任"),
             ("要求商家按合同履行并赔偿", "协调维修", "退还多收费用")),
    Scenario("used_car", "complaint", "汽车", "虚假宣传", "car_dealer", (30000, 260000), 2,
             ("退车", "赔偿损失", "退赔费用"), ("二手车", "新车", "二手SUV"),
             ("{who}于{date}在{shop}购买{item}，商家承诺无事故，后经检测为事故车",
              "{who}在{shop}购买{item}后发现里程表被调过",
              "{shop}销售{item}时收取高额金融服务费，且未事先告知",
              "{who}在{shop}交了定金后商家加价提车"),
             ("要求退车并赔偿", "依法查处欺诈行为", "退还服务费")),
    Scenario("beauty", "complaint", "美容美发", "合同", "beauty", (800, 28000), 3,
             ("退费", "赔偿损失"), ("美容年卡", "护肤疗程", "美发会员卡", "医美项目"),
             ("{who}在{shop}办理{item}充值{amount}元，门店突然关门，老板失联",
              "{who}在{shop}做{item}后面部红肿过敏，商家拒绝承担责任",
              "{shop}店员以免费体验为由诱导{who}办理{item}，事后要求退款遭拒",
              "{who}在{shop}消费时被强行推销{item}"),
             ("退还卡内余额", "赔偿损失", "协调退费"), prepaid=True),
    Scenario("travel", "complaint", "旅行社及景区", "合同", "travel", (600, 15000), 2,
             ("退赔费用", "赔偿损失"), ("云南六日游", "海南跟团游", "五台山一日游", "出境游", "酒店套餐"),
             ("{who}于{date}报名{shop}的{item}，行程中被强制购物",
              "{who}参加{shop}组织的{item}，实际住宿标准与合同约定不符",
              "{shop}在出发前一天取消{item}，只同意退一半费用",
              "{who}通过{shop}预订{item}，到达后被告知无房"),
             ("退还差价", "协调退款并赔偿", "依法查处"),
             season={"spring": 1.6, "summer": 1.8}),
    Scenario("telecom", "complaint", "通信服务", "售后服务", "telecom", (20, 1500), 2,
             ("退费",), ("宽带", "手机套餐", "流量包", "合约机"),
             ("{who}的{item}被{shop}营业厅私自升级，每月多扣费用",
              "{who}要求取消{item}，营业厅称需缴纳违约金",
              "{who}办理{item}时营业员承诺赠送话费，事后未兑现",
              "{who}家中{item}长期网速不达标，多次报修无果"),
             ("退还多收费用", "协调取消业务", "要求按承诺兑现")),
    Scenario("appliance", "complaint", "大家电", "质量", "appliance", (800, 12000), 3,
             ("维修", "更换", "退货"), ("空调", "冰箱", "洗衣机", "热水器", "电视机", "油烟机"),
             ("{who}于{date}在{shop}购买{item}，安装后不到一周就出现故障",
              "{who}购买的{item}三包期内维修三次仍未修好，要求更换被拒",
              "{shop}安装{item}时多收取材料费和安装费",
              "{who}的{item}在保修期内，售后上门却要求收取维修费"),
             ("要求更换新机", "按三包规定退货", "退还多收费用"),
             season={"summer": 1.9, "d11": 1.3, "618": 1.3}),
    Scenario("clothing", "complaint", "服装", "质量", "clothing", (99, 2600), 3,
             ("退货", "更换"), ("羽绒服", "皮鞋", "运动服", "羊绒大衣"),
             ("{who}在{shop}购买{item}，穿了两次就开胶脱线，商家不予退换",
              "{who}于{date}在{shop}购买的{item}洗后严重缩水褪色",
              "{shop}标称{item}含绒量90%，{who}送检后发现严重不符"),
             ("要求退货退款", "要求更换", "依法查处"), season={"winter": 1.5}),
    Scenario("catering_price", "complaint", "餐饮服务", "价格", "restaurant", (80, 3000), 2,
             ("退费", "退赔费用"), ("年夜饭", "婚宴", "海鲜", "自助餐"),
             ("{who}在{shop}预订{item}，结账时价格与菜单标价不符",
              "{shop}{item}按斤计价未明码标价，{who}结账时被收取高价",
              "{who}在{shop}消费后被收取未告知的包间费和服务费"),
             ("退还多收费用", "依法查处价格违法行为"), season={"spring": 2.0}),
    Scenario("medicine", "report", "保健食品", "虚假宣传", "pharmacy", (50, 3000), 2,
             ("",), ("保健品", "医疗器械", "药品", "理疗仪"),
             ("{who}反映{shop}向老年人高价推销{item}，宣称能治病",
              "{who}举报{shop}销售的{item}无批准文号",
              "{shop}通过免费讲座推销{item}，夸大功效"),
             ("请依法查处", "核查该店经营资质")),
    Scenario("fake_goods", "report", "酒类", "假冒", "grocery", (100, 8000), 2,
             ("",), ("白酒", "香烟", "茶叶", "老陈醋"),
             ("{who}举报{shop}销售假冒名牌{item}",
              "{who}在{shop}购买的{item}包装粗糙，疑为假冒产品",
              "{who}反映{shop}以散装{item}冒充品牌产品销售"),
             ("请依法查处", "核查该店进货渠道"), season={"spring": 1.7}),
    Scenario("advert", "report", "美容美发", "虚假宣传", "beauty", (0, 0), 1.5,
             ("",), ("朋友圈广告", "门店广告", "宣传单"),
             ("{who}反映{shop}在{item}中使用“最好”“第一”等绝对化用语",
              "{who}举报{shop}的{item}宣称“无效退款”，实际拒不兑现",
              "{shop}发布{item}声称获得国家认证，经查询不实"),
             ("请依法查处虚假广告",)),
    Scenario("license", "report", "其他", "其他", "grocery", (0, 0), 1.2,
             ("",), ("小作坊", "早餐摊点", "网吧"),
             ("{who}反映{shop}附近有{item}无证无照经营，卫生条件差",
              "{who}举报{shop}未办理营业执照从事经营活动"),
             ("请依法取缔", "请依法查处")),
    Scenario("scale", "report", "其他", "计量", "market", (10, 500), 1.2,
             ("",), ("电子秤", "加油机", "出租车计价器"),
             ("{who}反映{shop}使用的{item}缺斤短两",
              "{who}在{shop}购物后复称，发现{item}计量不准，少给约一成"),
             ("请依法查处",), season={"spring": 1.3}),
    Scenario("wages", "complaint", "其他", "其他", "restaurant", (800, 6000), 1.2,
             ("支付工资",), ("兼职", "暑期工"),
             ("兼职三天不给工资", "{who}在{shop}做{item}，老板拖欠工资{amount}元", "{shop}拖欠{who}{item}工资"),
             ("要求支付工资",), out_of_scope=True),
    Scenario("property", "complaint", "物业服务", "其他", "property", (0, 2000), 1,
             ("维修",), ("电梯", "供暖", "楼道灯"),
             ("{who}所在小区{item}长期故障，{shop}不予维修", "{shop}不作为，{item}问题多次反映无果"),
             ("要求物业尽快维修",), out_of_scope=True, season={"winter": 1.8}),
]

# the problem type as 12345 operators pick it from their own list (shown in transferred summaries)
HOTLINE_PROBLEM = {
    "furniture": "质量问题",
    "gym": "预付卡",
    "food": "食品安全",
    "phone": "以假充真、以次充好",
    "online": "质量问题",
    "parking": "不执行政府指导价",
    "training": "预付卡",
    "decoration": "售后服务",
    "used_car": "虚假宣传",
    "beauty": "预付卡",
    "travel": "虚假宣传",
    "telecom": "售后服务",
    "appliance": "质量问题",
    "clothing": "质量问题",
    "catering_price": "市场调节价问题",
    "medicine": "冒充合格产品",
    "fake_goods": "以假充真、以次充好",
    "advert": "虚假宣传",
    "license": "其他投诉问题",
    "scale": "其他投诉问题",
    "wages": "其他投诉问题",
    "property": "其他投诉问题",
}
# the consumer's request as the taxonomy labels it (weiquan.lib.taxonomy.REQUESTS)
REQUEST_LABEL = {"退货": "退货", "更换": "换货", "维修": "维修", "退赔费用": "退款", "赔偿损失": "赔偿", "退费": "退费",
                 "退车": "退货", "退款": "退款", "支付工资": "其他"}


CONSULTATIONS = [
    "过期食品能退吗？", "网购商品七天无理由退货包括哪些商品？", "健身卡不想用了能退吗？", "三包期内维修几次可以换货？",
    "商家说特价商品不退不换合法吗？", "预付卡商家跑路了该找谁？", "怎么查询商家的营业执照信息？",
    "买到假货可以要求几倍赔偿？", "装修合同没写工期怎么办？", "二手车出了事故商家没告知，怎么维权？",
    "外卖吃出异物应该向哪个部门投诉？", "停车收费标准在哪里可以查到？", "培训机构不退费，能申请调解吗？",
    "发票丢了还能投诉吗？", "直播间买的东西出了问题找平台还是主播？",
]
CONSULTATION_ANSWERS = [
    "已告知消费者依据《消费者权益保护法》第二十四条可要求退货，并提示保留购物凭证。",
    "已解答：除定制、鲜活易腐等商品外，网购商品自收货之日起七日内可无理由退货。",
    "已告知可先与经营者协商，协商不成可通过12315平台提出投诉。",
    "已告知三包规定的换货条件，并提示保留维修记录。",
    "已告知经营者以格式条款排除消费者权利的，该内容无效，可依法投诉。",
    "已告知可通过国家企业信用信息公示系统查询。",
    "已告知欺诈行为可要求退一赔三，食品安全问题可要求退一赔十。",
]

# --- businesses -------------------------------------------------------------------------------
BRAND_WORDS = ("红旗", "鑫源", "恒达", "金鼎", "华美", "顺发", "盛世", "百佳", "宏远", "锦程", "晋韵", "龙城",
               "云冈", "汾河", "凤凰", "福瑞", "康达", "佳和", "新纪元", "聚源", "天泽", "安泰", "瑞丰", "万和",
               "嘉禾", "国泰", "永兴", "众诚", "悦享", "优品", "博雅", "蓝天", "金太阳", "华夏", "兴隆", "大唐")
INDUSTRIES = {
    # industry: (name suffixes, description of the place for masked summaries)
    "furniture": (("家具城", "家居有限公司", "家具店", "实木家具厂"), "某家具城"),
    "gym": (("健身俱乐部", "健身服务有限公司", "游泳健身中心", "瑜伽馆"), "某健身房"),
    "restaurant": (("餐饮有限公司", "饭店", "火锅店", "早餐店", "快餐店", "酒楼"), "某饭店"),
    "phone_shop": (("通讯器材店", "手机专卖店", "数码科技有限公司"), "某手机店"),
    "seller": (("旗舰店", "专营店", "官方店", "优选店"), "某网店"),
    "property": (("物业服务有限公司", "物业管理有限公司", "停车场管理有限公司"), "某小区物业"),
    "training": (("教育科技有限公司", "培训学校", "艺术培训中心", "驾驶员培训有限公司"), "某培训机构"),
    "decoration": (("装饰工程有限公司", "装饰设计有限公司", "家装公司"), "某装修公司"),
    "car_dealer": (("二手车交易市场", "汽车销售服务有限公司", "汽车贸易有限公司"), "某车行"),
    "beauty": (("美容院", "美容美发店", "医疗美容诊所", "养生会所"), "某美容院"),
    "travel": (("国际旅行社有限公司", "旅行社", "旅游服务有限公司"), "某旅行社"),
    "telecom": (("通信营业厅", "通信服务有限公司"), "某营业厅"),
    "appliance": (("家电商场", "电器有限公司", "家电维修服务部"), "某家电商场"),
    "clothing": (("服饰店", "鞋业专卖店", "服装商行"), "某服装店"),
    "pharmacy": (("大药房", "健康科技有限公司", "医疗器械有限公司"), "某药店"),
    "grocery": (("烟酒商行", "便利店", "超市", "副食店"), "某商店"),
    "market": (("农贸市场", "蔬菜批发市场", "加油站"), "某市场"),
}
PLATFORMS = ("优购网络科技有限公司", "乐享电子商务有限公司", "速达到家网络技术有限公司", "趣拼电子商务有限公司")
ROADS = ("御河西路", "御河东路", "魏都大道", "文瀛湖路", "迎宾街", "新建南路", "新建北路", "永泰南路", "云中路",
         "同泉路", "开源街", "解放路", "建设路", "迎泽大街", "长风街", "府西街", "并州路", "滨河东路", "学府街",
         "人民路", "中山路", "和平街", "胜利路", "朝阳街", "文化路", "北大街", "南环路", "西环路", "东关街",
         "府东街", "体育路", "育才路", "新华街", "工农路", "青年路", "友谊街", "振兴路", "平阳路")
COMMUNITIES = ("阳光小区", "和平家园", "锦绣花园", "御东新区", "幸福里", "万达广场", "金地城", "文兴苑", "翠园小区",
               "恒大名都", "碧水蓝天", "红旗小区", "东城丽景", "华林新天地", "水岸花城")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = ("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
         "秀兰", "霞", "平", "刚", "桂英", "晓东", "海燕", "建国", "志强", "丽华", "晋生", "红梅", "文斌", "慧敏", "浩然",
         "子涵", "雨萱", "俊杰", "欣怡", "宇航", "佳琪", "建华", "玉兰", "国庆", "晓燕", "鹏", "宁", "凯", "瑞", "婷")
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156",
                   "157", "158", "159", "166", "170", "176", "177", "180", "181", "183", "185", "186", "187", "188",
                   "189", "191", "195", "198", "199")
EXTRAS = ("多次与商家协商未果", "已保留购物小票和聊天记录", "商家态度恶劣", "曾拨打商家客服电话，无人处理",
          "商家承诺三天内答复，至今没有消息", "同小区还有多人遇到同样问题", "已向平台投诉，平台未处理",
          "消费者情绪激动", "消费者表示如不处理将诉诸法律", "")


CLOSURE_WORDS = ("关闭", "关门", "停业", "停课", "失联", "联系不上")


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def street_address(rng: random.Random, city: str, county: str) -> str:
    if rng.random() < 0.25:
        return f"{city}{county}{rng.choice(COMMUNITIES)}{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(101, 1802)}"
    return f"{city}{county}{rng.choice(ROADS)}{rng.randint(1, 399)}号"


def business_name(rng: random.Random, industry: str, city_short: str, county: str) -> str:
    suffix = rng.choice(INDUSTRIES[industry][0])
    brand = rng.choice(BRAND_WORDS)
    if industry == "seller":
        return f"{brand}{rng.choice(('家居', '数码', '服饰', '母婴', '美妆', '食品', '电器'))}{suffix}"
    prefix = f"{city_short}市{county}" if rng.random() < 0.6 else f"{city_short}市"
    return f"{prefix}{brand}{suffix}"


def _when(rng: random.Random, received) -> str:
    back = received.toordinal() - rng.randint(0, 40)
    from datetime import date

    day = date.fromordinal(back)
    return f"{day.month}月{day.day}日"


def _money(amount) -> str:
    return f"{amount:.0f}" if amount is not None else ""


def compose(rng: random.Random, sc: Scenario, channel: str, received, shop: str, masked_place: str,
            amount, request: str, burst: bool = False) -> str:
    """The description as the intake channel would record it (`burst`: the business has collapsed)."""
    item = rng.choice(sc.items)
    stories = [s for s in sc.stories if any(w in s for w in CLOSURE_WORDS)] if burst else None
    story = rng.choice(stories or sc.stories)
    demand = rng.choice(sc.demands)
    when = _when(rng, received)
    extra = rng.choice(EXTRAS)
    if channel == "12345":
        who = "市民"
        text = story.format(who=who, date=when, shop="该店", item=item, amount=_money(amount))
        head = " ".join(x for x in (request, HOTLINE_PROBLEM.get(sc.key, ""), masked_place) if x)
        parts = [head]
        if rng.random() < 0.7:
            parts.append(f"发生时间：{when}")
        if amount and rng.random() < 0.8:
            parts.append(f"消费金额：{_money(amount)}元")
        label = rng.choice(("问题描述：", "来电内容：", "市民反映："))
        body = f"{label}{text}" + (f"，{extra}" if extra else "") + "。"
        return " ".join(parts) + " " + body + f"主要诉求：{demand}。"
    if channel == "web":
        who = rng.choice(("我", "本人"))
        text = story.format(who=who, date=when, shop=shop, item=item, amount=_money(amount))
        bare = demand.removeprefix("要求").removeprefix("请")
        tail = rng.choice((f"希望{bare}。", f"请求{bare}，谢谢！", f"{demand}。"))
        extra = "" if "消费者" in extra else extra  # the consumer writes in the first person
        return _typed(rng, text + (f"，{extra}" if extra and rng.random() < 0.6 else "") + "。" + tail)
    if channel == "letter":
        who = "本人"
        text = story.format(who=who, date=when, shop=shop, item=item, amount=_money(amount))
        return (f"尊敬的市场监督管理局：{text}。{extra + '。' if extra else ''}"
                f"本人多次与经营者交涉未果，现特来信反映，恳请贵局{demand}。此致敬礼。")
    who = "消费者"
    text = story.format(who=who, date=when, shop=shop, item=item, amount=_money(amount))
    if rng.random() < 0.15:
        return text + "。"  # a terse phone note
    lead = {"visit": "消费者来访称：", "phone": rng.choice(("消费者来电反映：", "来电人称：", ""))}.get(channel, "")
    return f"{lead}{text}" + (f"，{extra}" if extra else "") + f"。诉求：{demand}。"


_FULL_WIDTH = str.maketrans("0123456789,:", "０１２３４５６７８９，：")


def _typed(rng: random.Random, text: str) -> str:
    """What people type: now and then full-width digits, or no final punctuation."""
    x = rng.random()
    if x < 0.04:
        return text.translate(_FULL_WIDTH)
    if x < 0.08:
        return text.rstrip("。！")
    return text


def consultation_text(rng: random.Random, channel: str) -> str:
    question = rng.choice(CONSULTATIONS)
    if channel == "12345":
        return f"咨询 市民来电咨询：{question}"
    if channel == "phone":
        return rng.choice(("消费者来电咨询：", "来电咨询：", "")) + question
    return _typed(rng, question)


def report_extra(rng: random.Random) -> str:
    return rng.choice(("", "举报人要求对其身份保密。", "举报人提供了现场照片。", "请相关部门尽快核查。"))
