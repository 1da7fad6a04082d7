"""`make run`: the development server with the background worker and the scheduler beside it,
so that what the demo schedules (a report set to go live in a minute) goes live by itself.

    python site/operations/devserver.py 127.0.0.1:8000

The worker (`manage.py db_worker`, every queue) and the scheduler (`manage.py run_scheduler`)
write to var/log/worker.log and var/log/scheduler.log; runserver keeps the terminal. Ctrl-C, or
runserver ending for any reason, stops all three. Production runs them as services instead
(deploy/, docs/deployment.md "Background jobs")."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
MANAGE = [sys.executable, str(CHECKOUT / "site" / "manage.py")]
BACKGROUND = {
    "worker": ["db_worker", "--queue-name", "*", "--no-reload", "--interval", "1"],
    "scheduler": ["run_scheduler"],
}


def main(address):
    log_dir = Path(os.environ.get("CPPCC_VAR_DIR", CHECKOUT / "var")) / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    children = []
    try:
        for name, args in BACKGROUND.items():
            log = open(log_dir / f"{name}.log", "a", encoding="utf-8")  # noqa: SIM115
            children.append((name, subprocess.Popen([*MANAGE, *args], stdout=log, stderr=log)))
            log.close()  # the child holds its own copy
        pids = "，".join(f"{name} pid {child.pid}" for name, child in children)
        print(f"后台任务已启动：{pids}（日志见 {log_dir}）", flush=True)
        server = subprocess.Popen([*MANAGE, "runserver", address])
        # Stopped as a service would be: runserver (and its autoreloaded child) goes first.
        signal.signal(signal.SIGTERM, lambda *_: server.terminate())
        try:
            return server.wait()
        except KeyboardInterrupt:  # Ctrl-C reached runserver too: let it finish
            return server.wait()
    finally:
        stop(children)


def stop(children):
    # After Ctrl-C every process of the terminal got SIGINT and is already stopping: a second
    # signal would cut the worker's current task short, so give them a moment first.
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and any(c.poll() is None for _, c in children):
        time.sleep(0.1)
    for _, child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for name, child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            print(f"{name} (pid {child.pid}) did not stop in 10 s: killed", file=sys.stderr)
            child.kill()
            child.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"))
