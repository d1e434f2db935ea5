#!/usr/bin/env python3
"""Writes Benchmarks/arizona-scale.yaml: a synthetic scenario at Arizona's
scale (126 CHAAs, about 500 applications, 2,000 schools) for the benchmark
in the README. Everything in it is invented except the totals, which follow
Arizona's 2012 round (126 CHAAs, 486 applications, 28,977 patients,
~99 existing dispensaries in 2016). Deterministic: rerun to reproduce.

With --scale F (and --out PATH) it writes the same kind of territory F times
as large (F times the CHAAs, villages, schools, facilities, certificates,
applications and patients, on an area F times as large), to check that a
replicate's cost grows linearly; --scale 1 is the bundled file."""
import argparse
import random

args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
args.add_argument("--scale", type=int, default=1, help="times Arizona's size (default 1)")
args.add_argument("--out", help="where to write (default: Benchmarks/arizona-scale.yaml)")
opts = args.parse_args()
F = opts.scale
if F < 1:
    args.error("--scale must be a positive whole number")

rnd = random.Random(2012)
side = 600_000.0 * F ** 0.5   # feet: a 114-mile square grid at scale 1
scale = "Arizona's scale" if F == 1 else f"{F} times Arizona's scale (--scale {F})"
out = [f"# SYNTHETIC benchmark scenario at {scale} — written by make_arizona_scale.py.",
       f"# {126 * F:,} CHAAs x 2 villages, {2000 * F:,} schools, ~{486 * F:,} Poisson applications for {126 * F:,}",
       f"# dispensary certificates, {28977 * F:,} patients split by population each replicate.",
       "# Nothing here is real geography; only the totals follow Arizona's 2012 round.",
       "name: Arizona-scale synthetic benchmark" + ("" if F == 1 else f" x{F}"),
       "seed: 2012",
       "replicates: 100000",
       f"certificates: {{ dispensary: {126 * F} }}",
       "geography:",
       "  units: feet",
       "  chaas:"]
existing = set(rnd.sample(range(252 * F), 99 * F))
v = 0
for c in range(126 * F):
    out.append(f"    - name: CHAA {c + 1:03d}")
    out.append("      villages:")
    for k in range(2):
        x, y = rnd.uniform(0, side), rnd.uniform(0, side)
        pop = int(rnd.lognormvariate(9.5, 0.8))
        fac = 1 if v in existing else 0
        out.append(f"        - {{ name: V{v + 1:03d}, population: {pop}, patients: 0, "
                   f"facilities: {{ dispensary: {fac} }}, center: [{x:.1f}, {y:.1f}] }}")
        v += 1
out.append("  schools:")
for s in range(2000 * F):
    out.append(f"    - {{ name: School {s + 1:04d}, point: [{rnd.uniform(0, side):.1f}, {rnd.uniform(0, side):.1f}] }}")
out += ["applications:",
        "  generate:",
        "    applications:",
        f"      dispensary: {{ distribution: poisson, total: {486 * F} }}",
        "    sites: { method: radius, radiusFeet: 15000 }",
        "    incomplete: 0.05",
        "    alreadyApplied: 0.10",
        f"    patients: {{ model: multinomial, total: {28977 * F} }}",
        ""]
path = opts.out or __file__.replace("make_arizona_scale.py", "arizona-scale.yaml")
open(path, "w").write("\n".join(out))
