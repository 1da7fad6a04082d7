"""What the browser tests share: where things are, and the axe-core run."""

import importlib.util
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "cppcc-demo-2026"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def missing():
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk; .ci/run does)"
    if not AXE.exists():
        return f"{AXE.relative_to(ROOT)} is missing (make browser-deps)"
    if importlib.util.find_spec("playwright") is None:
        return "Playwright for Python is not installed (make install)"
    return None


def new_context(browser, viewport):
    """A browser context with no cookies: a new reader."""
    context = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1)
    context.set_default_timeout(15_000)
    return context


def run_axe(page):
    """axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now; the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated over the DevTools protocol, not as a <script> element: the public pages'
        # content security policy (script-src 'self') refuses inline scripts, as it should.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}}).then(r => ({
            passes: r.passes.length,
            violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html,
                                          summary: n.failureSummary})),
            })),
        }))""",
        AXE_TAGS,
    )
    assert result["passes"], "axe-core checked nothing: is the page empty?"
    return result["violations"]


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def describe(violations):
    return json.dumps(violations, ensure_ascii=False, indent=1)
