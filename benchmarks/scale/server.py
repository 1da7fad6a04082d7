"""Gunicorn as deployed (deploy/gunicorn.conf.py, production settings) and wrk against it."""

import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
VENV = ROOT / ".venv" / "bin"
WRK = "/usr/bin/wrk"


def collectstatic(env):
    subprocess.run(
        [str(VENV / "python"), "site/manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


class Gunicorn:
    """Two sync workers on 127.0.0.1:<port>, the access log in a file as in production."""

    def __init__(self, env, port, log_dir):
        self.env = {**env, "GUNICORN_WORKERS": "2", "GUNICORN_BIND": f"127.0.0.1:{port}"}
        self.env["GUNICORN_ACCESS_LOG"] = str(Path(log_dir) / "gunicorn-access.log")
        self.env["GUNICORN_ERROR_LOG"] = str(Path(log_dir) / "gunicorn-error.log")
        self.port = port
        self.process = None

    def __enter__(self):
        for name in ("GUNICORN_ACCESS_LOG", "GUNICORN_ERROR_LOG"):
            Path(self.env[name]).unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [str(VENV / "gunicorn"), "--config", "../deploy/gunicorn.conf.py", "cppcc.wsgi"],
            cwd=ROOT / "site",
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.env['GUNICORN_ERROR_LOG']})")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2)
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        self.__exit__()
        raise SystemExit("gunicorn did not answer /healthz within 120 s")

    def worker_boots(self):
        """Workers started so far: 2 at start, one more at each max_requests restart."""
        log = Path(self.env["GUNICORN_ERROR_LOG"])
        return log.read_text(errors="replace").count("Booting worker") if log.exists() else 0

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def fetch(port, case, cookie=None):
    """One request as wrk sends it: status, headers."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{case['path']}")
    request.add_header("Host", case["host"])
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(port, case, clients, seconds, cookie=None):
    """{'p50', 'p99' (ms), 'rps', 'errors'} of one wrk run; one thread per 4 clients."""
    command = [WRK, f"-t{max(1, clients // 4)}", f"-c{clients}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "30s", "-H", f"Host: {case['host']}"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{case['path']}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = {"errors": 0}
    for pct, key in (("50", "p50"), ("99", "p99")):
        match = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        result[key] = _ms(*match.groups()) if match else None
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    result["rps"] = float(match.group(1)) if match else 0.0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: (.*)"):
        match = re.search(pattern, output)
        if match:
            numbers = [int(n) for n in re.findall(r"\d+", match.group(1))]
            result["errors"] += sum(numbers)
    return result


def production_env(base_env, var_dir, redis_url):
    """What cppcc.settings.production needs to start on plain HTTP on 127.0.0.1."""
    env = {
        **base_env,
        "DJANGO_SETTINGS_MODULE": "cppcc.settings.production",
        "ALLOWED_HOSTS": ".localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": "bench-scale",
        "CPPCC_VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("STATIC_ROOT", None)
    env.pop("MEDIA_ROOT", None)
    os.makedirs(var_dir, exist_ok=True)
    return env
