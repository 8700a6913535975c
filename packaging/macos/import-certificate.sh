#!/usr/bin/env bash
# CI only: imports the Developer ID certificate (MACOS_CERTIFICATE_P12_BASE64, its password in
# MACOS_CERTIFICATE_PASSWORD) into a temporary keychain for codesign. Does nothing when the
# secrets are not configured (the build is then signed ad hoc).
set -euo pipefail
if [ -z "${MACOS_CERTIFICATE_P12_BASE64:-}" ]; then
    echo "import-certificate: no signing certificate configured; ad-hoc signing"
    exit 0
fi
keychain="$RUNNER_TEMP/budgetdesk-signing.keychain-db"
password=$(openssl rand -hex 16)
echo "$MACOS_CERTIFICATE_P12_BASE64" | base64 --decode > "$RUNNER_TEMP/certificate.p12"
security create-keychain -p "$password" "$keychain"
security set-keychain-settings -lut 3600 "$keychain"
security unlock-keychain -p "$password" "$keychain"
security import "$RUNNER_TEMP/certificate.p12" -k "$keychain" -P "$MACOS_CERTIFICATE_PASSWORD" -T /usr/bin/codesign
security set-key-partition-list -S apple-tool:,apple: -s -k "$password" "$keychain" >/dev/null
security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
rm -f "$RUNNER_TEMP/certificate.p12"
