#!/usr/bin/env bash
# Regenerates the committed icon files from resources/icons/budgetdesk.svg (run after editing
# it): PNGs for Linux and the window, budgetdesk.ico for Windows, budgetdesk.icns for macOS.
# Needs librsvg2-bin, icnsutils and ImageMagick; the build itself needs none of them.
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" budgetdesk.svg -o "budgetdesk-$size.png"
done
convert budgetdesk-16.png budgetdesk-24.png budgetdesk-32.png budgetdesk-48.png budgetdesk-64.png \
    budgetdesk-256.png budgetdesk.ico
png2icns budgetdesk.icns budgetdesk-16.png budgetdesk-32.png budgetdesk-48.png budgetdesk-128.png \
    budgetdesk-256.png budgetdesk-512.png >/dev/null
