#!/usr/bin/env bash
# The variance reduction of common random numbers (README, "Comparing
# policies"): the standard error of a paired difference with the reform on
# the baseline's streams, against the reform on independent streams, at the
# same replicate count. Usage: Benchmarks/crn-variance.sh ALLOCSIM [REPLICATES]
set -euo pipefail
allocsim=${1:?usage: crn-variance.sh ALLOCSIM [REPLICATES]}
n=${2:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
se() {  # file metric -> standard error of the mean difference
  awk -F, -v m="$2" '$1 == m { printf "%.6f", ($6 - $5) / (2 * 1.959963984540054) }' "$1"
}
printf '%-34s %-22s %14s %14s %8s\n' "reform (Scenarios/guam.yaml)" metric "SE common" "SE independent" ratio
run() {  # label set metric...
  local label=$1 set=$2; shift 2
  "$allocsim" compare Scenarios/guam.yaml --set "$set" --replicates "$n" --quiet --out "$work/common" >/dev/null
  "$allocsim" compare Scenarios/guam.yaml --set "$set" --replicates "$n" --quiet --independent-streams \
    --out "$work/independent" >/dev/null
  for m in "$@"; do
    local a b
    a=$(se "$work/common/differences.csv" "$m"); b=$(se "$work/independent/differences.csv" "$m")
    printf '%-34s %-22s %14s %14s %8s\n' "$label" "$m" "$a" "$b" \
      "$(awk -v a="$a" -v b="$b" 'BEGIN { if (a > 0) printf "%.0f×", b / a; else print "exact" }')"
  done
  rm -rf "$work/common" "$work/independent"
}
run "3 → 5 dispensary certificates" certificates.dispensary=5 awards.dispensary fees.net awards.cultivation
run "1,000 → 500 ft school buffer" policy.schoolBufferFeet=500 status.ineligible fees.net
