#!/usr/bin/env python3
"""Summarise a Benchmarks/run: read Benchmarks/out/facts.tsv and the hyperfine JSON exports,
print the summary table and target checks, and write out/summary.md and out/summary.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path

DEFAULT_STATEMENTS = 10000


def load_facts(out: Path) -> dict[str, str]:
    facts: dict[str, str] = {}
    for line in (out / "facts.tsv").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("\t")
        facts[key] = value
    return facts


def hyperfine(out: Path, name: str) -> dict | None:
    path = out / f"{name}.json"
    if not path.is_file():
        return None
    result = json.loads(path.read_text(encoding="utf-8"))["results"][0]
    return {"median": result["median"], "mean": result["mean"], "stddev": result.get("stddev") or 0.0,
            "min": result["min"], "max": result["max"], "runs": len(result.get("times") or []),
            # CPU time per wall-clock second: how many cores the command actually got on average.
            "cores": (result.get("user", 0.0) + result.get("system", 0.0)) / result["mean"] if result["mean"] else None}


def fmt_s(t: float | None) -> str:
    if t is None:
        return "n/a"
    if t < 1:
        return f"{t * 1000:.0f} ms" if t >= 0.1 else f"{t * 1000:.1f} ms"
    return f"{t:.2f} s" if t < 100 else f"{t:.0f} s"


def fmt_x(r: float | None) -> str:
    if r is None:
        return "n/a"
    return f"{r:.1f}×" if r < 100 else f"{r:.0f}×"


def errors_text(raw: str) -> str:
    """'69 error: look-around ...;3 error: ...' -> '69 × look-around ..., 3 × ...'."""
    parts = []
    for item in filter(None, raw.split(";")):
        count, _, message = item.strip().partition(" ")
        message = message.removeprefix("error:").strip()
        hint = {"unrecognized escape sequence": " (e.g. \\K)",
                "unrecognized flag": " (e.g. (?<name>…), which ripgrep 13 only knows as (?P<name>…))"}.get(message, "")
        parts.append(f"{count} × {message}{hint}")
    return ", ".join(parts) or "no errors"


def read_timings(path: Path) -> dict | None:
    """The figures of one `statementlint --timings` run (its stderr), or None."""
    import re
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    head = re.search(r"start-up and rule loading ([\d.]+) ms, checking (\d+) files? ([\d.]+) ms \(wall, (\d+) jobs?\)", text)
    phases = re.search(r"^phases \(summed over threads\): (.*)$", text, re.M)
    pcre2 = re.search(r"PCRE2 searches \(within rules\): (\d+) in ([\d.]+) ms; (\d+) found a match \(([\d.]+) ms\), "
                      r"(\d+) found none \(([\d.]+) ms\)", text)
    if not (head and phases and pcre2):
        return None
    named = {m.group(1): float(m.group(2)) / 1000 for m in re.finditer(r"([a-z][a-z ]*?) ([\d.]+) ms", phases.group(1))}
    return {"startup": float(head.group(1)) / 1000, "files": int(head.group(2)), "checking": float(head.group(3)) / 1000,
            "jobs": int(head.group(4)), "phases": named, "searches": int(pcre2.group(1)), "pcre2": float(pcre2.group(2)) / 1000,
            "found": int(pcre2.group(3)), "found_s": float(pcre2.group(4)) / 1000,
            "none": int(pcre2.group(5)), "none_s": float(pcre2.group(6)) / 1000}


def median_timings(paths: list[Path]) -> dict | None:
    """Of several `--timings` reports, the one whose checking took the median time (one real
    run's figures, not a mix of runs); None when none can be read."""
    runs = sorted((t for t in map(read_timings, paths) if t), key=lambda t: t["checking"])
    if not runs:
        return None
    chosen = dict(runs[(len(runs) - 1) // 2])
    chosen["runs"] = len(runs)
    return chosen


def floor_lines(timings: dict | None, read: dict | None, goals: list[tuple[str, float]]) -> tuple[list[str], dict | None]:
    """What an engine built on PCRE2 must spend even with a perfect prefilter that costs nothing,
    set against each goal (label, seconds): reading every file (ripgrep finding nothing) plus
    the searches that found a match, shared by the jobs. Whatever else a run does (document
    model, literal scan, rule logic, order, report) must fit in the rest; the factor says how
    much faster all of that would have to become."""
    if not timings or not read:
        return ["**Floor:** not measured in this run (see the log).", ""], None
    jobs = timings["jobs"]
    matched = timings["found_s"] / jobs
    floor = read["median"] + matched
    rest = sum(v for k, v in timings["phases"].items() if k != "reading files") - timings["pcre2"]
    rest_wall = rest / jobs
    runs = timings.get("runs", 1)
    which = "one `--timings` run" if runs == 1 else f"the `--timings` run with the median checking time of {runs}"
    lines = [f"**Floor.** What an engine built on PCRE2 must spend even with a perfect prefilter that costs "
             f"nothing: reading every file, {fmt_s(read['median'])} (ripgrep looking for a string that occurs "
             f"nowhere), and the {timings['found']:,} PCRE2 searches that found a match, as this engine runs them, "
             f"{timings['found_s'] * 1000:,.0f} ms summed over {jobs} job{'s' if jobs != 1 else ''} ({which}; such a "
             f"prefilter could skip at most the {timings['none']:,} searches that found none, "
             f"{timings['none_s'] * 1000:,.0f} ms, and not these), {fmt_s(matched)} at perfect scaling: "
             f"**{fmt_s(floor)}** together. Start-up ({fmt_s(timings['startup'])}: finding the files, which the "
             f"read includes too, and loading the pack) is left out. Everything else that run did (document model, "
             f"literal scan, rule logic outside PCRE2, order, report) took {rest * 1000:,.0f} ms summed, "
             f"{fmt_s(rest_wall)} at perfect scaling.", ""]
    figures = {"read": read["median"], "matched_searches": matched, "floor": floor, "rest": rest_wall,
               "startup": timings["startup"], "timings_runs": runs, "goals": []}
    for label, goal in goals:
        left = goal - floor
        if left <= 0:
            lines.append(f"- {label} ({fmt_s(goal)}): the floor alone is over it.")
            figures["goals"].append({"goal": label, "seconds": goal, "left": left, "factor": None})
        else:
            factor = rest_wall / left
            lines.append(f"- {label} ({fmt_s(goal)}): {fmt_s(left)} is left above the floor; everything else "
                         f"would have to run {factor:.1f}× faster than now.")
            figures["goals"].append({"goal": label, "seconds": goal, "left": left, "factor": factor})
    lines.append("")
    return lines, figures


def markdown_table(lines, header, align, rows):
    """Appends a Markdown table (and a blank line) to `lines`."""
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(align) + "|")
    for r in rows:
        lines.append("| " + " | ".join(r) + " |")
    lines.append("")


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "Benchmarks/out")
    f = load_facts(out)
    corpus_bytes = int(f["CORPUS_BYTES"])
    corpus_files = int(f["CORPUS_FILES"])
    s1_bytes, s1_files = int(f.get("SUBSET1_BYTES", 0)), int(f.get("SUBSET1_FILES", 0))
    s2_bytes, s2_files = int(f.get("SUBSET2_BYTES", 0)), int(f.get("SUBSET2_FILES", 0))
    mb = corpus_bytes / 1e6
    nproc = f.get("NPROC", "?")

    sl = hyperfine(out, "statementlint")
    jobs1 = hyperfine(out, "jobs1")
    jobs2 = hyperfine(out, "jobs2")
    single = hyperfine(out, "single")
    t_sl = sl["median"] if sl else None
    peak_mb = int(f["PEAK_KB"]) * 1024 / 1e6 if f.get("PEAK_KB") else None

    baselines: dict[str, dict] = {}
    for key in ("RG_DEFAULT", "RG_PCRE2", "PROSELINT"):
        mode = f.get(f"{key}_MODE")
        if mode is None:
            continue
        b = {"label": f.get(f"{key}_LABEL", key), "mode": mode, "command": f.get(f"{key}_CMD", ""),
             "fixed": hyperfine(out, f"{key}-fixed"), "subset1": hyperfine(out, f"{key}-subset1"),
             "subset2": hyperfine(out, f"{key}-subset2"),
             "full": hyperfine(out, key), "median": None}
        if mode == "full" and b["full"]:
            b["median"] = b["full"]["median"]
        elif mode == "extrapolated" and b["subset1"] and b["subset2"] and s2_bytes > s1_bytes:
            t1, t2 = b["subset1"]["median"], b["subset2"]["median"]
            b["median"] = t2 + max(t2 - t1, 0.0) * (corpus_bytes - s2_bytes) / (s2_bytes - s1_bytes)
        baselines[key] = b

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    t_def = baselines.get("RG_DEFAULT", {}).get("median")
    t_pcre = baselines.get("RG_PCRE2", {}).get("median")
    t_prose = baselines.get("PROSELINT", {}).get("median")
    vs_pcre = ratio(t_pcre, t_sl)          # > 1: statementlint faster
    vs_def = ratio(t_sl, t_def)            # statementlint time as a multiple of rg default's
    vs_prose = ratio(t_prose, t_sl)
    speedup = ratio(jobs1["median"] if jobs1 else None, jobs2["median"] if jobs2 else None)
    t_single = single["median"] if single else None

    statements = int(f.get("STATEMENTS", DEFAULT_STATEMENTS))
    scaled = statements != DEFAULT_STATEMENTS
    t_target = t_sl * DEFAULT_STATEMENTS / statements if (t_sl is not None and scaled) else t_sl

    def check(ok: bool | None) -> str:
        return "n/a" if ok is None else ("PASS" if ok else "FAIL")

    def cmp(value, test):
        return None if value is None else test(value)

    extrap = lambda key: " (extrapolated)" if baselines.get(key, {}).get("mode") == "extrapolated" else ""
    targets = [
        (f"Whole corpus, {nproc} cores" + (f" (scaled to {DEFAULT_STATEMENTS:,} statements)" if scaled else ""),
         "< 0.5 s", fmt_s(t_target), check(cmp(t_target, lambda t: t < 0.5))),
        ("Faster than rg --pcre2" + extrap("RG_PCRE2"), "≥ 10×", fmt_x(vs_pcre), check(cmp(vs_pcre, lambda r: r >= 10))),
        ("Within 5× of rg (default engine)" + extrap("RG_DEFAULT"), "≤ 5× rg's time",
         "n/a" if vs_def is None else (f"{vs_def:.2f}× rg's time" if vs_def >= 1 else f"{1 / vs_def:.1f}× faster than rg"),
         check(cmp(vs_def, lambda r: r <= 5))),
        ("Faster than proselint" + extrap("PROSELINT"), "≥ 200×", fmt_x(vs_prose), check(cmp(vs_prose, lambda r: r >= 200))),
        ("One statement, process start to exit", "< 15 ms", fmt_s(t_single), check(cmp(t_single, lambda t: t < 0.015))),
        ("Peak memory (max RSS), whole corpus", "< 100 MB", "n/a" if peak_mb is None else f"{peak_mb:.0f} MB",
         check(cmp(peak_mb, lambda m: m < 100))),
        ("Speed-up from --jobs 1 to --jobs 2", "≥ 1.6×", "n/a" if speedup is None else f"{speedup:.2f}×",
         check(cmp(speedup, lambda s: s >= 1.6))),
    ]

    def spread(h: dict | None) -> str:
        return "" if not h else f"{fmt_s(h['min'])} – {fmt_s(h['max'])}"

    def cores(h: dict | None) -> str:
        return "" if not h or h.get("cores") is None else f"{h['cores']:.2f}"

    rows = []
    corpus_desc = f"{corpus_files:,} files"
    rows.append(("statementlint, full default pack (default --jobs)", corpus_desc, fmt_s(t_sl), spread(sl),
                 cores(sl), f"{mb / t_sl:.1f}" if t_sl else "n/a", "1×"))
    for label, h in (("statementlint --jobs 1", jobs1), ("statementlint --jobs 2", jobs2)):
        t = h["median"] if h else None
        rows.append((label, corpus_desc, fmt_s(t), spread(h), cores(h), f"{mb / t:.1f}" if t else "n/a",
                     "n/a" if not (t and t_sl) else f"{t / t_sl:.2f}× its time"))
    notes = []
    for key, b in baselines.items():
        t = b["median"]
        if key == "RG_DEFAULT":
            rel = "n/a" if vs_def is None else (f"statementlint takes {vs_def:.2f}× its time" if vs_def >= 1
                                                  else f"statementlint {1 / vs_def:.1f}× faster")
        else:
            r = ratio(t, t_sl)
            rel = "n/a" if r is None else f"statementlint {fmt_x(r)} faster"
        if b["mode"] == "extrapolated":
            files = f"{corpus_files:,} files, extrapolated from {s1_files:,} and {s2_files:,}"
            t1, t2, fx = b["subset1"]["median"], b["subset2"]["median"], b["fixed"]
            notes.append(f"{b['label']}: **extrapolated** linearly from its medians on the first {s1_files:,} files "
                         f"({s1_bytes / 1e6:.2f} MB): {fmt_s(t1)}, and on the first {s2_files:,} files "
                         f"({s2_bytes / 1e6:.2f} MB): {fmt_s(t2)}; estimate = t2 + (t2 − t1) × "
                         f"{(corpus_bytes - s2_bytes) / (s2_bytes - s1_bytes):.2f}. Fixed cost (empty file): "
                         f"{fmt_s(fx['median']) if fx else 'n/a'}.")
            sp, cr = f"{s2_files:,} files: {spread(b['subset2'])}", cores(b["subset2"])
        elif b["mode"] == "failed":
            files, sp, cr, rel = corpus_desc, "", "", "did not run (see the log)"
        else:
            files, sp, cr = corpus_desc, spread(b["full"]), cores(b["full"])
            if b["fixed"]:
                notes.append(f"{b['label']}: measured on the whole corpus; fixed cost (empty file): "
                             f"{fmt_s(b['fixed']['median'])}.")
        rows.append((b["label"], files, fmt_s(t), sp, cr, f"{mb / t:.1f}" if t else "n/a", rel))
    rows.append((f"statementlint, one statement ({f.get('SINGLE_FILE')}, {int(f.get('SINGLE_BYTES', 0)):,} B)",
                 "1 file", fmt_s(t_single), spread(single), cores(single), "", ""))
    mem_note = ""
    if f.get("MEM_WALL"):
        mem_note = f"that run: {f['MEM_WALL']} wall, {f.get('MEM_CPU', '?')} CPU"
    rows.append(("statementlint peak memory (max RSS), whole corpus", corpus_desc,
                 "n/a" if peak_mb is None else f"{peak_mb:.0f} MB", mem_note, "", "", ""))

    lines = []
    lines.append(f"Corpus: {statements:,} statements, {corpus_files:,} files, {mb:.1f} MB "
                 f"(seed {f.get('SEED')}, {f.get('PARAGRAPHS')} paragraphs each). "
                 f"Machine: {nproc} cores, {f.get('CPU')}; load average {f.get('LOAD_BEFORE')} before, "
                 f"{f.get('LOAD_AFTER')} after. {f.get('DATE')}.")
    lines.append("")
    lines.append(f"statementlint {f.get('SL_VERSION')} (git {f.get('GIT_REV')}"
                 + (f" + {f.get('GIT_DIRTY')} uncommitted paths" if f.get("GIT_DIRTY", "0") != "0" else "")
                 + f", binary {f.get('SL_SHA')}), {f.get('RULES')} rules; hyperfine {f.get('HYPERFINE_VERSION')}, "
                 f"--warmup 1, {f.get('RUNS')} runs ({f.get('SINGLE_RUNS')} for one statement); "
                 f"ripgrep {f.get('RG_VERSION')} ({f.get('RG_PCRE2')}); proselint {f.get('PROSELINT_VERSION')}.")
    lines.append("")
    markdown_table(lines, ["Measurement", "Input", "Median", "Range", "Cores used", "MB/s", "Compared with statementlint"],
                   ["---", "---", "--:", "---", "--:", "--:", "---"], rows)
    if f.get("SL_FILES_CHECKED"):
        lines.append(f"statementlint checked {int(f['SL_FILES_CHECKED']):,} files and reported "
                     + ", ".join(f"{int(f[k]):,} {k[3:].lower()}" for k in ("SL_ERRORS", "SL_WARNINGS", "SL_SUGGESTIONS")
                                 if f.get(k))
                     + " (the whole report is produced and written to /dev/null).")
        lines.append("")
    if "PATTERNS" in f:
        lines.append(f"ripgrep gets the {f['PATTERNS']} match patterns of the default pack "
                     f"(`statementlint rules --format patterns`, {f.get('PATTERNS_DISTINCT')} distinct) with `-c -i -f`, "
                     f"which ripgrep searches as one alternation (it stops at the first match on a line). "
                     f"Default engine: {f.get('RG_KEPT')} patterns compile on their own; the other "
                     f"{int(f['PATTERNS']) - int(f.get('RG_KEPT', 0))} were left out "
                     f"({errors_text(f.get('RG_DEFAULT_ERRORS', ''))}). "
                     + (f"PCRE2 rejected {f.get('PCRE2_REJECTED')} patterns. " if f.get("PCRE2_REJECTED", "0") != "0" else "")
                     + (f"For PCRE2, {f.get('PCRE2_RENAMED')} duplicate group name{'s' if f.get('PCRE2_RENAMED') != '1' else ''} "
                        f"{'were' if f.get('PCRE2_RENAMED') != '1' else 'was'} made unique (PCRE2 rejects "
                        f"two groups of the same name in one regex; matching is unchanged). "
                        if f.get("PCRE2_RENAMED", "0") != "0" else "")
                     + (f"`rg --pcre2` cannot compile all patterns as one regex ({f.get('PCRE2_SPLIT_REASON', 'error')}), "
                        f"so they run as {f.get('PCRE2_PASSES')} consecutive passes, each a group that compiles."
                        if f.get("PCRE2_PASSES", "1") not in ("1", "0") else ""))
        lines.append("")
    for n in notes:
        lines.append(f"- {n}")
    if notes:
        lines.append("")
    goals = [("the whole-corpus target", 0.5 * statements / DEFAULT_STATEMENTS)]
    if t_prose:
        goals.append(("200× faster than proselint", t_prose / 200))
    floor_md, floor = floor_lines(median_timings(sorted(out.glob("timings-*.txt"))), hyperfine(out, "floor-read"), goals)
    lines.extend(floor_md)
    markdown_table(lines, ["Target", "Goal", "Measured", "Result"], ["---"] * 4, targets)
    lines.append("MB = 10^6 bytes. MB/s = corpus bytes / median wall-clock time. Cores used = mean (user + system) "
                 "CPU time / mean wall-clock time: well under the number of threads means the machine was busy. Commands:")
    lines.append("")
    lines.append(f"- statementlint: `{f.get('SL_CMD')} > /dev/null` (also with `--jobs 1`, `--jobs 2`)")
    for key, b in baselines.items():
        command = b["command"]
        passes = int(f.get("PCRE2_PASSES", "1") or 1)
        if key == "RG_PCRE2" and passes > 1:
            first = command.split("; ")[0].replace("pcre2-group-0.txt", f"pcre2-group-{{0..{passes - 1}}}.txt")
            command = f"{first}` ({passes} passes, one after the other, as one hyperfine command)"
            lines.append(f"- {b['label']}: `{command}")
        else:
            lines.append(f"- {b['label']}: `{command}`")
    md = "\n".join(lines) + "\n"

    (out / "summary.md").write_text(md, encoding="utf-8")
    summary = {
        "facts": f,
        "statementlint": sl, "jobs1": jobs1, "jobs2": jobs2, "single": single, "peak_mb": peak_mb,
        "baselines": {k: {kk: vv for kk, vv in b.items()} for k, b in baselines.items()},
        "ratios": {"rg_pcre2_over_statementlint": vs_pcre, "statementlint_over_rg_default": vs_def,
                   "proselint_over_statementlint": vs_prose, "jobs1_over_jobs2": speedup},
        "floor": floor,
        "targets": [{"target": t[0], "goal": t[1], "measured": t[2], "result": t[3]} for t in targets],
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")

    print(md)
    failed = [t for t in targets if t[3] == "FAIL"]
    missing = [t for t in targets if t[3] == "n/a"]
    if failed:
        print(f"{len(failed)} of {len(targets)} targets FAILED:")
        for t in failed:
            print(f"  FAIL  {t[0]}: goal {t[1]}, measured {t[2]}")
    else:
        print(f"All {len(targets) - len(missing)} measured targets passed.")
    if missing:
        print("Not measured: " + "; ".join(t[0] for t in missing))
    return 0


def merge_runs(target: Path, parts: list[Path]) -> None:
    """Writes one hyperfine export holding every run of `parts` (single-run exports of one
    command), with mean, median, spread and CPU times recomputed over all of them."""
    import statistics
    runs = [json.loads(p.read_text(encoding="utf-8"))["results"][0] for p in parts]
    times = [t for r in runs for t in r["times"]]
    first = runs[0]
    merged = {"command": first["command"], "mean": statistics.fmean(times),
              "stddev": statistics.stdev(times) if len(times) > 1 else None,
              "median": statistics.median(times), "min": min(times), "max": max(times),
              "user": statistics.fmean(r["user"] for r in runs), "system": statistics.fmean(r["system"] for r in runs),
              "times": times, "exit_codes": [c for r in runs for c in r.get("exit_codes", [])]}
    target.write_text(json.dumps({"results": [merged]}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--merge-runs":
        merge_runs(Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]])
        sys.exit(0)
    sys.exit(main())
