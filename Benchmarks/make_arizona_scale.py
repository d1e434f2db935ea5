#!/usr/bin/env python3
"""Writes Benchmarks/arizona-scale.yaml: a synthetic scenario at Arizona's
scale (126 CHAAs, about 500 applications, 2,000 schools) for the benchmark
in the README. Everything in it is invented except the totals, which follow
Arizona's 2012 round (126 CHAAs, 486 applications, 28,977 patients,
~99 existing dispensaries in 2016). Deterministic: rerun to reproduce."""
import random

rnd = random.Random(2012)
side = 600_000.0          # feet: a 114-mile square grid
out = ["# SYNTHETIC benchmark scenario at Arizona's scale — written by make_arizona_scale.py.",
       "# 126 CHAAs x 2 villages, 2,000 schools, ~486 Poisson applications for 126",
       "# dispensary certificates, 28,977 patients split by population each replicate.",
       "# Nothing here is real geography; only the totals follow Arizona's 2012 round.",
       "name: Arizona-scale synthetic benchmark",
       "seed: 2012",
       "replicates: 100000",
       "certificates: { dispensary: 126 }",
       "geography:",
       "  units: feet",
       "  chaas:"]
existing = set(rnd.sample(range(252), 99))
v = 0
for c in range(126):
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
for s in range(2000):
    out.append(f"    - {{ name: School {s + 1:04d}, point: [{rnd.uniform(0, side):.1f}, {rnd.uniform(0, side):.1f}] }}")
out += ["applications:",
        "  generate:",
        "    applications:",
        "      dispensary: { distribution: poisson, total: 486 }",
        "    sites: { method: radius, radiusFeet: 15000 }",
        "    incomplete: 0.05",
        "    alreadyApplied: 0.10",
        "    patients: { model: multinomial, total: 28977 }",
        ""]
open(__file__.replace("make_arizona_scale.py", "arizona-scale.yaml"), "w").write("\n".join(out))
