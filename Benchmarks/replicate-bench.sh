#!/usr/bin/env bash
# The replicate loop against ../shared/perf/guam_kernel.c (issue: as fast
# as hand-written C), in one run: CPU time per replicate on one thread
# (the median of ROUNDS runs, default 3, alternated with the kernel's),
# instructions per replicate (callgrind, repeatable), heap allocations per
# replicate (an LD_PRELOAD counter), and the same for the C kernel built
# beside it; then Arizona scale, the 2-thread speed-up and peak memory,
# and how a replicate's instructions grow with the territory's size.
# Usage: Benchmarks/replicate-bench.sh ALLOCSIM [KERNEL.c]
set -euo pipefail
allocsim=$(realpath "${1:?usage: replicate-bench.sh ALLOCSIM [KERNEL.c]}")
kernel_src=${2:-../shared/perf/guam_kernel.c}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
cc -O2 -shared -fPIC "$here/malloc_count.c" -o "$work/malloc_count.so" -ldl
have_kernel=0
if [ -f "$kernel_src" ]; then
  cc -O2 -march=native "$kernel_src" -o "$work/guam_kernel" $(pkg-config --cflags --libs gsl) -lm && have_kernel=1
  # valgrind does not know this CPU's AVX-512: count instructions on a build without -march=native.
  cc -O2 "$kernel_src" -o "$work/guam_kernel_portable" $(pkg-config --cflags --libs gsl) -lm
fi
# A copy without DWARF: this machine's valgrind cannot read the toolchain's.
cp "$allocsim" "$work/allocsim" && strip --strip-debug "$work/allocsim"

