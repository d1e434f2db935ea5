#!/usr/bin/env bash
# Do two builds give the same bytes? Runs both over the bundled scenarios,
# Arizona scale, the odds benchmarks, every reading of the policy at Guam,
# teaching and Arizona scale, audited rounds of guam-round under every
# reading on five seeds, a comparison and a sharded sweep merged, and compares
# every CSV and replicate state they write (reports and manifests hold
# times and paths, so they are left out). For performance work, whose
# changes must leave every output as it was: build the commit before into
# another --build-path and compare.
# Usage: Benchmarks/same-outputs.sh OLD_ALLOCSIM NEW_ALLOCSIM
set -euo pipefail
old=$(realpath "${1:?usage: same-outputs.sh OLD_ALLOCSIM NEW_ALLOCSIM}")
new=$(realpath "${2:?usage: same-outputs.sh OLD_ALLOCSIM NEW_ALLOCSIM}")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
runs=0 differ=0

# compare NAME COMMAND...: runs COMMAND with each build (--out appended).
compare() {
  local name=$1; shift
  runs=$((runs + 1))
  local a="$work/old-$runs" b="$work/new-$runs" ra=0 rb=0
  "$old" "$@" --out "$a" >/dev/null 2>&1 || ra=$?
  "$new" "$@" --out "$b" >/dev/null 2>&1 || rb=$?
  if [ "$ra" != "$rb" ]; then echo "exit codes differ ($ra, $rb): $name"; differ=$((differ + 1)); return; fi
  [ -d "$a" ] || return 0
  while IFS= read -r f; do
    cmp -s "$a/$f" "$b/$f" || { echo "differs: $name: $f"; differ=$((differ + 1)); }
  done < <(cd "$a" && find . -name '*.csv' -o -name '*.state')
}

# A scenario with one line of its policy section replaced (or added).
variant() {  # SCENARIO 'key: value' OUT
  python3 - "$1" "$2" "$3" <<'EOF'
import re, sys
src, line, out = sys.argv[1:]
key = line.split(":")[0]
text = open(src).read().splitlines()
text = [l for l in text if not re.match(r"^  " + re.escape(key) + r":", l)]
if "policy:" in [l.split("#")[0].strip() for l in text]:
    i = [l.split("#")[0].strip() for l in text].index("policy:")
    text.insert(i + 1, "  " + line)
else:
    text += ["policy:", "  " + line]
open(out, "w").write("\n".join(text) + "\n")
EOF
}

for s in Scenarios/guam.yaml Scenarios/teaching.yaml Scenarios/rhode-island-caregivers.yaml Scenarios/vermont-caregivers.yaml; do
  compare "$s" run "$s" --replicates 3000 --quiet
done
compare arizona-scale run Benchmarks/arizona-scale.yaml --replicates 200 --quiet
compare odds-100 run Benchmarks/odds-100.yaml --replicates 500 --quiet
compare odds-100-uneven run Benchmarks/odds-100-uneven.yaml --replicates 500 --quiet
compare guam-round allocate Scenarios/guam-round.yaml --odds exact
compare guam-program program Scenarios/guam-program.yaml --quiet
compare compare compare Scenarios/guam.yaml --set certificates.dispensary=5 --replicates 2000 --quiet
compare sweep sweep Scenarios/guam.yaml --param certificates.dispensary=2,3,4 --replicates 500 --quiet

readings=("villageOrder: village-patients" "villageOrder: lottery" "tieBreak: application" "chaaTier: round-robin"
  "scoring: patients-per-facility" "servedVillage: any-type" "facilityCounting: as-written" "recount: false"
  "facilityBufferEffect: deny" "busStopRule: both"
  "applicantLimits: { perChaa: 1, total: 2, resolution: reject-all }"
  "applicantLimits: { perChaa: 1, total: 2, counts: all }"
  "applicantLimits: { perChaa: 1, total: 1, resolution: reject-all }")
k=0
for r in "${readings[@]}"; do
  k=$((k + 1))
  # Written beside the originals' folders so relative paths still resolve.
  variant Scenarios/guam.yaml "$r" "Scenarios/.same-outputs-$k.yaml"
  variant Scenarios/teaching.yaml "$r" "Scenarios/.same-outputs-t$k.yaml"
  variant Benchmarks/arizona-scale.yaml "$r" "Benchmarks/.same-outputs-$k.yaml"
  variant Scenarios/guam-round.yaml "$r" "Scenarios/.same-outputs-r$k.yaml"
done
trap 'rm -rf "$work" Scenarios/.same-outputs-*.yaml Benchmarks/.same-outputs-*.yaml' EXIT
k=0
for r in "${readings[@]}"; do
  k=$((k + 1))
  compare "guam, $r" run "Scenarios/.same-outputs-$k.yaml" --replicates 2000 --quiet
  compare "teaching, $r" run "Scenarios/.same-outputs-t$k.yaml" --replicates 2000 --quiet
  compare "arizona-scale, $r" run "Benchmarks/.same-outputs-$k.yaml" --replicates 100 --quiet
done

# Audited rounds: every losing application's reason in full (step, draw
# size, place), under every reading, on a few lottery seeds.
for seed in 1 2 3 4 5; do
  compare "guam-round, seed $seed" allocate Scenarios/guam-round.yaml --seed "$seed"
  k=0
  for r in "${readings[@]}"; do
    k=$((k + 1))
    compare "guam-round, $r, seed $seed" allocate "Scenarios/.same-outputs-r$k.yaml" --seed "$seed"
  done
done

# Two shards of a sweep, merged.
for side in old new; do
  bin=$old; [ "$side" = new ] && bin=$new
  for s in 1 2; do
    "$bin" sweep Scenarios/guam.yaml --param certificates.dispensary=2,3,4 --replicates 300 --shard "$s/2" --quiet \
      --out "$work/$side-shard$s" >/dev/null 2>&1
  done
  "$bin" merge "$work/$side-shard1" "$work/$side-shard2" --out "$work/$side-merged" >/dev/null 2>&1
done
runs=$((runs + 1))
for d in shard1 shard2 merged; do
  while IFS= read -r f; do
    cmp -s "$work/old-$d/$f" "$work/new-$d/$f" || { echo "differs: $d: $f"; differ=$((differ + 1)); }
  done < <(cd "$work/old-$d" && find . -name '*.csv' -o -name '*.state')
done

echo "$runs runs compared; $differ differences"
[ "$differ" = 0 ]
