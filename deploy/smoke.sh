#!/usr/bin/env bash
# Smoke test of the whole production stack on one machine, run by .ci/run and runnable by an
# operator from a checkout (after `make install`):
#
#     bash deploy/smoke.sh
#
# It starts Debian's nginx (as the current user, from a generated nginx.conf in a temporary
# directory, with deploy/nginx/cppcc.conf as its site) in front of two gunicorn app servers
# (deploy/gunicorn.conf.py) under cppcc.settings.production, on the machine's PostgreSQL (a fresh
# database it creates and drops) and Redis, plus the background worker and the scheduler; it
# migrates, provisions two committees with `manage.py add_committee`, and checks:
#   1. pages, static files and an uploaded image are served through nginx (HTTPS, HTTP redirect,
#      unknown host refused, /media/ headers);
#   2. a page published through app server 1 is seen through app server 2 and through nginx on
#      the next request (the shared cache is invalidated);
#   3. stopping app server 1 during a 20-second load through nginx loses no request, and the
#      stopped server rejoins;
#   4. /readyz of a third app server whose REDIS_URL points at a closed port names the cache;
#   5. a report scheduled 60 s ahead goes live without anyone touching it;
#   6. backup, wipe (database and uploads), restore gives the same counts and checksums.
# It installs nothing (it needs nginx, openssl, psql and redis-cli, and the checkout's
# virtualenv); it never stops the shared PostgreSQL or Redis, talks to 127.0.0.1 only, and
# stops every process it started when it ends, however it ends. Exit status: 0 when every check
# passed. Takes about three minutes (most of it waiting for the scheduled report).
#
# Settings (environment): PG_HOST (127.0.0.1), PG_USER (postgres), SMOKE_REDIS_URL
# (redis://127.0.0.1:6379/11), SMOKE_PORT_BASE (8480: nginx HTTP on it, HTTPS on +3 (8483)... see
# below), SMOKE_KEEP=1 keeps the temporary directory (logs) afterwards.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${SMOKE_PYTHON:-$ROOT/.venv/bin/python}
BIN=$(dirname "$PY")
PG_HOST=${PG_HOST:-127.0.0.1}
PG_USER=${PG_USER:-postgres}
PORT_BASE=${SMOKE_PORT_BASE:-8480}
HTTP_PORT=$PORT_BASE             # nginx, plain HTTP (redirects)
APP1_PORT=$((PORT_BASE + 1))     # gunicorn app server 1
APP2_PORT=$((PORT_BASE + 2))     # gunicorn app server 2
APP3_PORT=$((PORT_BASE + 3))     # gunicorn app server 3, with a broken REDIS_URL (/readyz)
HTTPS_PORT=$((PORT_BASE + 4))    # nginx, HTTPS
TAG=$$
DB=cppcc_smoke_$TAG
HOST1=pingliang.smoke.localhost
HOST2=zhuanglang.smoke.localhost

declare -a RESULTS=()
FAILED=0
declare -A PIDS=()

say() { printf '%s\n' "$*"; }
pass() { RESULTS+=("PASS  $1"); say "PASS  $1"; }
fail() { RESULTS+=("FAIL  $1"); say "FAIL  $1"; FAILED=1; }

# --- What is needed ------------------------------------------------------------------------
missing=""
for tool in nginx openssl psql pg_isready redis-cli curl; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing="$missing $tool"
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$PY" ] || missing="$missing $PY"
[ -x "$BIN/gunicorn" ] || missing="$missing $BIN/gunicorn"
if [ -n "$missing" ]; then
  say "smoke: missing:$missing (apt-get install nginx openssl postgresql-client redis-tools curl; make install)" >&2
  exit 2
fi
pg_isready -h "$PG_HOST" -p 5432 >/dev/null || { say "smoke: PostgreSQL not reachable on $PG_HOST" >&2; exit 2; }
REDIS_URL=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379/11}
redis-cli -u "$REDIS_URL" ping >/dev/null || { say "smoke: Redis not reachable at $REDIS_URL" >&2; exit 2; }
for port in $HTTP_PORT $APP1_PORT $APP2_PORT $APP3_PORT $HTTPS_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    say "smoke: port $port on 127.0.0.1 is in use (set SMOKE_PORT_BASE)" >&2
    exit 2
  fi
done

