"""Benchmarks of issue 11: ratios measured side by side in one run, written to RESULTS.md.

    python benchmarks/run.py --quick    # about 3-5 minutes
    python benchmarks/run.py            # the full run (larger corpora, 100,000 entities)

Every number is the median of alternating runs (factlint, textlint, grep,
factlint, ...) in one process tree, so that the load of a shared machine hits
the tools being compared alike; the targets are ratios for that reason.
Measured, each with a new process as a user runs it (byte-compiled modules):

* cold start on the seed article: ``factlint seeds/...`` against
  ``textlint`` with textlint-rule-prh on the same file;
* throughput against corpus size (seeded Arabic and English corpora) for
  factlint, textlint+prh and ``grep -F -f`` over the same names (the floor);
* time per article against facts size (the repository's facts, then 10,000
  synthetic entities), warm cache;
* 100,000 entities: start with a warm cache, start on a cache miss, peak memory
  (full run only; ``--quick`` measures 10,000 instead and says so);
* ``--jobs 2`` against ``--jobs 1``, and whether their outputs are identical.

textlint and textlint-rule-prh are installed with npm into a temporary folder
(skipped with a message when npm is missing or the install fails); the prh
dictionary has one entry per name form and per known wrong form in the facts.
The plot (``benchmarks/results.png``) needs matplotlib; without it the plot is
skipped with a message.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "linter"))

from generate import generate_corpus, generate_facts  # noqa: E402

SEED = ROOT / "seeds" / "openai-crisis-2023.ar.txt"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: bytes


def run_once(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """One process: wall time and its own peak RSS (from wait4)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(elapsed, usage.ru_maxrss / 1024, proc.returncode, out)


