"""``python -m qualitymonth``: the same as the ``qm`` command."""

from qualitymonth.cli import main

main()
