"""A private, throw-away PostgreSQL server for the fault tests.

Restarting or killing "the" PostgreSQL would break every other test run sharing it (other
developers, a parallel CI job), so the fault tests start their own: ``initdb`` in a temporary
directory, run as the ``postgres`` system user when the tests run as root, on a free port,
fsync off. It is stopped and deleted afterwards, whatever happens; the shared server is never
touched. Needs the PostgreSQL server binaries (``pg_config --bindir`` or /usr/lib/postgresql/*/bin).
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import REPO_ROOT


def _bindir():
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(candidate, "initdb")):
            return candidate
    found = shutil.which("initdb")
    return os.path.dirname(found) if found else None


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivatePostgres:
    def __init__(self):
        self.bindir = _bindir()
        if self.bindir is None:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found")
        self.root = Path(tempfile.mkdtemp(prefix="vankho-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.log = self.root / "server.log"
        self.user = None
        if os.geteuid() == 0:  # initdb refuses to run as root
            self.user = pwd.getpwnam("postgres")
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/vankho_fault"

    def _run(self, *args, check=True, timeout=60):
        cmd = [os.path.join(self.bindir, args[0]), *map(str, args[1:])]
        if self.user is not None:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check, timeout=timeout)

    def start(self):
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8")
        self._pg_ctl("start")
        import psycopg

        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE vankho_fault")
        migrated = manage(self.url, "migrate", "--no-input", timeout=300)
        if migrated.returncode != 0:
            raise RuntimeError(migrated.stdout + migrated.stderr)
        return self

    def _pg_ctl(self, action, *extra):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off -c full_page_writes=off"
        return self._run("pg_ctl", action, "-D", self.data, "-w", "-t", "60", "-l", self.log, "-o", options, *extra)

    def restart(self):
        """What an operator's `systemctl restart postgresql` does: every connection is cut."""
        self._pg_ctl("restart", "-m", "fast")

    def is_ready(self):
        return self._run("pg_isready", "-h", "127.0.0.1", "-p", self.port, check=False).returncode == 0

    def wait_ready(self, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.is_ready():
                return True
            time.sleep(0.2)
        return False

    def query(self, sql):
        import psycopg

        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/vankho_fault") as conn:
            return conn.execute(sql).fetchall()

    def stop(self):
        try:
            self._pg_ctl("stop", "-m", "immediate")
        except Exception:
            pass
        shutil.rmtree(self.root, ignore_errors=True)


def manage(database_url, *args, timeout=180, popen=False, stderr_path=None, **kwargs):
    """Run manage.py against ``database_url``. With ``popen``, stdout is a pipe to read line by line and
    stderr goes to ``stderr_path`` (or is discarded): an undrained stderr pipe would block the child as
    soon as its tracebacks fill 64 KB."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DATABASE_URL"] = database_url
    env.setdefault("CONN_MAX_AGE", "0")
    cmd = [sys.executable, "manage.py", *map(str, args)]
    if popen:
        err = open(stderr_path, "w") if stderr_path else subprocess.DEVNULL  # noqa: SIM115 (closed with the child)
        return subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=err, text=True, **kwargs)
    return subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=timeout)
