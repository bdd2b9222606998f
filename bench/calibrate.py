"""The calibration table of docs/model.md: every start and every what-if toggle, all seats AI at
normal difficulty, with 95% Wilson intervals.

    python bench/calibrate.py --runs 400            # Markdown table on stdout
    python bench/calibrate.py --runs 400 --json     # the same numbers as JSON

Each row is one `politburo simulate` batch with the same seed, so a row is reproducible alone.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.simulate import simulate  # noqa: E402

# (scenario, toggle or None): the baseline of each start, then each toggle from the start it belongs to.
ROWS = (
    ("1924", None), ("1924", "testament_published"), ("1924", "no_lenin_enrolment"),
    ("1924", "trotsky_at_funeral"), ("1924", "dzerzhinsky_lives"), ("1924", "early_united_opposition"),
    ("1924", "bukharin_kamenev_bloc"),
    ("1925", None), ("1925", "early_united_opposition"),
    ("1926", None), ("1926", "dzerzhinsky_lives"),
    ("1927", None), ("1928", None), ("1928", "bukharin_kamenev_bloc"), ("1929", None),
)


def pct(x: float) -> str:
    """Whole percents, but a small share keeps a decimal so that 0.3% does not read as none."""
    return f"{100 * x:.1f}%" if 0 < x < 0.095 else f"{100 * x:.0f}%"


RIVALS = ("trotsky", "zinoviev", "kamenev", "bukharin", "rykov", "tomsky")
RUINED = ("expelled", "exiled", "deported")


def later_years(csv_path: Path) -> dict:
    """What a toggle changes even when Stalin wins anyway: how many of his rivals end outside the
    party, Trotsky's fate (what his presence at the funeral could change) and the Right's standing
    at the end (Bukharin's power and whether he is still in the leadership)."""
    with open(csv_path, newline="", encoding="utf-8") as fh:
        games = list(csv.DictReader(fh))
    n = len(games) or 1
    ruined = sum(sum(1 for lid in RIVALS if g.get(f"fate_{lid}") in RUINED) for g in games) / n
    power = sum(float(g.get("power_bukharin") or 0.0) for g in games) / n
    active = sum(1 for g in games if g.get("fate_bukharin") == "active") / n
    trotsky = [g["fate_trotsky"] for g in games if g.get("fate_trotsky")]  # not in the 1928-29 starts
    trotsky_ruined = sum(1 for fate in trotsky if fate in RUINED) / len(trotsky) if trotsky else None
    return {"rivals_ruined": ruined, "trotsky_ruined": trotsky_ruined, "bukharin_power": power,
            "bukharin_active": active}


def row(result: dict, toggle: str | None, extra: dict) -> dict:
    top, prev, ci = result["top_leader"], result["prevails"], result["ci95"]
    rivals = sorted(((lid, p) for lid, p in top.items() if lid != "stalin" and p > 0), key=lambda kv: -kv[1])
    return {
        "scenario": result["scenario"], "toggle": toggle or "baseline", "runs": result["runs"],
        "stalin_top": top.get("stalin", 0.0), "stalin_top_ci": ci["top:stalin"],
        "stalin_prevails": prev.get("stalin", 0.0), "stalin_prevails_ci": ci["prevails:stalin"],
        "rivals_top": dict(rivals), "decided": result["mean_quarter_decided"],
        "objective_met": result["objective_met"], **extra,
    }


def markdown(rows: list[dict]) -> str:
    out = ["| start | setting | Stalin on top | 95% interval | Stalin prevails | 95% interval | rivals on top | decided "
           "| rivals ruined | Trotsky ruined | Bukharin: power, in the leadership | own objective met |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lo, hi = r["stalin_top_ci"]
        plo, phi = r["stalin_prevails_ci"]
        rivals = ", ".join(f"{lid.capitalize()} {pct(p)}" for lid, p in r["rivals_top"].items()) or "none"
        trotsky = pct(r["trotsky_ruined"]) if r["trotsky_ruined"] is not None else "–"
        met = r["objective_met"]  # Stalin's, then the rivals' best two (a Success or a Triumph)
        best = sorted(((p, lid) for lid, p in met.items() if lid != "stalin" and p > 0), key=lambda pl: (-pl[0], pl[1]))[:2]
        objectives = ", ".join([f"Stalin {pct(met.get('stalin', 0.0))}"]
                               + [f"{lid.capitalize()} {pct(p)}" for p, lid in best])
        out.append(f"| {r['scenario']} | {r['toggle']} | {pct(r['stalin_top'])} | {pct(lo)}–{pct(hi)} | "
                   f"{pct(r['stalin_prevails'])} | {pct(plo)}–{pct(phi)} | {rivals} | {r['decided']} | "
                   f"{r['rivals_ruined']:.1f} | {trotsky} | {r['bukharin_power']:.0f}, {pct(r['bukharin_active'])} | "
                   f"{objectives} |")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for scenario, toggle in ROWS:
            path = Path(tmp) / f"{scenario}-{toggle}.csv"
            result = simulate(scenario, args.runs, args.seed, (toggle,) if toggle else (), args.workers,
                              csv_path=path, progress=False)
            rows.append(row(result, toggle, later_years(path)))
            print(f"{scenario} {toggle or 'baseline'}: done", file=sys.stderr)
    print(json.dumps(rows, indent=1) if args.json else markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
