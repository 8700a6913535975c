#!/usr/bin/env bash
# Regenerates the committed icon files from resources/icons/budgetdesk.svg (run after editing
# it): PNGs for Linux and the window, budgetdesk.ico for Windows, budgetdesk.icns for macOS.
# Needs librsvg2-bin, icnsutils, ImageMagick and fonts-noto-cjk; the build needs none of them.
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" budgetdesk.svg -o "budgetdesk-$size.png"
done
convert budgetdesk-16.png budgetdesk-24.png budgetdesk-32.png budgetdesk-48.png budgetdesk-64.png \
    budgetdesk-256.png budgetdesk.ico
png2icns budgetdesk.icns budgetdesk-16.png budgetdesk-32.png budgetdesk-48.png budgetdesk-128.png \
    budgetdesk-256.png budgetdesk-512.png >/dev/null
# The Windows installer's welcome/finish side image (NSIS MUI: 164x314, 24-bit BMP).
font=$(fc-match -f '%{file}' 'Noto Sans CJK SC:bold')
convert -size 164x314 gradient:'#FFFFFF-#DDF2E6' \
    \( budgetdesk-256.png -resize 96x96 \) -gravity north -geometry +0+56 -composite \
    -font "$font" -fill '#05803F' -pointsize 20 -annotate +0+170 'BudgetDesk' \
    -pointsize 15 -annotate +0+200 '商家券预算助手' \
    -type TrueColor BMP3:../../packaging/windows/installer-side.bmp
