#!/usr/bin/env bash
# Runs every libFuzzer target of the asan build for a bounded time each (default 60 s),
# starting from the committed seeds in a scratch corpus. Exits non-zero on the first crash,
# leak or sanitizer report; the reproducer is left in build/asan/fuzz-artifacts/.
set -euo pipefail
seconds="${1:-60}"
cd "$(dirname "$0")/.."
build=build/asan/tests/fuzz
[ -d "$build" ] || { echo "fuzz.sh: build the asan preset first (scripts/test.sh asan)" >&2; exit 2; }

artifacts=build/asan/fuzz-artifacts
mkdir -p "$artifacts"
for target in response_validator key_loader simulator_request http_answer product_coupon_answer bulk_sheet; do
  corpus=$(mktemp -d)
  cp tests/fuzz/seeds/"$target"/* "$corpus"/
  echo "== fuzz_$target for ${seconds}s"
  "$build/fuzz_$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/$target-" -print_final_stats=1 2>&1 | tail -n 12
  status=${PIPESTATUS[0]}
  rm -rf "$corpus"
  [ "$status" -eq 0 ] || { echo "fuzz_$target failed (exit $status)" >&2; exit "$status"; }
done
