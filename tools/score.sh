#!/usr/bin/env bash
# Scores the release build on every gold set: seeds, dev and real-style (../shared/gold) and
# our own real-style set (gold/own-style), each with its events and span check.
# Usage: tools/score.sh [--quiet]   (builds `release` first; outputs under $SCORE_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
quiet=${1:-}
out=${SCORE_DIR:-/tmp/komunikat-score}
cargo build --release -q
bin=target/release/komunikat
for set in seeds dev real-style own-style; do
  if [ "$set" = own-style ]; then corpus=corpus/own-style gold=gold/own-style
  else corpus=../shared/corpus/$set gold=../shared/gold/$set; fi
  [ -d "$corpus" ] && [ -d "$gold" ] || continue
  rm -rf "$out/$set"
  "$bin" run "$corpus" --out "$out/$set" --no-progress >/dev/null
  echo "== $set"
  python3 ../shared/eval/score.py --pred "$out/$set/documents.jsonl" --gold "$gold" \
    --events "$out/$set/events.jsonl" --check-spans $quiet
done
