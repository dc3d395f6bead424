#!/usr/bin/env bash
# Byte-identical check for refactoring and speed steps.
#
#   tools/same.sh save     # run the release build on corpus/ and on 2,000 generated releases,
#                          # keep documents.jsonl and events.jsonl as the baseline
#   tools/same.sh          # run again and `cmp` with the baseline (exit 1 on a difference)
#
# The baseline lives in target/same/ (not committed). PROFILE=release-lto to check that build.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${PROFILE:-release}
base=target/same
gen=${BENCH_DIR:-/tmp/komunikat-bench}/n2000/corpus
if [ ! -d "$gen" ]; then
    mkdir -p "$gen"
    python3 ../shared/tools/gen_corpus.py --out "$gen" --n 2000 >/dev/null
fi
cargo build --profile "$profile" -q
bin=target/$profile/komunikat
mode=${1:-check}
status=0
for name in corpus generated; do
    if [ $name = corpus ]; then input=corpus; else input=$gen; fi
    out=$(mktemp -d)
    "$bin" run "$input" --out "$out" --fresh --no-progress >/dev/null 2>&1
    for f in documents.jsonl events.jsonl; do
        if [ "$mode" = save ]; then
            mkdir -p "$base/$name"
            cp "$out/current/$f" "$base/$name/$f"
        elif ! cmp -s "$base/$name/$f" "$out/current/$f"; then
            echo "DIFFERENT: $name/$f ($base/$name/$f vs $out/current/$f)"
            status=1
            continue
        fi
    done
    [ $status = 0 ] && rm -rf "$out"
done
if [ "$mode" = save ]; then echo "baseline saved in $base"; elif [ $status = 0 ]; then echo "same: corpus and generated outputs are byte-identical"; fi
exit $status
