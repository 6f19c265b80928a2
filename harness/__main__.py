"""``python -m harness``."""

from harness.shells.cli import main

main()
