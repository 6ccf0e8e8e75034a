#!/usr/bin/env bash
# Make sure a PostgreSQL server with PostGIS runs and that the database named in
# XIUHUA_DATABASE_URL exists with the postgis and pg_trgm extensions. Idempotent.
#
#   - no PostgreSQL at all      → installs it (Debian/Ubuntu: apt-get) and starts the cluster
#   - server installed, stopped → starts it
#   - PostGIS missing           → apt-get install postgresql-<major>-postgis-3
#   - role/database missing     → creates them (role = the database user in the URL)
#
# Works as root or as a user with sudo. Remote servers (URL host not local) are only checked.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$here/.venv/bin/python}"
say() { printf '\033[1;34m[xiuhua]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[xiuhua] 错误：\033[0m%s\n' "$*" >&2; exit 1; }

# Parse the URL with the project's own settings (so .env and XIUHUA_* are honoured).
eval "$("$PY" - <<'PYEOF'
from sqlalchemy.engine import make_url
from app.core.config import get_settings
import getpass, shlex
u = make_url(get_settings().database_url)
host = u.host or u.query.get("host") or "/var/run/postgresql"
if isinstance(host, tuple):
    host = host[0]
print(f"DB_NAME={shlex.quote(u.database or 'xiuhua')}")
print(f"DB_USER={shlex.quote(u.username or getpass.getuser())}")
print(f"DB_HOST={shlex.quote(str(host))}")
print(f"DB_PORT={shlex.quote(str(u.port or 5432))}")
PYEOF
)"

case "$DB_HOST" in
  /*|localhost|127.0.0.1|::1) LOCAL=1 ;;
  *) LOCAL=0 ;;
esac

if [ "$(id -u)" = 0 ]; then
  SUDO=""
  as_postgres() { runuser -u postgres -- "$@"; }
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
  as_postgres() { sudo -u postgres "$@"; }
else
  SUDO="__none__"
  as_postgres() { return 1; }
fi

need_root() {
  if [ "$SUDO" = "__none__" ]; then
    die "需要 root 或 sudo 才能$1。请手动执行：
  sudo apt-get install -y postgresql postgresql-15-postgis-3
  sudo pg_ctlcluster 15 main start
  sudo -u postgres createuser --superuser $DB_USER
  sudo -u postgres createdb -O $DB_USER $DB_NAME
  sudo -u postgres psql -d $DB_NAME -c 'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm'
或设置 XIUHUA_DATABASE_URL 指向已有的 PostGIS 数据库。"
  fi
}

apt_install() {
  need_root "安装 $*"
  say "apt-get install $*"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 || {
    $SUDO apt-get update -qq >/dev/null
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  }
}

pg_ready() {
  if [ "${DB_HOST#/}" != "$DB_HOST" ]; then
    pg_isready -q -h "$DB_HOST" -p "$DB_PORT" 2>/dev/null
  else
    pg_isready -q -h "$DB_HOST" -p "$DB_PORT" 2>/dev/null
  fi
}

if [ "$LOCAL" = 1 ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    say "未发现 PostgreSQL，正在安装"
    apt_install postgresql postgresql-contrib
  fi
  PGV="$(ls /etc/postgresql | sort -V | tail -n 1)"
  if ! command -v pg_isready >/dev/null 2>&1; then apt_install "postgresql-client-$PGV"; fi
  if ! pg_ready; then
    say "启动 PostgreSQL $PGV"
    need_root "启动 PostgreSQL"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$PGV" main start 2>/dev/null \
      || $SUDO pg_ctlcluster "$PGV" main start
    for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
    pg_ready || die "PostgreSQL $PGV 未能启动"
  fi
  if [ ! -f "/usr/share/postgresql/$PGV/extension/postgis.control" ]; then
    say "安装 PostGIS（postgresql-$PGV-postgis-3）"
    apt_install "postgresql-$PGV-postgis-3"
  fi
else
  say "使用远程数据库 $DB_HOST:$DB_PORT（不做本地安装）"
fi

# psql as a superuser: the URL's role if it is one, else the postgres OS user.
PSQL_ARGS=(-h "$DB_HOST" -p "$DB_PORT" -v ON_ERROR_STOP=1 -qAt)
su_psql() {
  if psql "${PSQL_ARGS[@]}" -U "$DB_USER" -d postgres -c "select 1" >/dev/null 2>&1 \
     && [ "$(psql "${PSQL_ARGS[@]}" -U "$DB_USER" -d postgres -c 'select rolsuper from pg_roles where rolname = current_user')" = "t" ]; then
    psql "${PSQL_ARGS[@]}" -U "$DB_USER" "$@"
  elif [ "$LOCAL" = 1 ]; then
    as_postgres psql -v ON_ERROR_STOP=1 -qAt -p "$DB_PORT" "$@"
  else
    psql "${PSQL_ARGS[@]}" -U "$DB_USER" "$@"
  fi
}

if ! su_psql -d postgres -c "select 1" >/dev/null 2>&1; then
  need_root "创建数据库角色"
fi
if [ "$(su_psql -d postgres -c "select count(*) from pg_roles where rolname = '$DB_USER'")" = "0" ]; then
  say "创建数据库角色 $DB_USER（超级用户，供本地开发与测试创建数据库和扩展）"
  su_psql -d postgres -c "CREATE ROLE \"$DB_USER\" LOGIN SUPERUSER"
fi
if [ "$(su_psql -d postgres -c "select count(*) from pg_database where datname = '$DB_NAME'")" = "0" ]; then
  say "创建数据库 $DB_NAME"
  su_psql -d postgres -c "CREATE DATABASE \"$DB_NAME\" OWNER \"$DB_USER\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
fi
su_psql -d "$DB_NAME" -c "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm" >/dev/null
say "PostGIS 数据库就绪：$DB_NAME @ $DB_HOST:$DB_PORT（角色 $DB_USER）"
