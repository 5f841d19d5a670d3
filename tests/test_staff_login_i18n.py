"""Login page, language switch and the layout's top bar."""

from django.test import Client


def test_login_page_is_in_chinese_by_default():
    html = Client().get("/accounts/login/").content.decode()
    assert "用户名" in html and "密码" in html and "登录" in html
    assert 'lang="zh-hans"' in html


def test_logging_in_leads_to_my_work(pingcheng):
    pingcheng.set_password("a-long-test-password")
    pingcheng.save()
    client = Client()
    response = client.post("/accounts/login/", {"username": "pingcheng", "password": "a-long-test-password",
                                                "next": "/staff/"})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    html = client.get("/staff/").content.decode()
    assert "pingcheng" in html and "大同市平城区市场监督管理局" in html and "承办人" in html


def test_a_wrong_password_is_refused_in_chinese(pingcheng):
    html = Client().post("/accounts/login/", {"username": "pingcheng", "password": "wrong"}).content.decode()
    assert 'role="alert"' in html


def test_switching_to_english_and_back(pingcheng):
    client = Client()
    client.force_login(pingcheng)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/staff/"})
    assert response.status_code == 302
    html = client.get("/staff/").content.decode()
    assert "My work" in html and "To accept" in html and 'lang="en"' in html
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/staff/"})
    assert "我的工作" in client.get("/staff/").content.decode()


def test_the_top_bar_shows_navigation_by_role(admin_user, analyst, clerk):
    for user, sees_intake in ((clerk, True), (analyst, False)):
        client = Client()
        client.force_login(user)
        nav = client.get("/staff/").content.decode().split('class="mainnav"')[1].split("</nav>")[0]
        assert ('href="/staff/intake/"' in nav) is sees_intake
        assert 'href="/staff/cases/"' in nav


def test_administrators_find_the_holiday_calendar_in_the_navigation(admin_user, pingcheng):
    for user, sees in ((admin_user, True), (pingcheng, False)):
        client = Client()
        client.force_login(user)
        nav = client.get("/staff/").content.decode().split('class="mainnav"')[1].split("</nav>")[0]
        assert ('href="/staff/calendar/"' in nav) is sees


def test_logout_is_a_post_form(pingcheng):
    client = Client()
    client.force_login(pingcheng)
    html = client.get("/staff/").content.decode()
    assert 'action="/accounts/logout/" method="post"' in html
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/staff/").status_code == 302


def test_the_public_home_page_renders():
    response = Client().get("/")
    assert response.status_code == 200


def test_pages_carry_no_inline_scripts(pingcheng, make_case):
    case = make_case()
    client = Client()
    client.force_login(pingcheng)
    for url in ("/staff/", f"/staff/cases/{case.number}/", "/staff/cases/", "/staff/intake/", "/accounts/login/"):
        html = client.get(url).content.decode()
        for tag in html.split("<script")[1:]:
            assert "src=" in tag.split(">")[0], f"inline script on {url}"
        assert " onclick=" not in html and " onchange=" not in html
