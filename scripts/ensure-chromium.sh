#!/usr/bin/env bash
# Installs Debian's Chromium for the Playwright tests when it is missing (Playwright's own browser
# download cannot reach its host here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "test setup: installing chromium from Debian packages" >&2
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get install -y -qq chromium >/dev/null 2>&1 || {
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq chromium >/dev/null
}
