#!/usr/bin/env bash
# How Guam's Sobol indices settle as N grows (issue 15): the same four
# parameters at N = 32, 128 and 512 (N·(d+2) cells, 200 replicates each),
# printing the total-order index and its 95% interval of three headline
# metrics. Usage: Benchmarks/sobol-convergence.sh ALLOCSIM
set -euo pipefail
allocsim=$(realpath "${1:?usage: sobol-convergence.sh ALLOCSIM}")
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 32 128 512; do
  "$allocsim" sweep Scenarios/guam.yaml --sobol "$n" --replicates 200 --quiet \
    --param certificates.dispensary=2:6 --param certificates.cultivation=5:15 \
    --param policy.schoolBufferFeet=500.0:1500.0 --param policy.scoring=lexicographic,patients-per-facility \
    --out "$work/n$n" >/dev/null
  awk -F, -v n="$n" '$3 == "ST" && ($1 == "awards.dispensary" || $1 == "chaas.unserved.dispensary" || $1 == "fees.net") {
    printf "N=%-4s %-28s %-26s ST %s [%s, %s]\n", n, $1, $2, $4, $5, $6 }' "$work/n$n/sensitivity.csv"
done
