"""``python -m oqtopus_sdk``: the ``oqtopus`` command."""

from oqtopus_sdk.cli import main

raise SystemExit(main())
