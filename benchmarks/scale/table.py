"""The markdown table of one run, each figure beside its target from issue 17."""

PUBLIC_P50_MS = 25  # every public page and search, uncached, 1 client
ADMIN_P50_MS = 150
SCALING = 1.5  # 8-client req/s at least this many times the 1-client req/s
CACHED_SHARE = 0.5  # cached req/s at least this share of the static file's


def _mark(ok):
    return "✓" if ok else "✗"


def _ms(value):
    if value is None:
        return "—"
    return f"{value:.1f} ms" if value < 100 else f"{value:,.0f} ms"


def _rps(value):
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _errors(run):
    return f" ({run['errors']} errors)" if run and run.get("errors") else ""


def row(result, static_rps):
    """One line: page | uncached p50 | p99 | 8-client req/s | cached p50 | cached req/s."""
    case = result["case"]
    label = case["label"] + (f" ⟳{result['restarts']}" if result.get("restarts") else "")
    if result.get("failed"):
        return f"| {label} | {result['failed']} | | | | |"
    one, eight = result["one"], result["eight"]
    if case["kind"] == "static":
        return (
            f"| {label} | {_ms(one['p50'])} | {_ms(one['p99'])} | "
            f"{_rps(eight['rps'])} (1 client: {_rps(one['rps'])}) | | |"
        )
    target = PUBLIC_P50_MS if case["kind"] == "public" else ADMIN_P50_MS
    p50 = f"{_ms(one['p50'])} {_mark(one['p50'] is not None and one['p50'] <= target)}"
    ratio = eight["rps"] / one["rps"] if one["rps"] else 0
    scaling = f"{_rps(eight['rps'])} ({ratio:.1f}×) {_mark(ratio >= SCALING)}"
    cached_p50 = cached_rps = "—"
    if result.get("cached_one"):
        share = result["cached_eight"]["rps"] / static_rps if static_rps else 0
        cached_p50 = _ms(result["cached_one"]["p50"])
        cached_rps = (
            f"{_rps(result['cached_eight']['rps'])} ({share:.0%}) "
            f"{_mark(share >= CACHED_SHARE)}{_errors(result['cached_eight'])}"
        )
    elif case["kind"] == "public":
        cached_p50 = cached_rps = "not cached"
    return (
        f"| {label} | {p50}{_errors(one)} | {_ms(one['p99'])} | "
        f"{scaling}{_errors(eight)} | {cached_p50} | {cached_rps} |"
    )


def static_rps(results):
    """The limit: the best 8-client rate of the static file's runs (a worker restart in one
    of them leaves the server a worker short for seconds)."""
    rates = [r["eight"]["rps"] for r in results if r["case"]["kind"] == "static" and "eight" in r]
    return max(rates, default=0)


def render(results):
    static_rps_ = static_rps(results)
    lines = [
        f"Targets: public uncached p50 ≤ {PUBLIC_P50_MS} ms, admin ≤ {ADMIN_P50_MS} ms; "
        f"8 clients ≥ {SCALING}× 1 client; cached ≥ {CACHED_SHARE:.0%} of the static file's "
        "8-client rate.",
        "",
        "| page | uncached p50 (1 client) | p99 | 8-client req/s (× 1-client) "
        "| cached p50 | cached req/s (8 clients, % of static) |",
        "|---|---|---|---|---|---|",
    ]
    lines += [row(result, static_rps_) for result in results]
    return "\n".join(lines)
