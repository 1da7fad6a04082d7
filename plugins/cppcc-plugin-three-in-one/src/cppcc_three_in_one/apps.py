from plugin_api import PluginAppConfig


class ThreeInOneConfig(PluginAppConfig):
    default = True  # the AppConfig Django picks for this module
    name = "cppcc_three_in_one"
    label = "three_in_one"
    verbose_name = "三位一体"
    method = "cppcc_three_in_one.method.ThreeInOne"
    demo = "cppcc_three_in_one.demo.load"
