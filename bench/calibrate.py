"""The calibration table of docs/model.md: every start and every what-if toggle, all seats AI at
normal difficulty, with 95% Wilson intervals.

    python bench/calibrate.py --runs 400            # Markdown table on stdout
    python bench/calibrate.py --runs 400 --json     # the same numbers as JSON

Each row is one `politburo simulate` batch with the same seed, so a row is reproducible alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.simulate import simulate  # noqa: E402

# (scenario, toggle or None): the baseline of each start, then each toggle from the start it belongs to.
ROWS = (
    ("1924", None), ("1924", "testament_published"), ("1924", "no_lenin_enrolment"),
    ("1924", "trotsky_at_funeral"), ("1924", "dzerzhinsky_lives"),
    ("1925", None), ("1925", "early_united_opposition"),
    ("1926", None), ("1926", "dzerzhinsky_lives"),
    ("1927", None), ("1928", None), ("1928", "bukharin_kamenev_bloc"), ("1929", None),
)


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def row(result: dict, toggle: str | None) -> dict:
    top, prev, ci = result["top_leader"], result["prevails"], result["ci95"]
    rivals = sorted(((lid, p) for lid, p in top.items() if lid != "stalin" and p > 0), key=lambda kv: -kv[1])
    return {
        "scenario": result["scenario"], "toggle": toggle or "baseline", "runs": result["runs"],
        "stalin_top": top.get("stalin", 0.0), "stalin_top_ci": ci["top:stalin"],
        "stalin_prevails": prev.get("stalin", 0.0), "stalin_prevails_ci": ci["prevails:stalin"],
        "rivals_top": dict(rivals), "decided": result["mean_quarter_decided"],
    }


def markdown(rows: list[dict]) -> str:
    out = ["| start | setting | Stalin on top | 95% interval | Stalin prevails | 95% interval | rivals on top | decided |",
           "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lo, hi = r["stalin_top_ci"]
        plo, phi = r["stalin_prevails_ci"]
        rivals = ", ".join(f"{lid.capitalize()} {pct(p)}" for lid, p in r["rivals_top"].items()) or "none"
        out.append(f"| {r['scenario']} | {r['toggle']} | {pct(r['stalin_top'])} | {pct(lo)}–{pct(hi)} | "
                   f"{pct(r['stalin_prevails'])} | {pct(plo)}–{pct(phi)} | {rivals} | {r['decided']} |")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = []
    for scenario, toggle in ROWS:
        result = simulate(scenario, args.runs, args.seed, (toggle,) if toggle else (), args.workers, progress=False)
        rows.append(row(result, toggle))
        print(f"{scenario} {toggle or 'baseline'}: done", file=sys.stderr)
    print(json.dumps(rows, indent=1) if args.json else markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
