from plugin_api import PluginAppConfig


class BenchConfig(PluginAppConfig):
    default = True  # the AppConfig Django picks for this module
    name = "cppcc_bench"
    label = "bench"
    verbose_name = "板凳协商会"
    method = "cppcc_bench.method.BenchMeeting"
    demo = "cppcc_bench.demo.load"
