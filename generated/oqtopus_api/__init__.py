"""A client library for accessing OQTOPUS Cloud User API"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
