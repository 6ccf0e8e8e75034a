#!/usr/bin/env bash
# Tools the benchmark prefers: wrk (HTTP load in C) and pgbench (PostgreSQL client).
# Without root/sudo it only says so: the bench then falls back to its own Python load client.
set -uo pipefail
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v pgbench >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || missing+=(postgresql-client)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "[xiuhua] 未安装 ${missing[*]}，且没有 root/sudo：基准测试将使用内置的负载客户端" >&2
  exit 0
fi
echo "[xiuhua] 安装基准测试工具：${missing[*]}" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || {
  $SUDO apt-get update -qq >/dev/null
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
