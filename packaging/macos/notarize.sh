#!/usr/bin/env bash
# CI only: submits the DMG to Apple's notary service and staples the ticket, when the Apple ID
# secrets are configured (APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD) and the app was signed
# with a Developer ID. Otherwise says so and leaves the ad-hoc-signed DMG as it is.
set -euo pipefail
dmg=$(ls "$1"/BudgetDesk-*.dmg)
if [ -z "${APPLE_ID:-}" ] || [ -z "${MACOS_SIGNING_IDENTITY:-}" ]; then
    echo "notarize: no Apple ID or signing identity configured; $dmg is signed ad hoc and not notarized"
    exit 0
fi
codesign --force --sign "$MACOS_SIGNING_IDENTITY" --timestamp "$dmg"
xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
xcrun stapler staple "$dmg"
xcrun stapler validate "$dmg"
