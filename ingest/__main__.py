from ingest.cli import main

# Guarded: a process that loads a large capture in parts starts its helpers by importing
# this module again ("spawn"), and they must not run the command line a second time.
if __name__ == "__main__":
    raise SystemExit(main())
