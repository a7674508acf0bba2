#!/usr/bin/env bash
# Debian's Chromium for the browser tests (playwright-core drives it; no library downloads a
# browser). Does nothing when it is already there; run by .ci/run and by `npm test`'s global setup.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
export DEBIAN_FRONTEND=noninteractive
sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
echo "Installing Debian's chromium for the browser tests..." >&2
$sudo apt-get install -y chromium || { $sudo apt-get update && $sudo apt-get install -y chromium; }
