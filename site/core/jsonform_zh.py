"""django-jsonform's editor (plugins' configuration forms) writes its buttons and messages in
English inside its JavaScript bundle, with no catalogue to translate them: a small script in
every admin page puts them into Chinese as the editor renders them."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# The bundle's visible strings (django_jsonform/static/django_jsonform/react-json-form.js).
STRINGS = {
    "Add item": "添加一项",
    "Add new item": "添加一项",
    "Add key": "添加键",
    "Add new key": "添加新键",
    "Select...": "请选择…",
    "Remove": "删除",
    "Delete": "删除",
    "Move up": "上移",
    "Move down": "下移",
    "Clear": "清除",
    "Edit": "编辑",
    "Cancel": "取消",
    "Expand": "展开",
    "Collapse": "收起",
    "Collapsed": "已收起",
    "Rename key": "重命名键",
    "Open menu": "打开菜单",
    "Close menu": "关闭菜单",
    "No options": "没有选项",
    "Select file": "选择文件",
    "Change file": "更换文件",
    "Upload new": "上传新文件",
    "Date": "日期",
    "Time": "时间",
    "Set": "确定",
    "Hrs": "时",
    "Min": "分",
    "Sec": "秒",
    "This field is required.": "此项必填。",
    "Invalid value.": "值无效。",
    "Invalid value. Only numbers allowed.": "值无效，只能填写数字。",
    "Invalid value. Only integers allowed.": "值无效，只能填写整数。",
    "Enter a valid email address.": "请输入有效的电子邮箱地址。",
}

_SCRIPT = """
(function () {
  var strings = %s;
  var attrs = ["title", "placeholder", "aria-label"];
  function translate(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue.trim();
      if (strings[text]) node.nodeValue = node.nodeValue.replace(text, strings[text]);
    }
    root.querySelectorAll("*").forEach(function (element) {
      attrs.forEach(function (name) {
        var value = element.getAttribute(name);
        if (value && strings[value]) element.setAttribute(name, strings[value]);
      });
    });
  }
  function watch(container) {
    if (container.dataset.cppccZh) return;
    container.dataset.cppccZh = "1";
    translate(container);
    new MutationObserver(function () { translate(container); }).observe(
      container, {childList: true, subtree: true, characterData: true, attributes: true,
      attributeFilter: attrs});
  }
  function scan() {
    document.querySelectorAll("[data-django-jsonform-container]").forEach(watch);
  }
  document.addEventListener("DOMContentLoaded", scan);
  new MutationObserver(scan).observe(document.documentElement, {childList: true, subtree: true});
})();
"""


def jsonform_script():
    strings = json.dumps(STRINGS, ensure_ascii=False)
    return format_html("<script>{}</script>", mark_safe(_SCRIPT % strings))
