from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo (``manage.py load_demo``): the layer on top that composes every app's demo part
    (consultation.demo, members.demo, topics.demo, search.demo, each plugin's ``demo``) into
    one prefecture with its counties. No app imports it."""

    name = "demo"
    verbose_name = "演示数据"
