"""The benchmark's report in words: the aims it checks, and the report as text or Markdown tables."""

from __future__ import annotations


def check_aims(report: dict) -> dict:
    """The issue's aims, checked where this run can check them (the browser aims are measured elsewhere)."""
    rows = report.get("rows", 0)
    aims = {}
    if "import" in report:
        aims["import >= 100,000 rows/s"] = report["import"]["rows_per_s"] >= 100_000
        peak = report["import"]["peak_mb_import"] or report["import"]["peak_mb_whole_command"]
        aims["import peak <= 500 MB"] = peak <= 500
    pages = [(f, p, v) for f, e in report["filters"].items() for p, v in e["pages"].items()]
    if rows >= 5_000_000:
        aims["every page's work <= 300 ms warm"] = all(v["warm_ms"] <= 300 for _, _, v in pages)
        text = [v["warm_ms"] for f, _, v in pages if f.startswith("text")]
        aims["text search page <= 300 ms warm"] = all(t <= 300 for t in text)
    elif rows >= 500_000:
        aims["every page's work <= 50 ms warm"] = all(v["warm_ms"] <= 50 for _, _, v in pages)
        aims["every page's SQL <= 50 ms warm"] = all(v["warm_db_ms"] <= 50 for _, _, v in pages)
    aims["figure JSON <= 1 MB per page"] = all(v["figure_json_bytes"] <= 2**20 for _, _, v in pages)
    return aims


def format_report(report: dict) -> str:
    """The report as a readable table."""
    lines = []
    m = report["machine"]
    lines.append(f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_mb']:,} MB; Python {m['python']}, "
                 f"DuckDB {m['duckdb']}, SQLAlchemy {m['sqlalchemy']}, pandas {m['pandas']}")  # fmt: skip
    lines.append(f"load average (1, 5, 15 min) at start {m.get('load_average_at_start')}, "
                 f"at end {m.get('load_average_at_end')}")  # fmt: skip
    lines.append(f"data: {report['source']}: {report.get('rows', 0):,} interactions, "
                 f"{report.get('articles', 0):,} articles; medians of {report['repeat']}")  # fmt: skip
    if "generate" in report:
        g = report["generate"]
        lines.append(f"generate: {g['file_mb']} MB JSONL in {g['seconds']} s")
    if "import" in report:
        i = report["import"]
        lines.append(
            f"import: {i['rows_per_s']:,} interactions/s ({i['import_seconds']} s, of which "
            f"{i['startup_seconds']} s Python start-up; {i['rows_per_s_after_startup']:,}/s without it; "
            f"{i['rows_per_cpu_s']:,} per CPU "
            f"second: {i['cpu_seconds']} s of CPU); peak memory "
            f"{i['peak_mb_import']} MB (the whole command, with its mirror sync: "
            f"{i['peak_mb_whole_command']} MB, "
            f"{i['wall_seconds']} s)"
        )
    mi = report["mirror"]
    if "replicate_seconds" in report:
        lines.append(f"replicated in {report['replicate_seconds']} s; mirror file {mi['file_mb']} MB")
    else:
        lines.append(
            f"mirror: first full sync {mi['first_sync_seconds']} s (peak {mi['first_sync_peak_mb']} MB); "
            "opening the "
            f"up-to-date mirror in a fresh process {mi['open_seconds']} s; file {mi['file_mb']} MB"
        )
    p = report["pandas_pass"]
    lines.append(
        f"reference: one pandas boolean filter pass ({p['filter']}) over {p['rows']:,} rows: {p['ms']} ms"
    )
    for name, entry in report["filters"].items():
        lines.append("")
        lines.append(f"filter: {name}  ({entry['describe']})")
        lines.append(
            f"  {'page / step':<28}{'cold ms':>10}{'warm ms':>10}{'SQL ms':>9}{'JSON KB':>9}{'x pandas':>10}"
        )
        for page, value in entry["pages"].items():
            lines.append(
                f"  {page:<28}{value['cold_ms']:>10.1f}{value['warm_ms']:>10.1f}{value['warm_db_ms']:>9.1f}"
                f"{value['figure_json_bytes'] / 1024:>9.1f}{value['ratio_to_pandas_pass']:>10.2f}"
            )
            for step, s in value["steps"].items():
                lines.append(
                    f"    {step:<26}{s['cold_ms']:>10.1f}{s['warm_ms']:>10.1f}{s['warm_db_ms']:>9.1f}"
                )
    lines.append("")
    for aim, met in report.get("aims", {}).items():
        lines.append(f"aim {'met    ' if met else 'NOT met'}: {aim}")
    return "\n".join(lines)


def format_markdown(report: dict, steps: bool = False) -> str:
    """The page tables as Markdown (docs/benchmarks.md is written from these)."""
    lines = []
    for name, entry in report["filters"].items():
        lines += ["", f"Filter **{name}** ({entry['describe']}):", ""]
        lines.append("| page | cold ms | warm ms | of which SQL ms | figure JSON KB | × pandas pass |")
        lines.append("|---|---:|---:|---:|---:|---:|")
        for page, value in entry["pages"].items():
            lines.append(
                f"| {page} | {value['cold_ms']:.0f} | {value['warm_ms']:.0f} | {value['warm_db_ms']:.0f} | "
                f"{value['figure_json_bytes'] / 1024:.0f} | {value['ratio_to_pandas_pass']:.1f} |"
            )
            if steps:
                for step, s in value["steps"].items():
                    lines.append(
                        f"| · {step} | {s['cold_ms']:.0f} | {s['warm_ms']:.0f} | {s['warm_db_ms']:.0f} | | |"
                    )
    return "\n".join(lines)
