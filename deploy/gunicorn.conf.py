"""Gunicorn configuration of one CPPCC app server (deploy/).

Used by the systemd template unit (deploy/systemd/cppcc-app@.service: one app server per port,
`--bind 127.0.0.1:%i`), by the container image (deploy/Dockerfile) and by the smoke test
(deploy/smoke.sh). Run from site/ so that `cppcc.wsgi` imports:

    cd /srv/cppcc/app/site
    gunicorn --config ../deploy/gunicorn.conf.py --bind 127.0.0.1:8001 cppcc.wsgi

Everything an operator may want to change per machine comes from the environment (the same
EnvironmentFile as the application's settings, /etc/cppcc/cppcc.env); the command line wins
over both. Gunicorn reads this file as Python: keep it free of imports from the application.
"""

import multiprocessing
import os


def _env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# Where to listen. Loopback only: nginx (deploy/nginx/cppcc.conf) is the only client. The unit
# file passes --bind 127.0.0.1:<port>; this is the default for a hand-started server.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")]

# Sync workers: each handles one request at a time, which suits a CPU-bound Django site whose
# slow parts (page rendering, spreadsheet exports) are CPU, not waiting. The usual 2 × CPU + 1;
# with two or more app servers on one machine, give each GUNICORN_WORKERS = CPUs (or fewer) so
# that together they do not oversubscribe the CPUs and PostgreSQL's connections (each worker
# keeps one connection for DATABASE_CONN_MAX_AGE seconds: app servers × workers must stay under
# PostgreSQL's max_connections, default 100, minus the worker and the scheduler).
workers = _env_int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"

# A request running longer than this is killed (its worker restarted) and nginx answers 502 or
# retries it on the other app server. 30 s covers the slowest legitimate request (the figures'
# XLSX export of a prefecture); large imports run in the background worker, not in a request.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
# On SIGTERM (systemctl stop, a rolling restart) and SIGHUP (systemctl reload): stop accepting,
# let the requests in flight finish within this many seconds. Keep the unit's TimeoutStopSec
# above it.
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# nginx does not keep connections to sync workers open (no `keepalive` in the upstream); this only
# matters to a client talking to gunicorn directly (the load balancer's /readyz probe).
keepalive = 2

# Load the application (Django, every app and plugin) in the master before it opens the port:
# a starting or restarted app server refuses connections until it can answer them, so nginx
# sends requests to the other servers meanwhile instead of queueing them behind workers that
# are still importing Django (seconds on a busy machine). Workers are forked ready, which also
# shares memory between them. The price: SIGHUP (`systemctl reload`) re-forks workers from the
# code already loaded, so new code needs `systemctl restart`, one app server at a time.
preload_app = True


def when_ready(server):
    """Start-up in the master may have opened database connections; forked workers must not
    share them: each opens its own on first use."""
    from django.db import connections

    connections.close_all()


# Restart each worker after about this many requests, bounding the memory a slow leak can take.
# Jittered by half the limit: with a tenth, two workers under even load reached their limits
# within moments of each other and the server had no worker for the seconds a restart takes
# (measured by benchmarks/site_at_scale.py: p99 3.2 s with GUNICORN_MAX_REQUESTS=300).
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = max(1, max_requests // 2)

# Workers' heartbeat files in memory, not on a possibly slow disk (Debian mounts /dev/shm).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Request bounds (nginx bounds the body: client_max_body_size).
limit_request_line = 8190
limit_request_fields = 100

# The X-Forwarded-* headers are believed only from these addresses (nginx on the same machine).
# Django itself decides HTTPS from X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER in
# cppcc.settings.production), and the client address from CLIENT_IP_HEADER.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def _client_address_field():
    """The access log's client address: the header named by the application's CLIENT_IP_HEADER
    (a WSGI name such as HTTP_X_REAL_IP, which nginx sets to the address it saw), falling back
    to the peer address (nginx itself) when it is unset."""
    header = os.environ.get("CLIENT_IP_HEADER", "").strip()
    if not header.startswith("HTTP_"):
        return "%(h)s"
    return "%({" + header[len("HTTP_") :].lower().replace("_", "-") + "}i)s"


# Logs. "-" is standard output/error, which systemd sends to the journal
# (`journalctl -u cppcc-app@8001`); give a path to write files instead (then rotate them with
# logrotate's copytruncate, or send SIGUSR1 to reopen). The access line: client address (from
# the proxy header), user, time, request line, status, bytes, referrer, user agent, duration in
# milliseconds, and which server of the pool answered.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    _client_address_field() + ' - %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms pid=%(p)s'
)

# The process title shows which app server this is in `ps` and `top` (set the port with
# GUNICORN_BIND rather than --bind for it to show).
proc_name = "cppcc-" + bind[0].rsplit(":", 1)[-1]

# Gunicorn 23+ opens a control socket (for `gunicornc`) at one fixed path per user, which several
# app servers of one user would fight over. Off unless GUNICORN_CONTROL_SOCKET names a path of
# this app server's own (e.g. /run/cppcc/app-8001.ctl).
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
