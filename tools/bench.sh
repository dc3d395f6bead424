#!/usr/bin/env bash
# End-to-end benchmark: `komunikat run` over N synthetic releases made by
# ../shared/tools/gen_corpus.py (20,000 by default, about 84 MB).
#
#   tools/bench.sh            # 20,000 releases
#   tools/bench.sh 100000     # 100,000 releases
#
# Prints wall time, MB/s, releases/s, peak RSS, and komunikat's own per-stage times
# (--timings). Per-stage micro-benchmarks on the bundled corpus: `cargo bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
dir=${BENCH_DIR:-/tmp/komunikat-bench}/n$n
gen=../shared/tools/gen_corpus.py
if [ ! -d "$dir/corpus" ]; then
    mkdir -p "$dir"
    python3 "$gen" --out "$dir/corpus" --n "$n" >/dev/null
fi
# The `release-lto` profile (Cargo.toml) by default; PROFILE=release for the tests' build.
profile=${PROFILE:-release-lto}
cargo build --profile "$profile" -q
bytes=$(du -sb "$dir/corpus" | cut -f1)
files=$(find "$dir/corpus" -type f | wc -l)
/usr/bin/time -f '%e %M' -o "$dir/time" \
    "target/$profile/komunikat" run "$dir/corpus" --out "$dir/out" --fresh --no-progress --timings 2> "$dir/stderr"
read -r wall rss_kb < "$dir/time"
cat "$dir/stderr"
python3 - "$bytes" "$files" "$wall" "$rss_kb" <<'PY'
import sys
b, n, wall, rss = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(f"{n} releases, {b / 1e6:.1f} MB in {wall:.2f} s: {b / 1e6 / wall:.1f} MB/s, "
      f"{n / wall:,.0f} releases/s, peak RSS {rss / 1024:.0f} MiB")
PY
