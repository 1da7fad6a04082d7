from plugin_api import PluginAppConfig


class YoushiConfig(PluginAppConfig):
    default = True  # the AppConfig Django picks for this module
    name = "cppcc_youshi"
    label = "youshi"
    verbose_name = "有事来协商"
    method = "cppcc_youshi.method.YoushiLaiXieshang"
    demo = "cppcc_youshi.demo.load"
    editor_permissions = (
        "youshi.add_coverageunit",
        "youshi.change_coverageunit",
        "youshi.delete_coverageunit",
    )
