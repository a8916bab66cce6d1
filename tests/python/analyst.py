"""An analyst's interactive DuckDB session in another process, answering one query at a
time: what the publish and refresh-fault tests hold open while a refresh runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DUCKDB_CLI = str(Path(sys.executable).with_name("duckdb"))


class Analyst:
    """An analyst's interactive session in another process, one query at a time."""

    def __init__(self, path: Path, kind: str):
        if kind == "python":
            code = (
                "import sys, duckdb\n"
                f"con = duckdb.connect({str(path)!r}, read_only=True)\n"
                "for line in sys.stdin:\n"
                "    print(con.execute(line).fetchone()[0], flush=True)\n"
            )
            cmd = [sys.executable, "-c", code]
        else:
            flags = ["-readonly"] if kind == "cli-readonly" else []
            cmd = [DUCKDB_CLI, *flags, "-csv", "-noheader", str(path)]
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def ask(self, sql: str) -> str:
        self.proc.stdin.write(sql.rstrip(";") + (";\n" if "cli" in self.kind else "\n"))
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(f"analyst session died: {self.proc.stderr.read()}")
        return line.strip()

    @property
    def kind(self) -> str:
        return "python" if self.proc.args[0] == sys.executable else "cli"

    def close(self) -> int:
        self.proc.stdin.close()
        return self.proc.wait(timeout=10)
