#!/usr/bin/env bash
# Add OCR Desktop to your applications menu (and "Open with" for images and PDFs), for you only.
# Run it from the unpacked folder; run it again after moving the folder. --remove takes it away.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APPS=$DATA/applications
ICONS=$DATA/icons/hicolor
DESKTOP=$APPS/ocr-desktop.desktop

if [ "${1:-}" = "--remove" ]; then
  rm -f "$DESKTOP"
  for png in "$HERE"/_internal/resources/app/ocr-desktop-*.png; do
    size=$(basename "$png" .png); size=${size#ocr-desktop-}
    rm -f "$ICONS/${size}x${size}/apps/ocr-desktop.png"
  done
  echo "OCR Desktop removed from the applications menu."
else
  mkdir -p "$APPS"
  for png in "$HERE"/_internal/resources/app/ocr-desktop-*.png; do
    size=$(basename "$png" .png); size=${size#ocr-desktop-}
    mkdir -p "$ICONS/${size}x${size}/apps"
    cp "$png" "$ICONS/${size}x${size}/apps/ocr-desktop.png"
  done
  # Exec: the absolute path in double quotes, as the Desktop Entry spec asks (the folder may
  # contain spaces). Inside the quotes " ` $ \ take a backslash, and the file format then doubles
  # every backslash: \ → \\\\, " → \\".
  exe=$HERE/ocr-desktop
  quoted=$(printf '%s' "$exe" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g')
  tryexec=$(printf '%s' "$exe" | sed -e 's/\\/\\\\/g')
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      Exec=*) printf 'Exec="%s" %%F\n' "$quoted" ;;
      TryExec=*) printf 'TryExec=%s\n' "$tryexec" ;;
      *) printf '%s\n' "$line" ;;
    esac
  done < "$HERE/ocr-desktop.desktop" > "$DESKTOP.tmp"
  mv "$DESKTOP.tmp" "$DESKTOP"
  echo "OCR Desktop added to the applications menu ($DESKTOP)."
fi
command -v update-desktop-database >/dev/null && update-desktop-database -q "$APPS" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