TMP=$(mktemp -d /tmp/cppcc-smoke.XXXXXX)
# nginx started as root runs its workers as nobody: they must be able to read the files.
chmod 755 "$TMP"
STATE=$TMP/state.json
mkdir -p "$TMP/static" "$TMP/media" "$TMP/logs" "$TMP/nginx/tmp" "$TMP/tls" "$TMP/backup"

# --- Cleaning up, however the script ends --------------------------------------------------
stop_pid() {  # stop_pid NAME: SIGTERM, up to 35 s for a graceful stop, then SIGKILL
  local name=$1 pid=${PIDS[$1]:-}
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 70); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  unset "PIDS[$name]"
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for name in "${!PIDS[@]}"; do stop_pid "$name"; done
  psql -h "$PG_HOST" -U "$PG_USER" -d postgres -qAtc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  # This run's cache entries (its own key prefix) in the smoke test's Redis database.
  redis-cli -u "$REDIS_URL" --scan --pattern "smoke$TAG*" 2>/dev/null | head -n 100000 \
    | xargs -r -n 500 redis-cli -u "$REDIS_URL" del >/dev/null 2>&1
  if [ "${SMOKE_KEEP:-0}" = 1 ] || [ "$status" -ne 0 ] && [ "${SMOKE_KEEP:-}" != 0 ]; then
    say "smoke: logs kept in $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- The environment of every process: production settings ---------------------------------
