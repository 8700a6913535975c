#!/usr/bin/env bash
# CI only: submits the DMG to Apple's notary service and staples the ticket, when the Apple ID
# secrets are configured (APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD) and the app was signed
# with a Developer ID. Otherwise says so and leaves the ad-hoc-signed DMG as it is.
set -euo pipefail
dmg=$(ls "$1"/BudgetDesk-*.dmg)
if [ -z "${APPLE_ID:-}" ] || [ -z "${APPLE_TEAM_ID:-}" ] || [ -z "${APPLE_APP_PASSWORD:-}" ] ||
    [ -z "${MACOS_SIGNING_IDENTITY:-}" ]; then
    echo "notarize: no Apple ID or signing identity configured; $dmg is signed ad hoc and not notarized"
    exit 0
fi
codesign --force --sign "$MACOS_SIGNING_IDENTITY" --timestamp "$dmg"
auth=(--apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" --password "$APPLE_APP_PASSWORD")
# notarytool exits 0 even when Apple rejects the submission: the status decides.
result=$(xcrun notarytool submit "$dmg" "${auth[@]}" --wait --output-format json)
echo "$result"
field() { python3 -c 'import json, sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "$1" <<<"$result"; }
status=$(field status)
if [ "$status" != "Accepted" ]; then
    xcrun notarytool log "$(field id)" "${auth[@]}" || true
    echo "notarize: Apple answered '$status' for $dmg" >&2
    exit 1
fi
xcrun stapler staple "$dmg"
xcrun stapler validate "$dmg"
