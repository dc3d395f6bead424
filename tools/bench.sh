#!/usr/bin/env bash
# End-to-end benchmark: `komunikat run` over N synthetic releases made by
# ../shared/tools/gen_corpus.py (20,000 by default, about 84 MB).
#
#   tools/bench.sh                # 20,000 releases
#   tools/bench.sh 100000         # 100,000 releases
#   tools/bench.sh --real [N]     # the bundled releases (corpus/: real pages, HTML, chrome,
#                                 # other languages) copied to N files (10,000 by default),
#                                 # each with one unique line, so no two files are the same
#   tools/bench.sh --dense [N]    # N fact-dense plain texts of 30 MB each (2 by default): a
#                                 # paragraph with an official, dates, sums, an institution
#                                 # and a gmina, varied and repeated; shows the memory bound
#
# Prints wall time, MB/s, releases/s, peak RSS, and komunikat's own per-stage times
# (--timings). Per-stage micro-benchmarks on the bundled corpus: `cargo bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
real=
dense=
if [ "${1:-}" = --real ]; then real=1; shift; fi
if [ "${1:-}" = --dense ]; then dense=1; shift; fi
if [ -n "$dense" ]; then
    n=${1:-2}
    dir=${BENCH_DIR:-/tmp/komunikat-bench}/dense$n
elif [ -n "$real" ]; then
    n=${1:-10000}
    dir=${BENCH_DIR:-/tmp/komunikat-bench}/real$n
else
    n=${1:-20000}
    dir=${BENCH_DIR:-/tmp/komunikat-bench}/n$n
fi
gen=../shared/tools/gen_corpus.py
if [ ! -d "$dir/corpus" ]; then
    mkdir -p "$dir"
    if [ -n "$dense" ]; then
        python3 - "$dir/corpus" "$n" <<'PY'
import pathlib, sys
out, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
months = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
          "sierpnia", "września", "października", "listopada", "grudnia"]
names = ["Jan Kowalski", "Anna Nowak", "Piotr Wiśniewski", "Maria Wójcik", "Tomasz Lewandowski"]
gminas = ["Gminie Brzeziny", "Gminie Kórnik", "Gminie Czersk", "Gminie Baranów"]
for k in range(n):
    parts, size, i = [], 0, 0
    while size < 30_000_000:
        p = (f"Wójt Gminy {gminas[(i + k) % 4].split()[1]} {names[i % 5]} podpisał {1 + i % 28} "
             f"{months[i % 12]} {2015 + i % 10} r. umowę na kwotę {1000 + (i + k) * 7 % 90000},{i % 100:02d} zł "
             f"z Zespołem Szkół nr {1 + i % 9} w {gminas[i % 4]}. Termin: {1 + i % 28}.{1 + i % 12:02d}.{2020 + i % 6}.\n\n")
        parts.append(p)
        size += len(p.encode())
        i += 1
    (out / f"dense-{k}.txt").write_text("".join(parts), encoding="utf-8")
PY
    elif [ -n "$real" ]; then
        # Copy i of release f goes to corpus/<i mod 100>/<stem>-<i>.<ext> with a line of its own
        # at the end (a comment in HTML), in the release's own encoding (ASCII only).
        python3 - "$dir/corpus" "$n" <<'PY'
import pathlib, sys
out, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
src = sorted(p for p in pathlib.Path("corpus").rglob("*") if p.is_file())
for i in range(n):
    f = src[i % len(src)]
    line = f"copy {i} of {f.name}".encode()
    tail = b"\n<!-- " + line + b" -->\n" if f.suffix in (".html", ".htm") else b"\n" + line + b"\n"
    d = out / f"{i % 100:02d}"
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{f.stem}-{i}{f.suffix}").write_bytes(f.read_bytes() + tail)
PY
    else
        python3 "$gen" --out "$dir/corpus" --n "$n" >/dev/null
    fi
fi
# The `release-lto` profile (Cargo.toml) by default; PROFILE=release for the tests' build.
profile=${PROFILE:-release-lto}
# BENCH_ONLY_CORPUS=1 stops here, with the corpus made (for tests of this script).
[ -n "${BENCH_ONLY_CORPUS:-}" ] && exit 0
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
