"""A local HTTP peer for the external-link checks (tests never reach the internet): answers
200 at /ok, 404 elsewhere, and remembers what it was asked."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Peer:
    def __init__(self):
        self.asked = []
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self, body):
                peer.asked.append((self.command, self.path))
                status = 200 if self.path == "/ok" else 404
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "2")
                self.end_headers()
                if body:
                    self.wfile.write(b"ok" if status == 200 else b"no")

            def do_HEAD(self):
                self.answer(body=False)

            def do_GET(self):
                self.answer(body=True)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
