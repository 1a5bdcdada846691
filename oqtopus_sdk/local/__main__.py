"""``python -m oqtopus_sdk.local``: same as the ``oqtopus-local`` command."""

from .cli import main

raise SystemExit(main())
