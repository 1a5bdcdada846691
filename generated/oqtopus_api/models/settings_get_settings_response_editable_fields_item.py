from enum import StrEnum


class SettingsGetSettingsResponseEditableFieldsItem(StrEnum):
    NAME = "name"
    ORGANIZATION = "organization"

    def __str__(self) -> str:
        return str(self.value)
