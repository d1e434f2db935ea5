#!/usr/bin/env python3
"""Turns the 50-state medical-cannabis scorecard seed (a flattened
spreadsheet) into Scenarios/data/scorecard.csv, one row per issue and
jurisdiction: category, issue, max_points, jurisdiction, points, provision,
citation.

    python3 Scenarios/data/make_scorecard.py ../shared/seeds/004_271e325fa0cc9615.txt

The seed's rows do not follow its header's column layout: a jurisdiction's
provision, citation and points take 3 cells, or 2 or 1 where a cell was left
out. So each issue row is cut into 36 groups of 1-3 cells, each ending in a
points cell (a number from 0 to the issue's maximum). Most rows cut only one
way; where several cuts fit, the one whose points add up to the category's
subtotal row for every jurisdiction is kept. Every category is then checked
against its subtotal row, and every jurisdiction against the total row
(points out of 400) and the final-grade row; the script stops with the
differences when any check fails. Rows that needed a hand decision are in
HAND_ALIGNED below, each with why; the README lists them.

Standard library only; deterministic.
"""
import csv, itertools, re, sys

NUM = re.compile(r'^\d+(\.\d+)?$')
GRADES = ["F", "F+", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+"]

# Hand decisions, each checked by the arithmetic like everything else:
# (issue prefix, what the seed has, what is used, why).
HAND_ALIGNED = [
    ("Employment Protections", "Rhode Island's cells 'No | 10' on a 7-point issue",
     "kept as 10 points (the row is cut allowing up to 10)",
     "RI's category subtotal (81) and total (324) count the 10; with 0 they do not add up"),
]
# Issues whose row may hold more points than the issue's maximum (above).
CUT_LIMIT = {"Employment Protections": 10}


def cells_of(line):
    m = re.match(r'^(\d+) \| (.*)$', line)
    if not m:
        return None
    cs = [c.strip() for c in m.group(2).split(' | ')]
    while cs and re.fullmatch(r'\|*', cs[-1]):
        cs.pop()
    if cs:
        cs[-1] = cs[-1].rstrip('|').strip()   # the row's closing pipe
    return cs


def cuts(cs, most, groups):
    """Every way to cut cells into `groups` groups of 1-3 cells, each ending
    in a points cell (0..most)."""
    n = len(cs)
    memo = {}

    def f(i, g):
        if (i, g) in memo:
            return memo[(i, g)]
        if g == groups:
            out = [[]] if i == n else []
        else:
            out = []
            for size in (3, 2, 1):
                j = i + size
                if j <= n and NUM.match(cs[j - 1]) and float(cs[j - 1]) <= most:
                    out += [[(i, j)] + rest for rest in f(j, g + 1)]
        memo[(i, g)] = out
        return out
    return f(0, 0)


def numbers(cs):
    """A subtotal or total row's numbers, text cells ('yes', 'no tax') left out."""
    return [float(c) for c in cs if NUM.match(c)]


def main(seed, out):
    lines = [l for l in open(seed, encoding='utf-8').read().split('\n') if l.strip()]
    header = lines[0].split(' | ')[1:]
    jurisdictions = [header[i + 2].replace(' Points', '').replace(' Score', '').strip()
                     for i in range(2, len(header) - 2, 3)]
    J = len(jurisdictions)
    rows = [cells_of(l) for l in lines[2:]]
    rows = [r for r in rows if r]
    categories = []          # (name, [(issue, max, cells, candidate cuts)], subtotal max, subtotals)
    current = None
    totals = grades = None
    for cs in rows:
        first = cs[0]
        if not first:
            continue
        if first.startswith("Total out of"):
            totals = numbers(cs[1:])
        elif first.startswith("Final Grade"):
            grades = cs[1:]
        elif first.startswith("Average"):
            continue
        elif NUM.match(first):                      # a subtotal row: max, then one per jurisdiction
            vals = numbers(cs)
            current[2], current[3] = vals[0], vals[1:]
            categories.append(current)
            current = None
        elif len(cs) > 1 and NUM.match(cs[1]):      # an issue row
            most = float(cs[1])
            body = cs[2:]
            limit = next((v for k, v in CUT_LIMIT.items() if first.startswith(k)), most)
            current[1].append((first, most, body, cuts(body, limit, J)))
        else:                                       # a category row (its grades)
            current = [first.lstrip('* ').strip(), [], None, None]
    problems = []
    out_rows = []
    ambiguous = []
    # The total out of 400 is the four 100-point categories; the 25-point
    # one (consumer safety) is scored apart.
    per_jurisdiction = [0.0] * J
    for name, issues, most, subtotals in categories:
        if len(subtotals) != J:
            problems.append(f"{name}: subtotal row has {len(subtotals)} numbers, expected {J}")
            continue
        options = [c if c else [None] for _, _, _, c in issues]
        matching = []
        for combo in itertools.product(*options):
            if any(c is None for c in combo):
                break
            sums = [sum(float(body[cut[j][1] - 1]) for (_, _, body, _), cut in zip(issues, combo)) for j in range(J)]
            if all(abs(s - t) < 1e-9 for s, t in zip(sums, subtotals)):
                matching.append(combo)
        # Cuts that add up alike but split cells differently are resolved by
        # preferring whole 3-cell groups (provision, citation, points) first,
        # as the header lays them out; what each jurisdiction scores must not
        # depend on the choice.
        def points(combo):
            return [[body[cut[j][1] - 1] for j in range(J)] for (_, _, body, _), cut in zip(issues, combo)]
        if len({str(points(c)) for c in matching}) > 1:
            problems.append(f"{name}: {len(matching)} cuts add up to the subtotals with different points; decide by hand")
            continue
        chosen = matching[0] if matching else None
        if len(matching) > 1:
            ambiguous.append(f"{name}: {len(matching)} cuts add up, all with the same points")
        if chosen is None:
            for (issue, _, _, c) in issues:
                if len(c) != 1:
                    problems.append(f"{name} / {issue}: {len(c)} ways to cut the row")
            problems.append(f"{name}: no cut of its rows adds up to the subtotal row for every jurisdiction")
            continue
        for (issue, mx, body, _), cut in zip(issues, chosen):
            for j, (a, b) in enumerate(cut):
                group = body[a:b]
                points = float(group[-1])
                provision = group[0] if len(group) >= 2 else ""
                citation = group[1] if len(group) == 3 else ""
                if most == 100:
                    per_jurisdiction[j] += points
                out_rows.append([name, issue, fmt(mx), jurisdictions[j], fmt(points), provision, citation])
    if totals is not None:
        # The total row repeats "total, 0, 0" per jurisdiction with some cells shifted; its
        # non-zero numbers in order are the totals.
        nonzero = [t for t in totals if t != 0]
        if len(nonzero) >= J and not problems:
            for j in range(J):
                if abs(nonzero[j] - per_jurisdiction[j]) > 1e-9:
                    problems.append(f"{jurisdictions[j]}: points add up to {fmt(per_jurisdiction[j])}, total row says {fmt(nonzero[j])}")
        elif not problems:
            problems.append(f"total row: {len(nonzero)} non-zero numbers, expected {J}")
    if grades is not None and not problems:
        # The final grade follows the average (total / 4): a jurisdiction with
        # a higher average never has a lower grade.
        order = GRADES
        letters = [g for g in grades if g in order]
        if len(letters) != J:
            problems.append(f"final-grade row: {len(letters)} grades, expected {J}")
        else:
            ranked = sorted(range(J), key=lambda j: per_jurisdiction[j])
            for a, b in zip(ranked, ranked[1:]):
                if per_jurisdiction[a] < per_jurisdiction[b] and order.index(letters[a]) > order.index(letters[b]):
                    problems.append(f"grades out of order: {jurisdictions[a]} {letters[a]} ({fmt(per_jurisdiction[a])}) "
                                    f"above {jurisdictions[b]} {letters[b]} ({fmt(per_jurisdiction[b])})")
    if problems:
        print("scorecard: the seed does not add up:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        sys.exit(1)
    with open(out, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\r\n')
        w.writerow(["category", "issue", "max_points", "jurisdiction", "points", "provision", "citation"])
        w.writerows(out_rows)
    # The table's own arithmetic, as the seed states it, for the tests.
    with open(out.replace("scorecard.csv", "scorecard-totals.csv"), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\r\n')
        w.writerow(["jurisdiction", "measure", "value"])
        for j, code in enumerate(jurisdictions):
            for name, _, most, subtotals in categories:
                w.writerow([code, f"subtotal: {name} (out of {fmt(most)})", fmt(subtotals[j])])
            w.writerow([code, "total out of 400", fmt(per_jurisdiction[j])])
            w.writerow([code, "final grade", [g for g in grades if g in GRADES][j]])
    write_swift(out_rows, jurisdictions, out.replace("Scenarios/data/scorecard.csv", SWIFT_TABLE))
    print(f"wrote {out}: {len(out_rows)} rows, {len(categories)} categories, {J} jurisdictions; "
          f"hand-aligned: {len(HAND_ALIGNED)}")
    for a in ambiguous:
        print("  " + a)


SWIFT_TABLE = "Sources/AllocSimReports/ScorecardSeedPoints.swift"


def write_swift(out_rows, jurisdictions, path):
    """The points of scorecard.csv as a Swift table, so the allocsim binary
    carries them (a clone's tool never reads Scenarios/ at run time)."""
    issues = []
    for category, issue, most, code, points, _, _ in out_rows:
        if not issues or issues[-1][1] != issue:
            issues.append((category, issue, most, []))
        issues[-1][3].append(points)
    def swift(text):
        return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'
    with open(path, 'w', encoding='utf-8') as f:
        f.write("// Generated by Scenarios/data/make_scorecard.py from the scorecard seed; do not edit.\n")
        f.write("// The points columns of Scenarios/data/scorecard.csv (ScorecardDataTests checks they agree).\n\n")
        f.write("extension ScorecardSeed {\n")
        f.write("    /// Jurisdiction codes, in the seed's column order.\n")
        f.write("    static let jurisdictions = [" + ", ".join(swift(j) for j in jurisdictions) + "]\n\n")
        f.write("    /// (category, issue, max points, points per jurisdiction), in the seed's row order.\n")
        f.write("    static let issues: [(String, String, Int, [Double])] = [\n")
        for category, issue, most, points in issues:
            f.write(f"        ({swift(category)}, {swift(issue)}, {most},\n         [{', '.join(points)}]),\n")
        f.write("    ]\n}\n")


def fmt(v):
    return str(int(v)) if v == int(v) else repr(v)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit("usage: make_scorecard.py SEED.txt  (writes Scenarios/data/scorecard.csv)")
    main(sys.argv[1], __file__.replace("make_scorecard.py", "scorecard.csv"))