export DJANGO_SETTINGS_MODULE=cppcc.settings.production
DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')
PERSONAL_DATA_KEYS=$("$PY" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')
export DJANGO_SECRET_KEY PERSONAL_DATA_KEYS REDIS_URL
export DATABASE_URL="postgres://$PG_USER@$PG_HOST:5432/$DB"
export DATABASE_CONN_MAX_AGE=60
export CACHE_KEY_PREFIX="smoke$TAG"
export ALLOWED_HOSTS="$HOST1,$HOST2"
# nginx passes the host name without the port; a browser's Origin has the port.
export CSRF_TRUSTED_ORIGINS="https://$HOST1:$HTTPS_PORT,https://$HOST2:$HTTPS_PORT"
export WAGTAILADMIN_BASE_URL="https://$HOST1:$HTTPS_PORT"
export CLIENT_IP_HEADER=HTTP_X_REAL_IP
export CPPCC_VAR_DIR=$TMP STATIC_ROOT=$TMP/static MEDIA_ROOT=$TMP/media
export LOG_LEVEL=WARNING
unset ELASTICSEARCH_URL  # Wagtail's database search backend (no Elasticsearch here)
# nginx terminates TLS here as in production, so the application's HTTPS redirect and HSTS stay
# on, exactly as shipped.
export SECURE_SSL_REDIRECT=true
export SMOKE_TAG=$TAG SMOKE_HOST1=$HOST1 SMOKE_HOST2=$HOST2
export SMOKE_HTTP_PORT=$HTTP_PORT SMOKE_HTTPS_PORT=$HTTPS_PORT
export SMOKE_APP1_PORT=$APP1_PORT SMOKE_APP2_PORT=$APP2_PORT
export SMOKE_TLS_CERT=$TMP/tls/cert.pem SMOKE_APP1_DOWN=$TMP/app1.down
export SMOKE_ADMIN_USER=smoke-admin
SMOKE_ADMIN_PASSWORD=$("$PY" -c 'import secrets; print("Sm0ke-" + secrets.token_urlsafe(16))')
export SMOKE_ADMIN_PASSWORD

manage() { (cd "$ROOT/site" && "$PY" manage.py "$@"); }
smoke() { (cd "$ROOT/site" && "$PY" ../deploy/smoke.py "$@"); }

start() {  # start NAME LOGFILE COMMAND…: in the background, from site/, remembered for cleanup
  local name=$1 log=$2
  shift 2
  (cd "$ROOT/site" && exec "$@") >>"$log" 2>&1 &
  PIDS[$name]=$!
}

start_app() {  # start_app NAME PORT [VAR=VALUE…]
  local name=$1 port=$2
  shift 2
  start "$name" "$TMP/logs/$name.log" env GUNICORN_BIND="127.0.0.1:$port" GUNICORN_WORKERS=2 \
    GUNICORN_ACCESS_LOG="$TMP/logs/$name.access.log" "$@" \
    "$BIN/gunicorn" --config "$ROOT/deploy/gunicorn.conf.py" cppcc.wsgi
}

wait_healthz() {  # wait_healthz PORT: up to 30 s
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/healthz" 2>/dev/null && return 0
    sleep 0.5
  done
  return 1
}

step() { say ""; say "== [$(($(date +%s) - started_at)) s] $*"; }

# --- Database, schema, static files, committees ---------------------------------------------
started_at=$(date +%s)
step "Fresh database $DB, migrate, collectstatic"
psql -h "$PG_HOST" -U "$PG_USER" -d postgres -qAtc "CREATE DATABASE $DB" >/dev/null || exit 1
manage migrate --noinput -v 0 >"$TMP/logs/migrate.log" 2>&1 || { cat "$TMP/logs/migrate.log"; fail "migrate"; exit 1; }
manage collectstatic --noinput -v 0 >"$TMP/logs/collectstatic.log" 2>&1 || { cat "$TMP/logs/collectstatic.log"; fail "collectstatic"; exit 1; }
manage check --deploy --fail-level WARNING >"$TMP/logs/check.log" 2>&1 || true
say "migrated; $(find "$TMP/static" -type f | wc -l) static files collected"

step "Two committees with manage.py add_committee"
if manage help add_committee >/dev/null 2>&1; then
  if manage add_committee --name "平凉市政协" --short-name "平凉市" --level prefecture \
        --hostname "$HOST1" --port 443 --default \
     && manage add_committee --name "庄浪县政协" --short-name "庄浪县" --level county \
        --parent "$HOST1" --hostname "$HOST2" --port 443; then
    pass "add_committee provisioned two committees"
  else
    fail "add_committee failed"; exit 1
  fi
else
  fail "manage.py add_committee does not exist (yet)"
  say "  (continuing with core.committees.provision_committee so the other checks still run)"
  manage shell -c "
from core.committees import provision_committee
from home.models import HomePage
p = provision_committee(short_name='平凉市', name='平凉市政协', level='prefecture', hostname='$HOST1', port=443, is_default_site=True, home_page=HomePage(title='平凉市政协', slug='pingliang'))
provision_committee(short_name='庄浪县', name='庄浪县政协', level='county', hostname='$HOST2', port=443, parent_site=p, home_page=HomePage(title='庄浪县政协', slug='zhuanglang'))
" || exit 1
fi
DJANGO_SUPERUSER_PASSWORD=$SMOKE_ADMIN_PASSWORD manage createsuperuser --noinput \
  --username "$SMOKE_ADMIN_USER" --email smoke@example.invalid >/dev/null || exit 1
smoke fixture "$STATE" || { fail "test content"; exit 1; }

# --- TLS certificate and nginx configuration ------------------------------------------------
step "nginx: deploy/nginx/cppcc.conf on 127.0.0.1:$HTTP_PORT (HTTP) and :$HTTPS_PORT (HTTPS)"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$HOST1" \
  -addext "subjectAltName=DNS:$HOST1,DNS:$HOST2" -addext "basicConstraints=critical,CA:TRUE" \
  -keyout "$TMP/tls/key.pem" -out "$TMP/tls/cert.pem" >/dev/null 2>&1 || { fail "openssl"; exit 1; }
SITE=$ROOT/deploy/nginx/cppcc.conf
# The lines an installation changes (see the head of cppcc.conf); each must be there.
for pattern in 'server 127\.0\.0\.1:8001 ' 'server 127\.0\.0\.1:8002 ' 'server_name ' \
    '/etc/ssl/cppcc/fullchain\.pem' '/etc/ssl/cppcc/privkey\.pem' 'root /srv/cppcc;' \
    'listen 80' 'listen 443 ssl'; do
  grep -q "$pattern" "$SITE" || { fail "cppcc.conf has no line matching '$pattern'"; exit 1; }
done
sed -e "s/server 127\.0\.0\.1:8001 /server 127.0.0.1:$APP1_PORT /" \
    -e "s/server 127\.0\.0\.1:8002 /server 127.0.0.1:$APP2_PORT /" \
    -e "s/server_name .*;/server_name $HOST1 $HOST2;/" \
    -e "s|/etc/ssl/cppcc/fullchain\.pem|$TMP/tls/cert.pem|" \
    -e "s|/etc/ssl/cppcc/privkey\.pem|$TMP/tls/key.pem|" \
    -e "s|/srv/cppcc|$TMP|g" \
    -e "s/listen 80/listen 127.0.0.1:$HTTP_PORT/" \
    -e "s/listen 443 /listen 127.0.0.1:$HTTPS_PORT /" \
    -e '/listen \[::\]/d' \
    "$SITE" >"$TMP/nginx/cppcc.conf"
cat >"$TMP/nginx/nginx.conf" <<EOF
# Generated by deploy/smoke.sh: the parts of Debian's /etc/nginx/nginx.conf the site needs, with
# every file in the smoke test's directory so that nginx runs as the current user.
daemon off;
worker_processes 2;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    gzip on;
    access_log $TMP/nginx/access.log;
    client_body_temp_path $TMP/nginx/tmp/body;
    proxy_temp_path $TMP/nginx/tmp/proxy;
    fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
    uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
    scgi_temp_path $TMP/nginx/tmp/scgi;
    include $TMP/nginx/cppcc.conf;
}
EOF
if ! "$NGINX" -t -q -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" 2>"$TMP/logs/nginx-t.log"; then
  cat "$TMP/logs/nginx-t.log"; fail "nginx -t"; exit 1