def alternate(commands: dict[str, Callable[[], Run]], repeat: int) -> dict[str, list[Run]]:
    """Run each command ``repeat`` times, interleaved: a, b, c, a, b, c, ..."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(command())
    return runs


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.md"))


# ------------------------------------------------------------------ competitors


def names_of(facts_dir: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Every name form, and (wrong form, preferred form) pairs, of a facts folder."""
    import yaml

    forms: list[str] = []
    wrong: list[tuple[str, str]] = []
    for path in sorted(facts_dir.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        for entity in data.get("entities") or ():
            names = entity.get("names") or {}
            for lang, values in names.items():
                forms.extend(values)
                for bad in (entity.get("avoid") or {}).get(lang, ()):
                    wrong.append((bad, values[0]))
    return sorted(set(forms)), sorted(set(wrong))


def prh_dictionary(facts_dir: Path, out: Path) -> Path:
    """prh rules: one literal entry per name form and per known wrong form."""
    forms, wrong = names_of(facts_dir)
    lines = ["version: 1", "rules:"]
    for form in forms:
        # a literal pattern: without one, prh builds a fuzzy expression per entry
        # (case and spacing variants) that takes minutes on one article
        lines.append(f"  - expected: {json.dumps(form, ensure_ascii=False)}")
        lines.append(f"    pattern: {json.dumps(form, ensure_ascii=False)}")
    for bad, right in wrong:
        lines.append(f"  - expected: {json.dumps(right, ensure_ascii=False)}")
        lines.append(f"    pattern: {json.dumps(bad, ensure_ascii=False)}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def grep_patterns(facts_dir: Path, out: Path) -> Path:
    forms, wrong = names_of(facts_dir)
    out.write_text("\n".join([*forms, *(bad for bad, _ in wrong)]) + "\n", encoding="utf-8")
    return out


def install_textlint(folder: Path) -> Path | None:
    """textlint + textlint-rule-prh from the npm registry; None (with a message) if not."""
    npm = shutil.which("npm")
    if npm is None:
        print("  textlint: skipped (npm not found)")
        return None
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    proc = subprocess.run(
        [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "textlint",
            "textlint-rule-prh",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    binary = folder / "node_modules" / ".bin" / "textlint"
    if proc.returncode != 0 or not binary.exists():
        print(f"  textlint: skipped (npm install failed: {proc.stderr.strip()[:200]})")
        return None
    return binary


# ------------------------------------------------------------------------ main


_SPIN = "s = 0\nfor i in range(8_000_000):\n    s += i * i\n"


def forget_results(env: dict[str, str]) -> None:
    """Drop the cached findings (the results cache), so that a run analyses every file;
    facts, lexicon and rule packs stay cached."""
    shutil.rmtree(Path(env["FACTLINT_CACHE_DIR"]) / "results", ignore_errors=True)


def start_on(folder: Path, facts: Path, env: dict[str, str]) -> Run:
    """factlint over ``folder`` (one article) with ``facts``: start-up and one analysis
    (the article's cached findings are dropped first)."""
    forget_results(env)
    cmd = [sys.executable, "-m", "factlint", "--facts", str(facts), "--format", "concise"]
    return run_once([*cmd, str(folder)], ROOT, env)


def parallel_ceiling(repeat: int) -> float:
    """How much faster two processes of a pure CPU loop finish side by side than one
    after the other: what any ``--jobs 2`` can reach here (2.0 on two idle cores)."""
    spin = [sys.executable, "-c", _SPIN]

    def one_after_other() -> float:
        started = time.perf_counter()
        for _ in range(2):
            subprocess.run(spin, check=True)
        return time.perf_counter() - started

    def side_by_side() -> float:
        started = time.perf_counter()
        procs = [subprocess.Popen(spin) for _ in range(2)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - started

    serial: list[float] = []
    parallel: list[float] = []
    for _ in range(repeat):
        serial.append(one_after_other())
        parallel.append(side_by_side())
    return statistics.median(serial) / statistics.median(parallel)


# Why a target is missed, from profiling (cProfile over a 1 MB corpus): written
# next to a target that is not met.
WHY = {
    "seed article": "most of it is start-up: importing factlint and its libraries takes about "
    "0.35 s (factlint's own modules about half; pathspec pulls in asyncio through "
    "typing_extensions' deprecation decorator, ~45 ms; PyYAML, markdown-it, rapidfuzz), "
    "against ~0.1 s for analysing the article; Node's start-up is what textlint pays",
    "throughput": "per-document analysis in pure Python, spread over many stages (cProfile: "
    "claims 14%, mentions 11%, near-miss names 10%, Markdown 8%, tokens 8%, rule packs 5%, "
    "other rules 13%); no stage left is worth more than a tenth, see docs/performance.md",
    "100,000 entities: cache miss": "a miss reads 100,000 entities' YAML (about a third of "
    "it in PyYAML's C parser), normalizes and tokenizes ~200,000 name forms for the lexicon "
    "and builds the entities: pure Python work proportional to the facts; see "
    "docs/performance.md (Facts at scale)",
    "100,000 entities: peak memory": "on a miss the per-file cache entry keeps the line and "
    "column of every value of the 100,000-entity file, besides the file's data; a warm start "
    "stays near 190 MB",
    "--jobs 2": "the machine is shared (load average about 6 on 2 cores during the run), "
    "so the second worker rarely has a core to itself",
}


@dataclass
class Results:
    cores: int
    quick: bool
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)  # target, value, met, why
    tables: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    corpus_points: list[tuple[float, float, float | None, float]] = field(default_factory=list)
    facts_points: list[tuple[int, float]] = field(default_factory=list)

    def target(self, name: str, value: str, met: bool | None, why: str = "") -> None:
        mark = "n/a" if met is None else ("met" if met else "**not met**")
        if met is False and not why:
            why = next((text for key, text in WHY.items() if name.startswith(key)), "")
        self.rows.append((name, value, mark, why))
        print(f"  [{mark}] {name}: {value} {why}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, 3 repeats")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    quick = args.quick
    repeat = 3
    sizes = (0.2, 0.4, 0.8) if quick else (1.0, 4.0, 16.0)
    big_facts = 10_000 if quick else 100_000
    cores = os.cpu_count() or 1
    results = Results(cores, quick)
    started = time.perf_counter()
    compileall.compile_dir(str(ROOT / "linter"), quiet=1)  # as an installed package has them

    work = args.keep or Path(tempfile.mkdtemp(prefix="factlint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "linter"),
        "FACTLINT_CACHE_DIR": str(work / "cache"),
        "NO_COLOR": "1",
    }
    env.pop("FACTLINT_NO_CACHE", None)
    try:
        print(f"== setup in {work} ({cores} cores)")
        textlint = install_textlint(work / "textlint")
        prh = prh_dictionary(ROOT / "claims", work / "prh.yml")
        (work / ".textlintrc.json").write_text(
            json.dumps({"rules": {"prh": {"rulePaths": [str(prh)]}}}), encoding="utf-8"
        )
        patterns = grep_patterns(ROOT / "claims", work / "names.txt")

        def factlint(
            *extra: str, facts: Path = ROOT / "claims", cwd: Path = ROOT, fresh: bool = True
        ) -> Run:
            """One factlint run; ``fresh``: every file analysed (no findings cached)."""
            if fresh:
                forget_results(env)
            cmd = [
                sys.executable,
                "-m",
                "factlint",
                "--facts",
                str(facts),
                "--rules",
                str(ROOT / "rules"),
                "--format",
                "concise",
                *extra,
            ]
            return run_once(cmd, cwd, env)

        def text_lint(target: Path) -> Run:
            assert textlint is not None
            cmd = [
                str(textlint),
                "--config",
                str(work / ".textlintrc.json"),
                "--format",
                "unix",
                str(target),
            ]
            return run_once(cmd, work, env)

        def grep(target: Path) -> Run:
            return run_once(["grep", "-r", "-F", "-f", str(patterns), str(target)], work, env)

        # ---------------------------------------------------------------- cold start
        print("== one article (the seed), new process each time")
        factlint(str(SEED))  # warm the cache: a user's second run
        commands: dict[str, Callable[[], Run]] = {"factlint": lambda: factlint(str(SEED))}
        if textlint is not None:
            commands["textlint"] = lambda: text_lint(SEED)
        commands["python -c pass"] = lambda: run_once([sys.executable, "-c", "pass"], ROOT, env)
        runs = alternate(commands, 5)
        seed_f = median(runs["factlint"])
        line = f"factlint {seed_f * 1000:.0f} ms; bare interpreter {median(runs['python -c pass']) * 1000:.0f} ms"
        if textlint is not None:
            seed_t = median(runs["textlint"])
            line += f"; textlint+prh {seed_t * 1000:.0f} ms"
            results.target(
                "seed article: factlint <= 0.5x textlint+prh",
                f"{seed_f / seed_t:.2f}x ({line})",
                seed_f <= 0.5 * seed_t,
            )
        else:
            results.target("seed article: factlint <= 0.5x textlint+prh", line, None, "(no npm)")

        # ---------------------------------------------------------------- corpus size
        print("== throughput against corpus size (repository facts)")
        table = [
            "| corpus | files | factlint | textlint+prh | grep -F -f | factlint MB/s | peak MB |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        largest: Path | None = None
        jobs_corpus: Path | None = None
        for size in sizes:
            corpus = work / f"corpus-{size:g}mb"
            files = generate_corpus(corpus, size, seed=1)
            largest = corpus
            jobs_corpus = jobs_corpus or (corpus if size >= 0.4 else None)
            megabytes = corpus_bytes(corpus) / 1e6
            commands = {"factlint": lambda c=corpus: factlint(str(c))}
            if textlint is not None:
                commands["textlint"] = lambda c=corpus: text_lint(c)
            commands["grep"] = lambda c=corpus: grep(c)
            runs = alternate(commands, repeat)
            tf = median(runs["factlint"])
            tt = median(runs["textlint"]) if textlint is not None else None
            tg = median(runs["grep"])
            peak = max(r.peak_mb for r in runs["factlint"])
            results.corpus_points.append((megabytes, tf, tt, tg))
            table.append(
                f"| {megabytes:.2f} MB | {files} | {tf:.2f} s | "
                f"{f'{tt:.2f} s' if tt is not None else '-'} | {tg:.3f} s | "
                f"{megabytes / tf:.2f} | {peak:.0f} |"
            )
            print("  " + table[-1])
        results.tables.append("### Throughput against corpus size\n\n" + "\n".join(table))
        mb_big, tf_big, tt_big, _ = results.corpus_points[-1]
        mb_small, tf_small, _, _ = results.corpus_points[0]
        per_core = mb_big / tf_big
        if tt_big is not None:
            results.target(
                "throughput >= 2.5x textlint+prh",
                f"{tt_big / tf_big:.2f}x on {mb_big:.1f} MB",
                tt_big / tf_big >= 2.5,
            )
        results.target("throughput >= 1 MB/s per core", f"{per_core:.2f} MB/s", per_core >= 1.0)
        # linear: time per MB of the largest corpus within 25% of the smallest's
        # (the smallest includes start-up, so subtract the seed's time from both)
        rate_small = (tf_small - seed_f) / mb_small
        rate_big = (tf_big - seed_f) / mb_big
        results.target(
            "linear in corpus size",
            f"{rate_big:.2f} s/MB at {mb_big:.1f} MB vs {rate_small:.2f} s/MB at {mb_small:.2f} MB",
            rate_big <= 1.25 * rate_small,
        )
        # the same corpus again, unchanged: findings come from the results cache
        assert largest is not None
        factlint(str(largest), fresh=False)
        again = median(
            alternate({"again": lambda: factlint(str(largest), fresh=False)}, repeat)["again"]
        )
        versus = f"; textlint+prh {tt_big:.2f} s, {tt_big / again:.1f}x" if tt_big else ""
        results.notes.append(
            f"Unchanged files: a second run over the {mb_big:.1f} MB corpus, its findings "
            f"read from the results cache (docs/cache.md), takes {again:.2f} s{versus} "
            "(the throughput rows above analyse every file: the results cache is "
            "emptied before each of their runs)."
        )
        print("  " + results.notes[-1])

        # ---------------------------------------------------------------- facts size
        print("== time per article against facts size (warm cache)")
        sample = work / "corpus-sample"
        count = generate_corpus(sample, 0.25 if quick else 1.0, seed=2)
        table = [
            "| entities | per article | start, warm cache | start, cache miss | peak MB |",
            "|---:|---:|---:|---:|---:|",
        ]
        one = work / "one"
        one.mkdir(exist_ok=True)
        shutil.copy(HERE / "planted" / "planted-1.en.md", one / "a.en.md")
        points: list[tuple[int, float]] = []
        for entities in (0, 10_000, big_facts) if big_facts != 10_000 else (0, 10_000):
            facts = (
                ROOT / "claims"
                if entities == 0
                else generate_facts(work / f"facts-{entities}", entities, seed=3)
            )
            shown = 131 if entities == 0 else entities  # the repository has ~100 entities
            miss_env = {**env, "FACTLINT_CACHE_DIR": str(work / f"cache-miss-{entities}")}
            miss = start_on(one, facts, miss_env)
            warm_runs = alternate({"warm": lambda f=facts, e=miss_env: start_on(one, f, e)}, repeat)
            warm = median(warm_runs["warm"])
            lint_runs = alternate({"lint": lambda f=facts: factlint(str(sample), facts=f)}, repeat)
            per_article = (median(lint_runs["lint"]) - warm) / count
            peak = max(r.peak_mb for r in [miss, *warm_runs["warm"], *lint_runs["lint"]])
            points.append((shown, per_article))
            table.append(
                f"| {shown:,} | {per_article * 1000:.1f} ms | {warm:.2f} s | {miss.seconds:.2f} s | {peak:.0f} |"
            )
            print("  " + table[-1])
            if entities == big_facts and entities >= 100_000:
                results.target("100,000 entities: warm start < 1 s", f"{warm:.2f} s", warm < 1)
                results.target(
                    "100,000 entities: cache miss < 30 s",
                    f"{miss.seconds:.1f} s",
                    miss.seconds < 30,
                )
                results.target(
                    "100,000 entities: peak memory < 600 MB", f"{peak:.0f} MB", peak < 600
                )
        results.facts_points = points
        results.tables.append("### Facts size\n\n" + "\n".join(table))
        base_rate = points[0][1]
        ten_k = next(rate for n, rate in points if n == 10_000)
        results.target(
            "10,000 entities: per article <= 1.5x the repository facts'",
            f"{ten_k / base_rate:.2f}x ({ten_k * 1000:.1f} vs {base_rate * 1000:.1f} ms)",
            ten_k <= 1.5 * base_rate,
        )
        if big_facts < 100_000:
            results.target(
                "100,000 entities (start < 1 s warm, < 30 s miss, < 600 MB)",
                "not measured by --quick",
                None,
                "(run without --quick)",
            )

        # ---------------------------------------------------------------- jobs
        print("== --jobs 2 against --jobs 1")
        target = jobs_corpus or largest
        assert target is not None
        runs = alternate(
            {
                "1": lambda: factlint(str(target), "--jobs", "1"),
                "2": lambda: factlint(str(target), "--jobs", "2"),
            },
            repeat,
        )
        t1, t2 = median(runs["1"]), median(runs["2"])
        same = all(r.stdout == runs["1"][0].stdout for r in [*runs["1"], *runs["2"]])
        speedup = t1 / t2
        ceiling = parallel_ceiling(repeat)
        why = "" if cores >= 2 else "(one core)"
        if cores >= 2 and speedup < 1.7:
            why = (
                f"(this machine's ceiling: two processes of a pure CPU loop run "
                f"{ceiling:.2f}x as fast as one doing both; factlint reaches "
                f"{speedup / ceiling:.0%} of it)"
            )
        results.target(
            "--jobs 2 >= 1.7x --jobs 1",
            f"{speedup:.2f}x ({t1:.2f} s / {t2:.2f} s)",
            speedup >= 1.7,
            why,
        )
        results.target("--jobs output byte-identical", str(same), same)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    results.notes.append(f"Total benchmark time: {time.perf_counter() - started:.0f} s.")
    write_results(results)
    plot(results)
    return 0


def write_results(results: Results) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `python benchmarks/run.py{' --quick' if results.quick else ''}` on "
        f"{dt.date.today().isoformat()}: {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"**{results.cores} cores**.",
        "",
        "The machine is shared (other agents' builds and tests run at the same time), so",
        "absolute times are noisy; the targets are ratios between tools measured",
        "side by side, each a median of alternating runs.",
        "",
        "## Targets",
        "",
        "| target | measured | status | note |",
        "|---|---|---|---|",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in results.rows),
        "",
        *(t + "\n" for t in results.tables),
        "![time against corpus and facts size](results.png)",
        "",
        *results.notes,
        "",
    ]
    (HERE / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'}")


def plot(results: Results) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("plot skipped: matplotlib is not installed (pip install matplotlib)")
        return
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    xs = [p[0] for p in results.corpus_points]
    left.plot(xs, [p[1] for p in results.corpus_points], "o-", label="factlint")
    if all(p[2] is not None for p in results.corpus_points):
        left.plot(xs, [p[2] for p in results.corpus_points], "s-", label="textlint+prh")
    left.plot(xs, [p[3] for p in results.corpus_points], "^-", label="grep -F -f")
    left.set_xlabel("corpus (MB)")
    left.set_ylabel("time (s)")
    left.legend()
    left.set_title("time against corpus size")
    right.plot(
        [p[0] for p in results.facts_points],
        [p[1] * 1000 for p in results.facts_points],
        "o-",
    )
    right.set_xscale("log")
    right.set_xlabel("entities")
    right.set_ylabel("ms per article")
    right.set_title("time per article against facts size")
    fig.tight_layout()
    fig.savefig(HERE / "results.png", dpi=100)
    print(f"wrote {HERE / 'results.png'}")


if __name__ == "__main__":
    sys.exit(main())
