"""jieba against rjieba on the seeds: the same dictionary, how fast each segments and whether
they agree (search.text uses rjieba).

    .venv/bin/python benchmarks/segmenters.py
"""

import difflib
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site"))

import jieba  # noqa: E402
import rjieba  # noqa: E402

from search.text import clean, fold  # noqa: E402

SEEDS = ROOT / "site" / "demo" / "seeds"  # the seeds, as the demo uses them
ROUNDS = 20


def main():
    text = fold(
        "\n".join(clean(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt")))
    )
    jieba.setLogLevel(60)
    jieba.initialize()
    rjieba.cut("预热")
    print(
        f"# segmenters — {len(text)} characters of seed text × {ROUNDS}, "
        f"{platform.machine()}, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"
    )
    results = {}
    for name, cut in (
        ("jieba.cut", lambda t: list(jieba.cut(t))),
        ("rjieba.cut", rjieba.cut),
        ("jieba.cut_for_search", lambda t: list(jieba.cut_for_search(t))),
        ("rjieba.cut_for_search", rjieba.cut_for_search),
    ):
        started = time.perf_counter()
        for _ in range(ROUNDS):
            words = cut(text)
        elapsed = time.perf_counter() - started
        results[name] = words
        print(f"{name:<24}{len(text) * ROUNDS / elapsed / 1e6:8.2f} M chars/s")
    for mode in ("cut", "cut_for_search"):
        a, b = results[f"jieba.{mode}"], results[f"rjieba.{mode}"]
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        differing = [
            (a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"
        ]
        print(
            f"{mode}: {len(a)} vs {len(b)} words, {matcher.ratio():.1%} alike; "
            f"first differences: {differing[:3]}"
        )


if __name__ == "__main__":
    main()
