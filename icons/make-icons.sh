#!/bin/sh
# Redraws the app icons with ImageMagick (6 or 7): a rounded navy square holding a small
# playbook flow (one block branching to two). Drawn once at 1024 px, then scaled down, and
# written as 8-bit RGBA (PNG32), which Tauri requires.
set -eu
cd "$(dirname "$0")"
master=$(mktemp --suffix=.png)
trap 'rm -f "$master"' EXIT

convert -size 1024x1024 gradient:'#1d4177'-'#0a1529' \
  \( -size 1024x1024 xc:none -fill white -draw "roundrectangle 24,24 999,999 200,200" \) \
  -compose CopyOpacity -composite -compose Over \
  -stroke none -fill '#7dd3fc' \
  -draw "rectangle 492,380 532,532" -draw "rectangle 284,492 740,532" \
  -draw "rectangle 284,492 324,650" -draw "rectangle 700,492 740,650" \
  -stroke '#0a1529' -strokewidth 20 \
  -fill '#2dd4bf' -draw "roundrectangle 336,200 688,392 52,52" \
  -fill '#38bdf8' -draw "roundrectangle 160,632 448,824 52,52" \
  -fill '#f59e0b' -draw "roundrectangle 576,632 864,824 52,52" \
  -stroke none -fill '#0a1529' \
  -draw "roundrectangle 400,278 624,314 18,18" \
  -draw "roundrectangle 216,710 392,746 18,18" \
  -draw "roundrectangle 632,710 808,746 18,18" \
  "$master"

# Every size desktops look up (hicolor 16…512), plus Tauri's 128x128@2x and icon.png.
for size in 16 32 48 64 128 256 512; do
  convert "$master" -filter Lanczos -resize "${size}x${size}" -strip "PNG32:${size}x${size}.png"
done
cp 256x256.png 128x128@2x.png
cp 512x512.png icon.png
cp 32x32.png ../frontend/public/favicon.png
