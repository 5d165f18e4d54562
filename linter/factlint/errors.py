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


def shown(value: object, limit: int = 40) -> str:
    """A short, one-line rendering of a value for an error message.

    Strings and numbers longer than ``limit`` characters are cut (``…``);
    lists and mappings are named, never printed, so that an error can never
    copy a file's content (or expand a YAML alias bomb) into a log.
    """
    if isinstance(value, int) and value.bit_length() > 3000:
        return "a huge number"
    if not (isinstance(value, str | int | float | bool) or value is None):
        return f"a {type(value).__name__}"
    text = repr(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"
