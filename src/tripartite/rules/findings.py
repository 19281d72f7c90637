"""A finding: what a rule concluded, the provision it applied, and why, in three languages."""

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    rule: str
    provision: str
    severity: Severity
    message: dict[str, str] = field(hash=False)

    def message_in(self, language: str) -> str:
        return self.message.get(language) or self.message["en"]

    def as_dict(self, language: str = "en") -> dict[str, str]:
        return {"rule": self.rule, "provision": self.provision,
                "severity": str(self.severity), "message": self.message_in(language)}
