"""A throwaway PostgreSQL cluster on 127.0.0.1 for the test run.

PostgreSQL refuses to run as root, so as root the server runs as the
`postgres` user (Debian's package creates it)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

DEBIAN_BIN = Path("/usr/lib/postgresql")


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(DEBIAN_BIN.glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    def __init__(self):
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="qm-pg-"))
        self.data = self.root / "data"
        self.as_root = os.geteuid() == 0

    @property
    def base_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}"

    def _run(self, *cmd: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run(prefix + list(cmd), check=True, capture_output=True, text=True, cwd=self.root)

    def pause(self) -> None:
        """Stop the server, keeping its data (an outage)."""
        self._run(find_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        self._run(
            find_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-w",
            "-o",
            self._options(),
            "start",
        )

    def _options(self) -> str:
        return (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off -c max_connections=200"
        )

    def start(self) -> "Cluster":
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL is not installed (apt-get install -y postgresql)")
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            initdb,
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        self._run(
            pg_ctl, "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-o", self._options(), "start"
        )
        return self

    def stop(self) -> None:
        pg_ctl = find_bin("pg_ctl")
        try:
            self._run(pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
