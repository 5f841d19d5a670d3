"""Pages speak Simplified Chinese by default, whatever the browser's language; the switch chooses English."""


def test_pages_default_to_chinese_even_for_an_english_browser(client, db):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-hans"' in html and "投诉" in html


def test_the_language_switch_chooses_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert 'lang="en"' in html and "File a complaint" in html


def test_the_api_follows_accept_language(client, db):
    response = client.get("/api/v1/calendar/due?start=2026-09-28", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 422
