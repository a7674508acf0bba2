#!/usr/bin/env bash
# Debian's Chromium for the browser tests (playwright-core drives it; no library downloads a
# browser), and a CJK font so Chinese text (the zh-CN console, dealers' names) is drawn in the
# pages and their screenshots rather than as boxes. Does nothing when both are there; run by
# .ci/run and by `npm test`'s global setup.
set -euo pipefail
[ -x /usr/bin/chromium ] && [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] && exit 0
export DEBIAN_FRONTEND=noninteractive
sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
echo "Installing Debian's chromium and fonts-wqy-zenhei for the browser tests..." >&2
$sudo apt-get install -y chromium fonts-wqy-zenhei || { $sudo apt-get update && $sudo apt-get install -y chromium fonts-wqy-zenhei; }
