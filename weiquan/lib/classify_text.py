"""Normalising complaint text before any matching: full-width → half-width (NFKC), traditional → simplified
for the characters common in consumer disputes, lower-case Latin letters (brand names are kept, only their
case changes), runs of blanks folded. Pure and fast (`quick_unicode`)."""

from __future__ import annotations

import re

from .quick_unicode import Translation, nfkc

# Traditional → simplified, characters common in complaints, one pair per two characters.
_PAIRS = (
    "買买賣卖貨货換换價价質质問问題题開开裂裂維维費费號号區区縣县東东車车電电話话機机網网絡络購购務务說说請请"
    "舉举報报處处訴诉願愿賠赔償偿櫃柜門门個个們们這这來来時时發发現现後后應应該该對对關关於于與与為为點点經经營营"
    "業业專专實实際际產产錢钱額额幾几數数據据變变過过藥药醫医療疗學学員员師师課课險险種种農农裝装飾饰寶宝標标準准"
    "導导遊游萬万億亿會会碼码盤盘視视頻频戶户體体驗验銷销聯联繫系張张劉刘陳陈楊杨黃黄趙赵吳吴鄭郑韓韩許许鄧邓蕭萧"
    "馬马羅罗節节頭头條条給给沒没讓让蘋苹華华聲声劇剧場场歡欢樂乐戲戏濕湿氣气熱热紅红綠绿藍蓝廣广書书長长鐘钟錶表"
    "襪袜廠厂據据歲岁氣气鍋锅餐餐飯饭麵面餅饼雞鸡魚鱼蝦虾豬猪肉肉蛋蛋糧粮滿满減减讀读寫写聽听見见覺觉親亲愛爱"
    "嗎吗呢呢麼么樣样還还從从沒没裡里裏里邊边兩两動动態态誤误錯错壞坏斷断亂乱離离難难題题簽签約约訂订單单據据"
    "務务稅税權权誠诚優优惠惠紀纪錄录閉闭閒闲間间闆板腦脑熱热燈灯爐炉環环境境鏡镜鐵铁銀银鑽钻錶表飲饮酒酒煙烟"
    "衛卫護护膚肤潔洁髮发員员廳厅寧宁試试驗验險险隊队陽阳陰阴陸陆雙双雜杂靈灵韌韧響响頁页項项順顺預预領领頒颁"
    "額额顏颜風风飛飞餘余館馆駕驾騙骗驚惊體体髒脏鬧闹鳥鸟麥麦點点齊齐齒齿龍龙壓压夠够夢梦奪夺婦妇寵宠實实審审"
    "對对導导屆届屬属岡冈島岛廢废張张強强彈弹徑径從从復复愛爱態态慣惯慮虑憑凭戰战擇择擊击擔担據据擠挤攜携敗败"
    "數数斷断晝昼曬晒條条來来東东極极樓楼標标樣样橋桥機机權权歐欧歷历歸归殺杀毀毁氣气決决況况淨净淺浅測测湯汤"
    "溝沟滅灭漲涨潛潜濟济災灾為为烏乌無无煩烦爭争牆墙狀状獎奖獨独環环現现電电畫画當当療疗發发盜盗監监盡尽盤盘"
    "確确禮礼禍祸稱称穩稳窮穷競竞筆笔築筑簡简糾纠紙纸級级紀纪納纳純纯絕绝統统絲丝經经綁绑綜综線线緊紧緣缘練练"
    "縮缩總总繳缴續续罰罚罷罢義义習习聞闻聯联職职肅肃脅胁腳脚膠胶臉脸艙舱藝艺蘭兰處处號号蟲虫術术補补製制複复"
    "規规視视親亲覺觉觸触計计訊讯託托記记許许設设診诊詢询該该詳详誌志認认誤误說说課课調调談谈諮咨講讲證证識识"
    "議议護护讓让負负貝贝責责貴贵貸贷費费資资賓宾賠赔質质購购贈赠趕赶跡迹較较輛辆輪轮輸输轉转辦办農农週周運运"
    "過过達达違违遲迟遠远適适選选遺遗還还郵邮鄉乡醫医釋释針针鈔钞鋪铺錢钱鍵键長长門门閃闪閱阅關关陸陆險险隨随"
    "雖虽雞鸡離离難难雲云電电靜静頓顿頭头顧顾飽饱餓饿騎骑驗验鬥斗魚鱼麗丽黨党齡龄鮮鲜滷卤燒烧餵喂雙双異异團团擴扩顯显歸归壞坏掃扫攝摄滯滞礙碍撥拨擬拟賴赖準准繳缴軟软"
    "貼贴戲戏藥药療疗禮礼劑剂潤润蓋盖檢检鍊链")
_T2S = Translation(_PAIRS[0::2], _PAIRS[1::2])
_BLANKS = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _BLANKS.sub(" ", folded(text)).strip()


def folded(text: str) -> str:
    """`normalise` but for the blanks: full-width to half-width, traditional to simplified, lower case —
    for callers that drop blanks and punctuation anyway (hashed identities)."""
    return _T2S(nfkc(text or "")).lower()
