from enum import StrEnum


class SettingsGetSettingsResponseVisibleFieldsItem(StrEnum):
    CREATED_AT = "created_at"
    EMAIL = "email"
    ID = "id"
    NAME = "name"
    ORGANIZATION = "organization"

    def __str__(self) -> str:
        return str(self.value)
