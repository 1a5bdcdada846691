"""The reference's ``oqtopus_client.services`` module layout, as thin re-export modules.

Code written against ``oqtopus_client`` imports names from these paths, e.g.
``from oqtopus_client.services.job_results import OqtopusSamplingJobResult``; with the import
line changed to ``oqtopus_sdk.services.job_results`` (or through
:func:`oqtopus_sdk.compat.install_alias`) it gets our classes. Each module carries the
reference module's public names; the objects are the ones of :mod:`oqtopus_sdk` (so
``services.client.OqtopusClient is oqtopus_sdk.OqtopusClient``). The only implementation
living here is :class:`~oqtopus_sdk.services.storage.OqtopusStorage`, the reference's public
presigned-URL helper.

New code should import from :mod:`oqtopus_sdk` directly.
"""
