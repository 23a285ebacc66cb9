#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages OCR Desktop needs, but only those that are missing,
# so `make run` / `make test` stay fast on a machine that is already set up.
set -euo pipefail

PACKAGES=(
  # OCR engine and the languages the tests use (osd: automatic orientation)
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-fra tesseract-ocr-deu
  # Qt runtime libraries for PySide6 wheels (offscreen and xcb platforms)
  libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  # a virtual screen for screenshots and GUI smoke tests, patchelf for packaging
  xvfb xauth patchelf
  # the packaging build compiles small stub libraries to keep the bundle small
  gcc binutils
  # Python venv support for the system python, in case it is used
  python3-venv
)
# more packages a target needs besides these (make bench: the fonts its worn-print pages use)
PACKAGES+=("$@")

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "This script knows apt only; install them with your package manager." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

# python3-venv is optional when another Python with venv is used.
if command -v python3 >/dev/null && python3 -c "import venv, ensurepip" 2>/dev/null; then
  filtered=()
  for pkg in "${missing[@]}"; do [ "$pkg" = python3-venv ] || filtered+=("$pkg"); done
  missing=("${filtered[@]}")
  [ ${#missing[@]} -eq 0 ] && exit 0
fi

echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
