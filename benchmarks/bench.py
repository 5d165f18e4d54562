"""Benchmarks: compare ratios within one run (machines are shared and noisy).

    python benchmarks/bench.py            # all
    python benchmarks/bench.py --quick

Measures (median of repeats, in-process, plugin manager and facts loaded once):
* one article end to end through the CLI (subprocess, includes interpreter start);
* per-article time as the corpus grows (10, 100, 400 articles): should be flat;
* per-article time as the facts grow (10 -> 10,000 synthetic entities): should barely grow;
* --jobs 2 against --jobs 1 on the same corpus, and that their outputs are identical.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def synthetic_facts(n: int, base: Path) -> Path:
    facts = (
        yaml.safe_load((ROOT / "claims" / "titles.yaml").read_text(encoding="utf-8"))
        if (ROOT / "claims" / "titles.yaml").exists()
        else {"version": 1}
    )
    entities = []
    for i in range(n):
        entities.append(
            {
                "id": f"org-{i}",
                "type": "organization",
                "names": {"en": [f"Orgname{i} Holdings"], "ar": [f"شركة{i} القابضة"]},
                "source": "synthetic",
            }
        )
    out = base / f"facts-{n}"
    out.mkdir()
    for src in (ROOT / "claims").glob("*.yaml"):
        shutil.copy(src, out / src.name)
    (out / "synthetic.yaml").write_text(
        yaml.safe_dump({"version": 1, "entities": entities}, allow_unicode=True), encoding="utf-8"
    )
    del facts
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeat = 3 if args.quick else 5
    seed = ROOT / "seeds" / "openai-crisis-2023.ar.txt"

    from factlint.config import load_config
    from factlint.engine import lint_files, new_session
    from factlint.facts.loader import load_facts
    from factlint.plugins import collect_rules, new_plugin_manager
    from factlint.selection import Selection

    pm = new_plugin_manager()
    rules = collect_rules(pm)
    config = load_config([seed])

    def session_for(facts_dir: Path):  # type: ignore[no-untyped-def]
        return new_session(config, load_facts([facts_dir]), rules, Selection())

    print("== one article, CLI end to end (includes interpreter start)")
    cli = timed(
        lambda: subprocess.run([sys.executable, "-m", "factlint", str(seed)], capture_output=True),
        repeat,
    )
    bare = timed(
        lambda: subprocess.run([sys.executable, "-c", "pass"], capture_output=True), repeat
    )
    print(f"  factlint seed: {cli * 1000:.0f} ms   (bare interpreter: {bare * 1000:.0f} ms)")

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        session = session_for(ROOT / "claims")
        print("== corpus size (per-article ms; flat = linear throughput)")
        for n in (10, 100) if args.quick else (10, 100, 400):
            corpus = base / f"corpus-{n}"
            corpus.mkdir()
            paths = []
            for i in range(n):
                p = corpus / f"a{i}.ar.txt"
                shutil.copy(seed, p)
                paths.append(p)
            t = timed(lambda: lint_files(paths, session, pm), 1 if n > 100 else repeat)
            print(f"  {n:5d} articles: {t / n * 1000:7.2f} ms/article")
        print("== facts size (per-article ms over 20 articles)")
        corpus = base / "corpus-20"
        corpus.mkdir()
        paths = []
        for i in range(20):
            p = corpus / f"a{i}.ar.txt"
            shutil.copy(seed, p)
            paths.append(p)
        for n in (10, 1000) if args.quick else (10, 1000, 10000):
            s = session_for(synthetic_facts(n, base))
            t = timed(lambda: lint_files(paths, s, pm), repeat)
            print(f"  {n:6d} extra entities: {t / len(paths) * 1000:7.2f} ms/article")
        print("== --jobs")
        big = base / "corpus-100"
        paths = sorted(big.glob("*.txt"))
        serial = lint_files(paths, session, pm, jobs=1)
        t1 = timed(lambda: lint_files(paths, session, pm, jobs=1), 1)
        t2 = timed(lambda: lint_files(paths, session, pm, jobs=2), 1)
        parallel = lint_files(paths, session, pm, jobs=2)
        same = [r.findings for r in serial] == [r.findings for r in parallel]
        print(
            f"  jobs=1 {t1:.2f}s  jobs=2 {t2:.2f}s  speed-up {t1 / t2:.2f}x  identical output: {same}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
