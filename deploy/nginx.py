"""Run the shipped nginx configuration (deploy/nginx.conf) without root, for the tests
and the benchmarks: ``with running_nginx(upstream_port, static_root) as port: ...``.

The configuration is copied to a temporary directory with the lines marked ``# @...``
set for this run (the app's port, the static files, a cache directory of its own, a free
port to listen on) and wrapped in a minimal main configuration; the real nginx
(/usr/sbin/nginx, Debian's package) runs it in the foreground and is stopped at the end.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SHIPPED = Path(__file__).resolve().parent / "nginx.conf"

MAIN = """\
{user}worker_processes {workers};
daemon off;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {access_log};
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path {run}/client_body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {run}/teilhabe.conf;
}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render(conf, values):
    """``conf`` with the directive on each line marked ``# @name`` set to ``values[name]``
    (the directive's name and the rest of the line stay)."""

    def replace(match):
        name = match.group("name")
        if name not in values:
            return match.group(0)
        indent, directive, rest = match.group("indent", "directive", "rest")
        return f"{indent}{directive} {values[name]};{rest}"

    return re.sub(
        r"^(?P<indent>[ \t]*)(?P<directive>[a-z_]+) [^;\n]*;"
        r"(?P<rest>[^\n]*# @(?P<name>[a-z_]+)[^\n]*)$",
        replace,
        conf,
        flags=re.M,
    )


@contextlib.contextmanager
def running_nginx(upstream_port, static_root, *, workers=1, access_log=False, port=None):
    """Start nginx with the shipped configuration in front of ``127.0.0.1:upstream_port``;
    yields the port it listens on. Its cache lives only as long as the block."""
    run = Path(tempfile.mkdtemp(prefix="teilhabe-nginx-"))
    port = port or free_port()
    (run / "cache").mkdir()
    shipped = SHIPPED.read_text()
    cache_path = re.search(r"^proxy_cache_path \S+ (.*);\s*# @cache_path", shipped, re.M)
    values = {
        "listen": f"127.0.0.1:{port}",
        "upstream": f"127.0.0.1:{upstream_port}",
        "static_root": f"{Path(static_root).resolve()}/",
        "cache_path": f"{run / 'cache'} {cache_path.group(1)}",
        "server_name": "_",
    }
    (run / "teilhabe.conf").write_text(render(shipped, values))
    (run / "nginx.conf").write_text(
        MAIN.format(
            # Started by root, nginx's workers would be "nobody", who may not read a
            # test's temporary directories: a test run keeps its own user.
            user="user root;\n" if os.geteuid() == 0 else "",
            run=run,
            workers=workers,
            access_log=f"{run}/access.log" if access_log else "off",
        )
    )
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [NGINX, "-p", str(run), "-c", str(run / "nginx.conf"), "-e", str(run / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx did not start: {process.stderr.read().decode()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("nginx did not listen within 20 s")
            time.sleep(0.05)
        yield port
    finally:
        process.send_signal(signal.SIGQUIT)  # graceful stop
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(run, ignore_errors=True)
