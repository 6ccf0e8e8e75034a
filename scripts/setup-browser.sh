#!/usr/bin/env bash
# Install Debian's Chromium (for the console's browser tests) and a Chinese font when missing.
# Without root/sudo it only says so: the browser tests then skip with that reason.
set -uo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy"; then exit 0; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "[xiuhua] 未安装 Chromium 且没有 root/sudo：浏览器测试将跳过（sudo apt-get install chromium fonts-wqy-microhei）" >&2
  exit 0
fi
echo "[xiuhua] 安装 Chromium 与中文字体（浏览器测试用）" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null 2>&1 || {
  $SUDO apt-get update -qq >/dev/null
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
}
