"""Look-up of the business as the consumer types (htmx fills a datalist)."""

from django.core.cache import cache

from weiquan.cases.models import Business


def test_suggests_registered_businesses_and_odr_enterprises(client, db):
    cache.clear()
    Business.objects.create(name="大同市平城区红旗家具城", address="大同市平城区御河西路168号")
    response = client.get("/submit/businesses/", {"business_name": "红旗家具"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<datalist id="business-suggestions">' in html
    assert 'value="大同市平城区红旗家具城"' in html
    assert 'value="大同市平城区红旗家具城有限公司"' in html  # the ODR enterprise of the demo province


def test_one_character_suggests_nothing(client, db):
    html = client.get("/submit/businesses/", {"business_name": "红"}).content.decode()
    assert "<option" not in html