fi
start nginx "$TMP/logs/nginx.log" "$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf"

# --- App servers, worker, scheduler --------------------------------------------------------
step "Two gunicorn app servers (:$APP1_PORT, :$APP2_PORT), the worker and the scheduler"
start_app app1 "$APP1_PORT"
start_app app2 "$APP2_PORT"
if manage help db_worker >/dev/null 2>&1; then
  start worker "$TMP/logs/worker.log" "$PY" manage.py db_worker --queue-name '*' --no-reload
else
  fail "manage.py db_worker does not exist"
fi
if manage help run_scheduler >/dev/null 2>&1; then
  start scheduler "$TMP/logs/scheduler.log" "$PY" manage.py run_scheduler
else
  fail "manage.py run_scheduler does not exist (yet)"
fi
for port in "$APP1_PORT" "$APP2_PORT"; do
  wait_healthz "$port" || { tail -20 "$TMP/logs/app1.log" "$TMP/logs/app2.log"; fail "app server :$port never answered /healthz"; exit 1; }
done
pass "app servers answer /healthz"
ready=0
for _ in $(seq 1 30); do  # the worker's first heartbeat may take a few seconds
  if smoke readyz "$APP1_PORT" ok >"$TMP/logs/readyz1.log" 2>&1; then ready=1; break; fi
  sleep 1
done
cat "$TMP/logs/readyz1.log"
if [ "$ready" = 1 ]; then pass "/readyz of app server 1: every dependency ok (worker beating)"; else fail "/readyz of app server 1 not ok within 30 s"; fi

# --- The checks -----------------------------------------------------------------------------
step "1. Pages, static files, uploads through nginx"
if smoke pages "$STATE"; then pass "pages and static files through nginx, HTTP redirected, unknown host refused"; else fail "pages through nginx"; fi
if smoke upload "$STATE"; then pass "image uploaded and served from /media/ through nginx, safe headers"; else fail "upload through nginx"; fi

step "2. Published through app server 1, seen through app server 2 and nginx"
if smoke publish "$STATE"; then pass "published on app server 1, seen at once on app server 2 and through nginx"; else fail "publishing across app servers"; fi

step "3. App server 1 stopped during 20 s of load through nginx"
smoke load 20 "$STATE" >"$TMP/logs/load.log" 2>&1 &
load_pid=$!
sleep 5
say "  t=5 s: stopping app server 1 (SIGTERM, as systemctl stop does)"
touch "$SMOKE_APP1_DOWN"  # from here until it answers again, the load counts "while stopped"
stop_pid app1
say "  app server 1 stopped; restarting it 6 s later"
sleep 6
start_app app1 "$APP1_PORT"
wait_healthz "$APP1_PORT" || fail "app server 1 did not come back"
rm -f "$SMOKE_APP1_DOWN"
wait "$load_pid"
load_status=$?
cat "$TMP/logs/load.log"
LOAD_LINE=$(grep -m1 'load:' "$TMP/logs/load.log" | sed 's/^ *load: //')
if [ "$load_status" = 0 ]; then pass "no request lost while app server 1 stopped ($LOAD_LINE)"; else fail "requests lost while app server 1 stopped ($LOAD_LINE)"; fi
if smoke rejoin "$STATE" "$TMP/logs/app1.access.log"; then pass "stopped app server rejoined the pool"; else fail "stopped app server did not rejoin"; fi

