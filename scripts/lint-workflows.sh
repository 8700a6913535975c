#!/usr/bin/env bash
# Checks .github/workflows/*.yml against GitHub's workflow schema with action-validator (from
# the npm registry, pinned), since the workflows cannot run here.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="${BUDGETDESK_TOOLS_DIR:-$HOME/.cache/budgetdesk-tools}"
validator="$tools/node_modules/.bin/action-validator"
if [ ! -x "$validator" ]; then
    command -v npm >/dev/null || { echo "lint-workflows: needs Node.js and npm (the npm registry)" >&2; exit 1; }
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --silent @action-validator/cli@0.6.0 @action-validator/core@0.6.0
fi
status=0
for workflow in .github/workflows/*.yml; do
    if "$validator" "$workflow"; then
        echo "lint-workflows: $workflow is valid"
    else
        status=1
    fi
done
exit $status
