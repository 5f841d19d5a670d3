"""Every public page renders, in Chinese (default) and in English."""

import pytest

PAGES = ["/", "/submit/complaint/", "/submit/report/", "/submit/consultation/", "/track/", "/privacy/"]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("lang,word", [("zh-hans", "投诉"), ("en", "complaint")])
def test_page_renders_in_both_languages(client, url, lang, word, db):
    client.cookies["django_language"] = lang
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{lang}"' in html
    assert word.lower() in html.lower()


def test_home_explains_the_three_kinds_with_time_limits(client, db):
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    for text in ("File a complaint", "Report a violation", "Ask a question", "7 working days", "15 working days"):
        assert text in html


def test_unknown_kind_is_404(client, db):
    assert client.get("/submit/petition/").status_code == 404


def test_language_switch_is_offered(client, db):
    html = client.get("/").content.decode()
    assert 'action="/i18n/setlang/"' in html and 'value="en"' in html


def test_public_pages_load_no_inline_script(client, db):
    html = client.get("/submit/complaint/").content.decode()
    assert "<script>" not in html
    assert "/static/public/public.js" in html
