#!/usr/bin/env bash
# Creates .venv and installs the project, with the extras named in $1
# ("" or "test"). Safe to run again: pip skips what is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
extras=${1:-}
if [ ! -x .venv/bin/python ]; then
  "${PYTHON:-python3}" -m venv .venv
  .venv/bin/pip install -q --upgrade pip
fi
stamp=.venv/.installed-${extras:-base}
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  if [ -n "$extras" ]; then
    .venv/bin/pip install -q -e ".[$extras]"
  else
    .venv/bin/pip install -q -e .
  fi
  touch "$stamp"
fi

# System libraries: WeasyPrint needs Pango and fontconfig. The booklet's
# fonts (PT Sans, with Cyrillic) ship in static/fonts; DejaVu is the
# fallback for anything else. Installed only where missing and only when
# this user may.
need=()
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v fc-list >/dev/null || need+=(fontconfig)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
if [ "$extras" = "test" ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  # Chromium's own controls (file picker, date and month fields) in
  # Russian: without its translations it draws «Choose File», 12/01/2026.
  [ -f /usr/lib/chromium/locales/ru.pak ] || need+=(chromium-l10n)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "Missing system packages (install them with your package manager): ${need[*]}" >&2
  fi
fi
