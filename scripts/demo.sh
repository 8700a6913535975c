#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and starts the window in demo
# mode — a local simulator plays WeChat Pay, nothing real is touched. Extra arguments go to
# budgetdesk (e.g. --language en).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh
cmake --preset dev
cmake --build --preset dev --parallel "$(nproc 2>/dev/null || echo 2)" --target budgetdesk
exec build/dev/app/budgetdesk --demo "$@"
