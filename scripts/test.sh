#!/usr/bin/env bash
# The README's test command: installs what is missing, configures, builds and runs the whole
# test suite for one CMake preset (default: dev; also: asan).
set -euo pipefail
preset="${1:-dev}"
cd "$(dirname "$0")/.."

scripts/setup-debian.sh
cmake --preset "$preset"
cmake --build --preset "$preset" --parallel "$(nproc 2>/dev/null || echo 2)"
ctest --preset "$preset" --parallel "$(nproc 2>/dev/null || echo 2)"
