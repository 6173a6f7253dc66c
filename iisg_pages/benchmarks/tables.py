"""The serving benchmark's tables: each figure with its goal beside it, met or not met."""

CACHED_FACTOR = 10


def met(ok):
    return "met" if ok else "NOT MET"


def throughput_table(rows, report_name, others):
    """Lines for [(name, path, uncached Load, cached Load)]: requests/s uncached and cached.
    Goals: the report uncached ≥ the pages named in `others` uncached; cached ≥ 10× uncached."""
    best_other = max((u.per_second for name, _p, u, _c in rows if name in others), default=0.0)
    header = (
        f"{'page':<24} {'path':<42} {'uncached':>9}  {'goal':<18} {'met':<7}  "
        f"{'cached':>9} {'hits':>5}  {'goal':<16} {'met':<7}"
    )
    lines = [header, "-" * len(header)]
    for name, path, uncached, cached in rows:
        if name == report_name:
            uncached_goal = f"≥ {best_other:.1f} (others)"
            uncached_met = met(uncached.per_second >= best_other)
        else:
            uncached_goal, uncached_met = "—", ""
        wanted = CACHED_FACTOR * uncached.per_second
        hits = cached.page_cache["hit"] / cached.requests * 100 if cached.requests else 0.0
        lines.append(
            f"{name:<24} {path:<42} {uncached.per_second:>9.1f}  {uncached_goal:<18} "
            f"{uncached_met:<7}  {cached.per_second:>9.1f} {hits:>4.0f}%  "
            f"{f'≥ {wanted:.1f} ({CACHED_FACTOR}×)':<16} {met(cached.per_second >= wanted):<7}"
        )
    lines.append(
        f"The report's goal compares it with the other public pages ({', '.join(others)}); hits: "
        "share of cached answers served from the page cache (X-Page-Cache: hit)."
    )
    return lines


def latency_table(rows):
    """Lines for [(name, path, Load or None, goal ms, note)]; met when p95 ≤ the goal."""
    header = f"{'what':<36} {'path':<40} {'p50 ms':>10} {'p95 ms':>10}  {'goal':<9} {'met':<7}"
    lines = [header, "-" * len(header)]
    for name, path, load, goal, note in rows:
        if load is None:
            lines.append(f"{name:<36} {path:<40} {note:>21}  {'≤ ' + str(goal) + ' ms':<9} —")
            continue
        p50, p95 = load.percentile_ms(50), load.percentile_ms(95)
        lines.append(
            f"{name:<36} {path:<40} {p50:>10.1f} {p95:>10.1f}  {'≤ ' + str(goal) + ' ms':<9} "
            f"{met(p95 <= goal and not load.failed):<7}"
        )
    lines.append("Met: p95 within the goal and every answer 200.")
    return lines


def failure_lines(loads):
    """One line per (name, path) whose answers were not all 200, or that none failed."""
    lines = [
        f"  {name} {path}: "
        + ", ".join(f"{status} × {count}" for status, count in load.failures.most_common())
        + f" of {load.requests}"
        for name, path, load in loads
        if load is not None and load.failed
    ]
    total = sum(load.requests for _n, _p, load in loads if load is not None)
    return (
        ["Failures (answers other than 200):", *lines]
        if lines
        else [f"Failures: none ({total} requests, every answer 200)."]
    )