step "4. /readyz names a dependency that is down (app server 3, REDIS_URL at a closed port)"
start_app app3 "$APP3_PORT" REDIS_URL=redis://127.0.0.1:1/0
if wait_healthz "$APP3_PORT" && smoke readyz "$APP3_PORT" cache; then
  pass "/readyz of app server 3 answers 503 naming the cache"
else
  fail "/readyz does not name the cache that is down"
fi
stop_pid app3

step "5. The report scheduled 60 s ahead goes live by itself"
if smoke scheduled "$STATE" 150 | tee "$TMP/logs/scheduled.log"; [ "${PIPESTATUS[0]}" = 0 ]; then
  SCHEDULED_LINE=$(sed 's/^ *//' "$TMP/logs/scheduled.log" | tail -1)
  pass "$SCHEDULED_LINE"
else
  fail "scheduled report did not go live"
fi

step "6. Backup, wipe, restore"
smoke state >"$TMP/logs/state-before.json" || fail "content state before backup"
say "  before: $(cat "$TMP/logs/state-before.json")"
if manage help backup >/dev/null 2>&1 && manage help restore >/dev/null 2>&1; then
  if manage backup "$TMP/backup/drill" >"$TMP/logs/backup.log" 2>&1; then
    cat "$TMP/logs/backup.log"
    # The drill as an operator runs it: stop what uses the database, wipe, restore, start again.
    for name in scheduler worker app1 app2; do stop_pid "$name"; done
    psql -h "$PG_HOST" -U "$PG_USER" -d postgres -qAtc "DROP DATABASE $DB WITH (FORCE)" >/dev/null &&
      psql -h "$PG_HOST" -U "$PG_USER" -d postgres -qAtc "CREATE DATABASE $DB" >/dev/null
    find "$TMP/media" -mindepth 1 -delete
    wiped=$(psql -h "$PG_HOST" -U "$PG_USER" -d "$DB" -qAtc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    say "  wiped: $wiped tables, $(find "$TMP/media" -type f | wc -l) media files"
    if manage restore --noinput "$TMP/backup/drill" >"$TMP/logs/restore.log" 2>&1; then
      cat "$TMP/logs/restore.log"
      smoke state >"$TMP/logs/state-after.json" || fail "content state after restore"
      say "  after:  $(cat "$TMP/logs/state-after.json")"
      if [ -s "$TMP/logs/state-after.json" ] && cmp -s "$TMP/logs/state-before.json" "$TMP/logs/state-after.json"; then
        counts=$("$PY" -c 'import json, sys; s = json.load(open(sys.argv[1])); print(", ".join(f"{k} {v}" for k, v in s.items() if not k.endswith("_sha")))' "$TMP/logs/state-after.json")
        pass "restore gives the same counts ($counts) and content checksums"
      else
        fail "restored content differs from the backed-up content"
      fi
    else
      cat "$TMP/logs/restore.log"; fail "manage.py restore failed"
    fi
    start_app app1 "$APP1_PORT"; start_app app2 "$APP2_PORT"
    if wait_healthz "$APP1_PORT" && wait_healthz "$APP2_PORT" && smoke pages "$STATE" >/dev/null; then
      pass "restored site served through nginx"
    else
      fail "restored site not served through nginx"
    fi
  else
    cat "$TMP/logs/backup.log"; fail "manage.py backup failed"
  fi
else
  fail "manage.py backup / restore do not exist (yet)"
fi

# --- Summary ------------------------------------------------------------------------------
say ""
say "== Summary ($(($(date +%s) - started_at)) s; nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///'), gunicorn $("$BIN/gunicorn" --version 2>&1 | sed 's/[^0-9.]//g'), PostgreSQL $(psql -h "$PG_HOST" -U "$PG_USER" -d postgres -qAtc 'SHOW server_version' | cut -d' ' -f1), Redis $REDIS_URL)"
for line in "${RESULTS[@]}"; do say "$line"; done
if [ "$FAILED" = 0 ]; then
  say "smoke: all checks passed"
else
  say "smoke: FAILED (logs: $TMP/logs)"
  SMOKE_KEEP=${SMOKE_KEEP:-1}
fi
exit "$FAILED"
