"""User-facing errors: each renders as one line naming the file and position."""

from __future__ import annotations


class FactlintError(Exception):
    """An error in input, configuration or usage; the CLI prints it and exits 2."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return f"{where}{self.message}"


class InputError(FactlintError):
    """A document that cannot be read (undecodable, binary, too large)."""


class FactsError(FactlintError):
    """A facts file that is not valid YAML or does not match the schema."""


class ConfigError(FactlintError):
    """A configuration file or option that is not valid."""