cpu() {  # command... -> user+sys seconds
  /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{ print $1 + $2 }'
}
instr() {  # command... -> instructions (Swift's hashing seeded the same every run, so counts repeat)
  SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/refs:/ { gsub(",", "", $4); print $4 }'
}
mallocs() {  # command... -> heap allocations
  LD_PRELOAD="$work/malloc_count.so" "$@" 2>&1 >/dev/null | awk '/malloc_count:/ { print $2 }' | tail -1
}
run() {  # scenario replicates threads
  echo "$work/allocsim" run "$1" --replicates "$2" --threads "$3" --quiet --out "$work/out-$RANDOM"
}
median() {  # numbers... -> the middle one
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
N=${N:-200000}
# The clock drifts on a shared machine: allocsim and the kernel are timed
# in turn, ROUNDS times each, and the medians compared.
ROUNDS=${ROUNDS:-3}
printf '\n== Scenarios/guam.yaml, one thread\n'
a_runs=() k_runs=()
for r in $(seq "$ROUNDS"); do
  a_runs+=("$(cpu $(run Scenarios/guam.yaml "$N" 1))")
  if [ "$have_kernel" = 1 ]; then k_runs+=("$(cpu "$work/guam_kernel" "$N" 2017)"); fi
done
a_cpu=$(median "${a_runs[@]}")
a_us=$(awk -v s="$a_cpu" -v n="$N" 'BEGIN { printf "%.2f", 1e6 * s / n }')
i1=$(instr $(run Scenarios/guam.yaml 2000 1)); i2=$(instr $(run Scenarios/guam.yaml 4000 1))
a_ins=$(( (i2 - i1) / 2000 ))
m1=$(mallocs $(run Scenarios/guam.yaml 2000 1)); m2=$(mallocs $(run Scenarios/guam.yaml 4000 1))
a_mal=$(awk -v a="$m1" -v b="$m2" 'BEGIN { printf "%.1f", (b - a) / 2000 }')
printf '%-14s %12s %14s %16s %16s\n' "" "CPU µs/rep" "reps/s/core" "instructions/rep" "allocations/rep"
printf '%-14s %12s %14s %16s %16s\n' allocsim "$a_us" "$(awk -v u="$a_us" 'BEGIN { printf "%.0f", 1e6 / u }')" "$a_ins" "$a_mal"
if [ "$have_kernel" = 1 ]; then
  k_cpu=$(median "${k_runs[@]}")
  k_us=$(awk -v s="$k_cpu" -v n="$N" 'BEGIN { printf "%.2f", 1e6 * s / n }')
  j1=$(instr "$work/guam_kernel_portable" 2000 2017); j2=$(instr "$work/guam_kernel_portable" 4000 2017)
  n1=$(mallocs "$work/guam_kernel" 2000 2017); n2=$(mallocs "$work/guam_kernel" 4000 2017)
  printf '%-14s %12s %14s %16s %16s\n' "C kernel" "$k_us" "$(awk -v u="$k_us" 'BEGIN { printf "%.0f", 1e6 / u }')" \
    "$(( (j2 - j1) / 2000 ))" "$(awk -v a="$n1" -v b="$n2" 'BEGIN { printf "%.1f", (b - a) / 2000 }')"
  printf 'allocsim / C kernel: %s× CPU time, %s× instructions\n' \
    "$(awk -v a="$a_us" -v b="$k_us" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="$a_ins" -v b="$(( (j2 - j1) / 2000 ))" 'BEGIN { printf "%.2f", a / b }')"
  echo "(CPU time: the median of $ROUNDS runs of $N replicates each, taken in turn; seconds: allocsim ${a_runs[*]}, C kernel ${k_runs[*]})"
else
  echo "(no C kernel at $kernel_src: ../shared/perf/guam_kernel.c is beside the repository on the project's machines)"
fi
printf '\n== Scenarios/guam.yaml, 1,000,000 replicates: 1 and 2 threads (wall), peak memory\n'
w1=$( { /usr/bin/time -f "%e %M" $(run Scenarios/guam.yaml 1000000 1) >/dev/null; } 2>&1 | tail -1)
w2=$( { /usr/bin/time -f "%e %M" $(run Scenarios/guam.yaml 1000000 2) >/dev/null; } 2>&1 | tail -1)
echo "1 thread: ${w1% *} s; 2 threads: ${w2% *} s, peak ${w2#* } KB; speed-up $(awk -v a="${w1% *}" -v b="${w2% *}" 'BEGIN { printf "%.2f", a / b }')×"
printf '\n== Benchmarks/arizona-scale.yaml\n'
z_runs=()
for r in $(seq "$ROUNDS"); do z_runs+=("$(cpu $(run Benchmarks/arizona-scale.yaml 20000 1))"); done
z_cpu=$(median "${z_runs[@]}")
z1=$(instr $(run Benchmarks/arizona-scale.yaml 200 1)); z2=$(instr $(run Benchmarks/arizona-scale.yaml 400 1))
z_ins=$(( (z2 - z1) / 200 ))
y1=$(mallocs $(run Benchmarks/arizona-scale.yaml 1000 1)); y2=$(mallocs $(run Benchmarks/arizona-scale.yaml 2000 1))
echo "one thread: $(awk -v s="$z_cpu" 'BEGIN { printf "%.1f", 1e6 * s / 20000 }') µs CPU/replicate (median of $ROUNDS runs), $z_ins instructions/replicate, $(awk -v a="$y1" -v b="$y2" 'BEGIN { printf "%.2f", (b - a) / 1000 }') allocations/replicate"
wz=$( { /usr/bin/time -f "%e %M" $(run Benchmarks/arizona-scale.yaml 100000 2) >/dev/null; } 2>&1 | tail -1)
echo "100,000 replicates on 2 threads: ${wz% *} s wall, peak ${wz#* } KB"
# Linear in size? The same territory 2 and 4 times as large (CHAAs,
# villages, schools, certificates, applications, patients).
line="instructions/replicate by size: x1 $z_ins"
for f in 2 4; do
  python3 "$here/make_arizona_scale.py" --scale "$f" --out "$work/arizona-x$f.yaml"
  s1=$(instr $(run "$work/arizona-x$f.yaml" 50 1)); s2=$(instr $(run "$work/arizona-x$f.yaml" 100 1))
  line="$line; x$f $(( (s2 - s1) / 50 )) ($(awk -v a="$(( (s2 - s1) / 50 ))" -v b="$z_ins" 'BEGIN { printf "%.2f", a / b }')× x1)"
done
echo "$line"
