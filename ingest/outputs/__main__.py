"""``python -m ingest.outputs`` (= ``tracker outputs``): rebuild every output from the
current warehouse."""

from ingest.outputs.cli import main

raise SystemExit(main())
