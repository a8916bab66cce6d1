"""``python -m ingest.outputs`` (= ``tracker outputs``): rebuild every output from the
current warehouse."""

from ingest.outputs.cli import main

if __name__ == "__main__":  # as every entry module: safe to import from a spawned process
    raise SystemExit(main())
