"""The classification vocabulary of 12315 work: kinds, the 商品/服务 two-level category taxonomy of the China
Consumers Association, the ten problem types (投诉性质) and the consumer's requests — each with a stable
code, a Chinese and an English label, and the keywords the cold-start classifier looks for.

Pure data (no Django). Codes never change once published: analytics and training data refer to them.
A case stores the Chinese label (what the workbench shows and staff type); `lookup_*` map a code, a
label or a known alias back to the entry.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    code: str
    zh: str
    en: str
    keywords: tuple[str, ...] = ()
    parent: str = ""  # a category's major class code
    aliases: tuple[str, ...] = ()


def _e(code: str, zh: str, en: str, keywords: str = "", parent: str = "", aliases: str = "") -> Entry:
    return Entry(code, zh, en, tuple(keywords.split()), parent, tuple(aliases.split()))


# --- kinds -------------------------------------------------------------------------------------------------
KINDS = (
    _e("complaint", "投诉", "complaint",
       "退货 退款 退费 退钱 赔偿 维修 换货 更换 协调 要求商家 诉求 退还 退赔 赔付 钱不退 不给退 要回 退卡"),
    _e("report", "举报", "report",
       "举报 查处 依法查处 请查处 予以查处 依法处理该 处罚 取缔 违法 无证经营 无照经营 核查 核实 "
       "是否合规 监管部门 相关部门查 曝光 欺诈行为 非法 责令"),
    _e("consultation", "咨询", "consultation",
       "咨询 请问 能否 能不能 可不可以 可以吗 能退吗 是否可以 怎么办 如何 该怎么 吗? 吗 有没有规定 是否合法"),
)

# Words that make a text without any demand of the writer's own read as a report (a tip about a business),
# but are too weak to make a text with a demand a mixed submission.
REPORT_HINTS = (
    _e("report_hint", "举报线索", "report hint",
       "涉嫌 销售假冒 销售过期 销售三无 还在卖 在卖 都在买 不明码标价 未公示 擅自 乱收费 违规 无资质 "
       "超过政府指导价 加价收费 多收取 某小卖部 某商场 某药房 某餐厅 某景区 某文具店 某超市 某店铺 冒充"),
)

# --- categories: major classes, then subcategories ------------------------------------------------------
MAJORS = (
    _e("goods.appliances", "家用电子电器类", "household electronics and appliances"),
    _e("goods.daily", "日用商品类", "daily necessities"),
    _e("goods.food", "食品类", "food"),
    _e("goods.clothing", "服装鞋帽类", "clothing, shoes and hats"),
    _e("goods.vehicles", "交通工具类", "vehicles"),
    _e("goods.housing", "房屋及建材类", "housing and building materials"),
    _e("goods.jewellery", "首饰及文体用品类", "jewellery, stationery and sporting goods"),
    _e("goods.drinks", "烟酒和饮料类", "tobacco, alcohol and beverages"),
    _e("goods.medical", "医药及医疗用品类", "medicines and medical supplies"),
    _e("goods.agri", "农用生产资料类", "agricultural inputs"),
    _e("services.living", "生活、社会服务类", "living and social services"),
    _e("services.internet", "互联网服务", "internet services"),
    _e("services.education", "教育培训服务", "education and training"),
    _e("services.culture", "文化、娱乐、体育服务", "culture, entertainment and sports"),
    _e("services.sales", "销售服务", "sales services"),
    _e("services.telecom", "电信服务", "telecommunications"),
    _e("services.finance", "金融服务", "financial services"),
    _e("services.property", "房屋装修及物业服务", "renovation and property management"),
    _e("services.travel", "旅游服务", "travel"),
    _e("services.insurance", "保险服务", "insurance"),
    _e("services.health", "卫生保健服务", "health care"),
    _e("services.public", "公共设施服务", "public utilities"),
    _e("services.postal", "邮政业服务", "postal and express delivery"),
    _e("other", "其他", "other"),
)

CATEGORIES = (
    # goods
    _e("goods.appliances.phone", "手机及通讯器材", "mobile phones and devices",
       "国行 手机 iphone 苹果手机 华为手机 小米手机 oppo vivo 荣耀 三星 翻新机 拆修机 二手手机 平板 ipad 智能手表 "
       "耳机 airpods 充电器 手机壳 碎屏 屏幕 手机店 激活", "goods.appliances", "通讯器材 手机"),
    _e("goods.appliances.computer", "电脑及办公设备", "computers and office equipment",
       "电脑 笔记本 laptop macbook 显示器 打印机 联想 戴尔 thinkpad 键盘 硬盘 主机", "goods.appliances"),
    _e("goods.appliances.large", "大家电", "large appliances",
       "空调 冰箱 洗衣机 电视 电视机 热水器 油烟机 燃气灶 壁挂炉 格力 美的 海尔 海信 压缩机 制冷 不制冷",
       "goods.appliances", "家用电器 家电"),
    _e("goods.appliances.small", "小家电", "small appliances",
       "电暖器 取暖器 空气炸锅 电饭煲 扫地机器人 扫地机 吹风机 电吹风 电动牙刷 净水器 微波炉 豆浆机 破壁机 吸尘器 戴森 dyson "
       "电热水壶 加湿器 剃须刀 按摩椅 小家电", "goods.appliances"),
    _e("goods.daily.furniture", "家具", "furniture",
       "全屋定制 电脑椅 家具 衣柜 沙发 床垫 实木床 实木 餐桌 书柜 橱柜 柜门 家具城 板材 颗粒板 贴皮 儿童床 上下床 茶几 床头柜 "
       "定制柜 鞋柜 椅子", "goods.daily"),
    _e("goods.daily.cosmetics", "化妆品", "cosmetics",
       "sk-ii 神仙水 粉底液 化妆品 护肤品 面膜 口红 洗面奶 精华液 面霜 香水 粉底 彩妆 烂脸 美白", "goods.daily"),
    _e("goods.daily.household", "日用杂品", "household goods",
       "纸巾 洗衣液 洗发水 餐具 炒锅 毛巾 床上用品 四件套 被子 枕头 保温杯 雨伞 眼镜 日用品", "goods.daily"),
    _e("goods.daily.baby", "母婴用品", "baby products",
       "纸尿裤 尿不湿 婴儿 奶瓶 童车 婴儿车 儿童座椅 母婴", "goods.daily"),
    _e("goods.food.prepared", "餐饮食品", "prepared food",
       "小吃店 凉面 包子 外卖 熟食 盒饭 快餐 早餐 蛋糕 面包 月饼 火锅 烧烤 饺子 馒头 凉皮 炸鸡 汉堡 麻辣烫 早餐店 饭菜 菜品 "
       "卤肉", "goods.food", "食品 餐饮食品"),
    _e("goods.food.packaged", "预包装食品", "packaged food",
       "坚果 零食 饼干 方便面 薯片 罐头 糖果 巧克力 速冻 调味品 酱油 食用油 生产日期 保质期 过期 三无 标签", "goods.food"),
    _e("goods.food.dairy", "乳制品", "dairy products", "牛奶 奶粉 酸奶 乳制品 婴幼儿配方", "goods.food"),
    _e("goods.food.fresh", "生鲜农产品", "fresh produce",
       "水果 蔬菜 猪肉 牛肉 羊肉 鸡肉 鸭肉 冷鲜 鲜肉 排骨 海鲜 鸡蛋 大米 面粉 生鲜 冻肉 注水肉 活鱼", "goods.food"),
    _e("goods.food.health", "保健食品", "health foods", "保健品 保健食品 营养品 胶囊 减肥茶 蛋白粉", "goods.food"),
    _e("goods.clothing.apparel", "服装", "clothing",
       "蜂胶 羊绒 衣服 羽绒服 外套 裤子 裙子 t恤 大衣 毛衣 衬衫 起球 褪色 掉色 缩水 内衣 校服 服装", "goods.clothing"),
    _e("goods.clothing.shoes", "鞋", "shoes",
       "鞋 运动鞋 皮鞋 靴子 nike 耐克 阿迪达斯 adidas 开胶 鞋底 断底 安踏 李宁", "goods.clothing"),
    _e("goods.clothing.bags", "箱包帽饰", "bags and accessories",
       "箱包 行李箱 手提包 背包 皮包 钱包 帽子 围巾 lv gucci", "goods.clothing"),
    _e("goods.vehicles.car", "汽车", "cars",
       "汽车 4s店 新车 二手车 轿车 车辆 发动机 变速箱 特斯拉 tesla 比亚迪 丰田 大众 提车 里程 召回 烧机油",
       "goods.vehicles"),
    _e("goods.vehicles.ebike", "电动自行车及摩托车", "e-bikes and motorcycles",
       "续航 电动车 电瓶车 电动自行车 自行车 摩托车 雅迪 爱玛 电瓶", "goods.vehicles"),
    _e("goods.vehicles.parts", "汽车零部件及用品", "car parts", "轮胎 汽车配件 机油 刹车片 行车记录仪 车载",
       "goods.vehicles"),
    _e("goods.housing.house", "商品房", "housing",
       "商品房 开发商 交房 购房 房产 售楼处 楼盘 期房 房屋质量 精装修房", "goods.housing"),
    _e("goods.housing.materials", "建材", "building materials",
       "瓷砖 地板 涂料 乳胶漆 门窗 卫浴 马桶 水龙头 建材 石材 木门 防盗门 墙纸 壁纸 吊顶", "goods.housing"),
    _e("goods.jewellery.jewellery", "首饰", "jewellery",
       "黄金 首饰 项链 戒指 手镯 钻石 翡翠 玉石 金店 克重 金饰 银饰 珠宝 和田玉 手串", "goods.jewellery"),
    _e("goods.jewellery.stationery", "文体用品", "stationery and sporting goods",
       "文具 体育用品 乐器 钢琴 吉他 球拍 跑步机 健身器材 书包 图书", "goods.jewellery"),
    _e("goods.jewellery.toys", "玩具", "toys", "玩具 乐高 lego 盲盒 手办 积木 遥控车", "goods.jewellery"),
    _e("goods.drinks.liquor", "酒类", "alcohol",
       "烟酒店 白酒 茅台 五粮液 红酒 啤酒 葡萄酒 洋酒 酒水 汾酒 假酒", "goods.drinks"),
    _e("goods.drinks.beverage", "饮料", "beverages",
       "饮料 矿泉水 果汁 奶茶 咖啡 可乐 茶叶 桶装水 瓶装水", "goods.drinks"),
    _e("goods.drinks.tobacco", "烟草", "tobacco", "香烟 烟草 电子烟 雪茄", "goods.drinks"),
    _e("goods.medical.drugs", "药品", "medicines",
       "药品 药店 药房 处方药 中药 西药 感冒药 药材 阿胶 药", "goods.medical"),
    _e("goods.medical.devices", "医疗器械", "medical devices",
       "医疗器械 血压计 血糖仪 口罩 助听器 隐形眼镜 轮椅 理疗仪 体温计 美瞳", "goods.medical"),
    _e("goods.agri.seeds", "种子种苗", "seeds", "种子 种苗 出苗 发芽 玉米种 树苗", "goods.agri"),
    _e("goods.agri.inputs", "化肥农药饲料", "fertiliser, pesticides and feed",
       "化肥 农药 肥料 饲料 兽药 除草剂 农资", "goods.agri"),
    _e("goods.agri.machinery", "农业机械", "farm machinery", "农机 拖拉机 收割机 播种机 农用机械", "goods.agri"),
    # services
    _e("services.living.beauty", "美容美发", "beauty and hairdressing",
       "美容 美发 理发 烫发 染发 美甲 美容院 发廊 纹眉 皮肤管理 美容店 理发店 护理卡 办卡 美睫 发型",
       "services.living"),
    _e("services.living.catering", "餐饮服务", "restaurants",
       "吃饭 点的 餐厅 饭店 就餐 用餐 服务费 包间费 开瓶费 最低消费 餐馆 饭馆 酒楼 菜单 点菜", "services.living"),
    _e("services.living.repair", "维修服务", "repair services",
       "维修师傅 上门维修 家电维修 开锁 管道疏通 维修店 修理店 修手机 换屏", "services.living"),
    _e("services.living.housekeeping", "家政服务", "housekeeping",
       "家政 保姆 月嫂 保洁 育儿嫂 家政公司", "services.living"),
    _e("services.living.hotel", "住宿服务", "accommodation",
       "酒店房间 床单 宾馆 酒店入住 民宿 住宿 入住 房费 客房 酒店预订", "services.living"),
    _e("services.living.personal", "洗浴洗染摄影婚庆", "baths, laundry, photography and weddings",
       "洗浴 足疗 按摩店 干洗 洗衣店 婚纱摄影 照相馆 婚庆 婚介 婚恋 写真", "services.living"),
    _e("services.living.parking", "停车服务", "parking", "停车 停车场 停车费 临时停车 车位", "services.living"),
    _e("services.internet.shopping", "网络购物", "online shopping",
       "电商平台 平台店铺 双十一 双11 网上买 网购 网店 淘宝 京东 拼多多 天猫 抖音 快手 直播间 七天无理由 平台客服 旗舰店 网上购买 网购平台 主播 "
       "直播带货 商家发货 下单 收货 快递送达 闲鱼 电商", "services.internet", "网络购物"),
    _e("services.internet.apps", "网络服务", "online services",
       "app 视频会员 会员自动续费 开通会员 自动续费 网络游戏充值 游戏 小程序 视频会员 网络游戏 账号 外卖平台 美团 饿了么 网约车 滴滴 打车",
       "services.internet"),
    _e("services.education.tutoring", "培训辅导", "tutoring and training",
       "培训班 辅导班 补课 培训机构 课时 学费 课时费 托管 早教 英语培训 学科培训 网课 在线课程 课程",
       "services.education", "教育培训"),
    _e("services.education.vocational", "职业技能培训", "vocational training",
       "职业培训 考证 驾校 学车 教练 技能培训 考研 报考", "services.education"),
    _e("services.education.arts", "艺体培训", "arts and sports training",
       "舞蹈班 美术班 钢琴课 书法班 跆拳道 游泳培训 篮球培训 声乐", "services.education"),
    _e("services.culture.fitness", "健身", "fitness",
       "gym 健身房 健身 私教 游泳馆 瑜伽 健身卡 健身中心 会籍 教练课 私教课 次卡", "services.culture", "健身服务"),
    _e("services.culture.entertainment", "娱乐", "entertainment",
       "ktv 电影院 网吧 剧本杀 密室 游乐园 游乐场 电玩城 台球 棋牌", "services.culture"),
    _e("services.culture.events", "演出及体育赛事", "shows and sports events",
       "演唱会 演出 门票 球赛 话剧 音乐节", "services.culture"),
    _e("services.sales.retail", "商场超市销售服务", "retail sales service",
       "超市 商场 搭售 促销 赠品 积分 会员日 专柜 导购 收银", "services.sales", "销售服务"),
    _e("services.telecom.mobile", "通信服务", "mobile and broadband",
       "话费 流量 套餐 移动公司 中国移动 联通 中国电信 携号转网 宽带 营业厅 靓号 手机卡 增值业务 网速",
       "services.telecom"),
    _e("services.finance.banking", "银行及支付", "banking and payment",
       "银行 信用卡 贷款 分期 理财 支付宝 微信支付 扣款 手续费 利息 花呗 借呗", "services.finance"),
    _e("services.property.renovation", "装修服务", "renovation",
       "装修公司 装修 施工 装修队 工期 增项 水电改造 半包 全包 设计费", "services.property"),
    _e("services.property.management", "物业服务", "property management",
       "物业 物业费 物业公司 小区 电梯 门禁 保安", "services.property", "物业服务"),
    _e("services.property.rental", "房屋中介及租赁", "estate agents and rentals",
       "中介 租房 房租 押金 二房东 房屋中介 长租公寓 中介费 租赁", "services.property"),
    _e("services.travel.tour", "旅行社及景区", "tours and scenic spots",
       "旅行社 旅游团 导游 跟团 购物店 景区 旅游 一日游 团费 景点", "services.travel"),
    _e("services.travel.transport", "交通客运", "passenger transport",
       "机票 航空公司 航班 火车票 客运 长途汽车 延误 改签 退票 托运", "services.travel"),
    _e("services.insurance.insurance", "保险", "insurance",
       "保险 理赔 保单 车险 寿险 保费 退保 碎屏险 意外险", "services.insurance"),
    _e("services.health.medical", "医疗服务", "medical services",
       "医院 诊所 口腔 牙科 整形 医美 体检 种植牙 眼科 玻尿酸 民营医院", "services.health"),
    _e("services.health.care", "养生保健服务", "wellness services",
       "养生 理疗 推拿 艾灸 养生馆 保健按摩 调理", "services.health"),
    _e("services.public.utilities", "水电气暖", "water, power, gas and heating",
       "供水 供电 燃气 暖气 供暖 水费 电费 燃气费 自来水 停水 停电 天然气 燃气表", "services.public"),
    _e("services.postal.delivery", "快递", "express delivery",
       "快递 包裹 丢件 快递员 顺丰 中通 圆通 申通 韵达 派送 快递公司 驿站 寄件", "services.postal"),
    _e("services.postal.post", "邮政服务", "postal services", "邮政 邮局 挂号信 邮寄", "services.postal"),
    _e("other.other", "其他", "other", "", "other"),
)

# --- the ten problem types (投诉性质) ------------------------------------------------------------------
PROBLEMS = (
    _e("after_sales", "售后服务", "after-sales service",
       "没修好 一直拖着 不给处理 不认账 报修 没人上门 不上门 推给 不归 不保修 保修期 人为损坏 只同意维修 拒收 拉黑 不退款 售后说 售后 拒绝退换 拒绝退货 不给退 不予退换 不退 拖延 不处理 推诿 推脱 保修 三包 七天无理由 客服 不予处理 "
       "拒不处理 退货被拒 不同意退 不给换 只同意补 互相推诿 拒绝维修 上门维修", "", "售后服务问题"),
    _e("contract", "合同", "contract",
       "定金 增项 工期 扣费 扣钱 押金 违约金 甩团 取消行程 延误 丢件 丢失 送错 理赔 免责 搭售 不让销户 没房 停办 倒闭 爆雷 烂尾 卷款 经营主体 更换老板 不认 不安排 拖欠 不兑现 没收到 退费被拒 单方面取消 强制 乱扣 甩客 只退一半 不能入住 合同 预付卡 跑路 关门 突然关闭 停业 联系不上 会员卡 年卡 退卡 充值 违约 定金 订金 不履行 未发货 "
       "霸王条款 格式条款 自动续费 转让 变更经营主体 剩余费用 剩余课时 未消费 不发货 延期 逾期交房 承诺",
       "", "合同问题 预付卡"),
    _e("quality", "质量", "quality",
       "卡死 拉不开 翘起来 结块 划痕 不出热水 没弄好 修不好 含绒量 掉跟 鞋跟 渗水 不合格 坏 不行 烧机油 没声音 异响 关机 跑绒 开线 夹生 掉了 塌陷 起鼓 空鼓 漏油 脱皮 起泡 不灵 不充电 卡住 焦味 绿线 坏点 涂层 不冻 结冰 松脱 用不了 掉色 污渍 度数不对 不透气 少了好几块 质量 开裂 裂缝 裂纹 变形 坏了 故障 漏水 起球 褪色 开胶 异味 甲醛 损坏 破损 不能用 质量问题 不合格 "
       "冒充合格 瑕疵 断裂 掉漆 生锈 死机 黑屏 不制冷 漏电 噪音 坏掉 失灵 缩水 卡顿 脱落 断底 断了 烫坏 受损 "
       "掉发 烂了 有问题 开机 充不进电 不出水",
       "", "质量问题 冒充合格产品"),
    _e("price", "价格", "price",
       "加价 另收 额外收取 贵了 手续费 虚构原价 先涨价后打折 未公示 不透明 运费 加收 标价 结账 收银 多收费 最低消费 价目表 促销价 会员价 价格 收费 乱收费 多收 标价 价格欺诈 涨价 差价 政府指导价 明码标价 收费标准 服务费 高价 天价 "
       "价格不一致 未标价 补差价 收费不合理 先涨后降 包间费 开瓶费", "", "不执行政府指导价 市场调节价问题 价格问题"),
    _e("false_advertising", "虚假宣传", "false advertising",
       "能治 不留疤 照片和实际 宣传 说是 号称 忽悠 实际是 根本不支持 包过 包治百病 承诺提分 跟宣传不符 实物和图片 名师 一级能效 虚假宣传 夸大 与宣传不符 描述不符 广告 虚假 诱导 宣称 宣传为 承诺包过 保证效果 夸大功效 不一致",
       "", "虚假宣传问题"),
    _e("safety", "安全", "safety",
       "冒烟 烧了 红疹 颗粒 篡改日期 馊味 射到眼睛 没有警示 健康证 拉肚子 上吐下泻 肚子疼 肚子不舒服 不新鲜 发酸 臭 金属丝 塑料片 絮状物 注水肉 没熟 鼓包 火花 着火 漏电 砸 刹车失灵 摔 吞 有毒 起疹子 红肿 发炎 地沟油 摄像头 住院 老鼠 胃疼 头晕 安全 食品安全 变质 发霉 霉点 异物 沙粒 吃出头发 有头发 虫子 苍蝇 腹泻 呕吐 过期 保质期 三无 爆炸 起火 自燃 受伤 "
       "过敏 中毒 烫伤 触电 馊 异味 发臭 不卫生 无证 卫生",
       "", "人身、财产安全受损害 食品安全 安全问题"),
    _e("counterfeit", "假冒", "counterfeit",
       "翻新的 海外版 卖假 山寨的 假的 是假 含金量 鉴定 b货 副厂 官换机 查不到 序列号 泡水车 调表 批号 假药 改装 二手冒充 事故车 高仿 假冒 假货 以假充真 以次充好 冒牌 山寨 翻新机 拆修机 非原装 高仿 不是正品 冒充 仿冒 假酒 疑似假货 贴牌",
       "", "以假充真、以次充好 假冒伪劣 在产品中以假充真、在产品中以次充好"),
    _e("dignity", "人格尊严", "personal dignity",
       "骂 态度恶劣 骚扰电话 泄露 隐私 搜身 辱骂 殴打 搜身 侮辱 赶出 推搡 泄露个人信息 骚扰 打人 威胁 谩骂 人格 骂人 恐吓 个人信息", "",
       "人格权益"),
    _e("metrology", "计量", "metrology",
       "轻了 按两算 少了三两 净含量 少了 虚高 实际只有 复称 一称 缺斤少两 短斤少两 计量 克重 称重 电子秤 秤 加油机 少给 分量不足 鬼秤 缺量", "", "计量问题"),
    _e("other", "其他", "other", "", "", "其他投诉问题"),
)

# --- the consumer's requests (诉求类型) ------------------------------------------------------------------
REQUESTS = (
    _e("return", "退货", "return the goods", "退货 退货退款"),
    _e("exchange", "换货", "exchange", "换货 更换 调换 换新 换一台 换一个", "", "更换"),
    _e("repair", "维修", "repair", "维修 修理 返修 上门维修 修好"),
    _e("refund", "退款", "refund", "退款 退钱 退还货款 全额退款 退回款项"),
    _e("compensation", "赔偿", "compensation",
       "赔偿 赔付 退一赔三 退一赔十 三倍赔偿 十倍赔偿 赔偿损失 医药费 误工费", "", "赔偿损失"),
    _e("fee_refund", "退费", "refund of fees",
       "退费 退还剩余费用 退卡 退还费用 退赔费用 退还学费 退还押金 退还定金 退还未消费", "", "退赔费用"),
    _e("apology", "道歉", "apology", "道歉 赔礼"),
    _e("performance", "继续履行", "performance of the contract",
       "继续履行 继续提供服务 按约定 尽快发货 按时交付 兑现承诺"),
    _e("investigate", "依法查处", "investigation by the bureau",
       "依法查处 查处 处罚 核查 调查 取缔 依法处理 规范经营 整改", "", "停止侵权"),
    _e("other", "其他", "other"),
)

# --- matters that are not market regulation's business, and where to send the filer ----------------------
OUT_OF_SCOPE = (
    _e("labour", "劳动保障", "labour inspection (人社 / 12333)",
       "工资 拖欠工资 不给工资 欠薪 社保 劳动合同 辞退 加班费 兼职 工伤 克扣工资"),
    _e("disclosure", "政府信息公开", "government information disclosure", "信息公开 政府信息公开申请"),
    _e("petition", "信访", "petitions (信访)", "行政事业性收费 信访 纪委 监察委 举报干部 公务员"),
    _e("utilities_works", "住建 / 城管", "housing and urban management",
       "燃气管道施工 违章建筑 噪音扰民 占道经营 私搭乱建"),
)

# --- tags: facts worth knowing that are neither a category nor a problem ----------------------------------
TAGS = (
    _e("prepaid", "预付式消费", "prepaid consumption",
       "预付卡 储值卡 充值卡 购物卡 消费卡 会员卡 预付款 预存 年卡 次卡 季卡 办卡 充值 课时费 私教课"),
    _e("online", "网络交易", "online purchase",
       "网购 网店 淘宝 京东 拼多多 天猫 抖音 快手 直播间 平台 旗舰店 网上购买 下单 闲鱼 电商"),
    _e("punitive", "惩罚性赔偿", "punitive damages", "退一赔三 退一赔十 三倍赔偿 十倍赔偿 三倍 十倍 惩罚性赔偿"),
)

FACETS = {"kind": KINDS, "category": CATEGORIES, "problem": PROBLEMS, "request": REQUESTS,
          "out_of_scope": OUT_OF_SCOPE, "tag": TAGS, "report_hint": REPORT_HINTS}

_INDEX: dict[str, dict[str, Entry]] = {}


def _build_index() -> None:
    for facet, entries in (*FACETS.items(), ("major", MAJORS)):
        table: dict[str, Entry] = {}
        for entry in entries:
            for key in (entry.code, entry.zh, entry.en, *entry.aliases):
                table.setdefault(key.lower(), entry)
        _INDEX[facet] = table


_build_index()


def lookup(facet: str, value: str) -> Entry | None:
    """The entry a code, a Chinese or English label or an alias stands for, or None."""
    return _INDEX.get(facet, {}).get((value or "").strip().lower())


def by_code(facet: str, code: str) -> Entry | None:
    entry = lookup(facet, code)
    return entry if entry is not None and entry.code == code else None


def major_of(category_code: str) -> Entry | None:
    entry = by_code("category", category_code)
    return by_code("major", entry.parent) if entry else None


@functools.cache  # the taxonomy is fixed when the module loads; classification asks for a few labels per text
def label(facet: str, code: str, language: str = "zh") -> str:
    entry = lookup(facet, code)
    if entry is None:
        return code
    return entry.zh if language.startswith("zh") else entry.en
