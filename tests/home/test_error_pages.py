import pytest

from builders import make_committee


@pytest.mark.django_db
def test_unknown_pages_get_a_chinese_404_in_the_committees_branding(client):
    make_committee("zhuanglang", "庄浪县政协", primary_colour="#8c1d18")
    response = client.get("/no-such-page/", HTTP_HOST="zhuanglang.test")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面未找到" in html
    assert "庄浪县政协" in html
    assert "Traceback" not in html


def test_the_500_page_needs_no_context_and_speaks_chinese():
    from django.template.loader import get_template

    html = get_template("500.html").render()
    assert "服务暂时不可用" in html


@pytest.mark.django_db
def test_a_server_error_shows_the_committees_name_and_never_a_traceback(settings):
    from django.test import Client
    from django.urls import path

    from cppcc import urls

    def broken(request):
        raise RuntimeError("boom")

    make_committee("zhuanglang", "庄浪县政协", primary_colour="#8c1d18")
    settings.ROOT_URLCONF = type(
        "BrokenURLs",
        (),
        {
            "urlpatterns": [path("broken/", broken), *urls.urlpatterns],
            "handler500": urls.handler500,
        },
    )
    response = Client(raise_request_exception=False).get("/broken/", HTTP_HOST="zhuanglang.test")
    assert response.status_code == 500
    html = response.content.decode()
    assert "服务暂时不可用" in html and "庄浪县政协" in html and "#8c1d18" in html
    assert "boom" not in html and "Traceback" not in html
