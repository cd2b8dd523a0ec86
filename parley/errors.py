"""Coded errors: every failure parley reports has a code, one line of reason, and a hint.

Codes are grouped by where they arise:

- ``P1xx`` input: the file or record could not be read, decoded or understood;
- ``P2xx`` extraction: a pipeline step failed on an article (the article is kept);
- ``P3xx`` store: the database could not be opened, migrated or written;
- ``P4xx`` configuration and usage: bad options, settings or actor files.

Library code raises these exceptions; batch code turns them into ``ErrorRecord`` rows so one
bad article never stops a batch; the CLI prints ``error P101: ...`` and exits with 1 (a
failure) or 2 (a usage error), never with a traceback.
"""

from __future__ import annotations

from .model import ErrorRecord

#: code -> (short name, what to do next)
CODES: dict[str, tuple[str, str]] = {
    "P100": ("unreadable", "check that the file exists and that you may read it"),
    "P101": ("empty", "the input has no text; nothing to extract"),
    "P102": ("binary", "the input looks like a binary file (image, archive, executable), not text"),
    "P103": ("undecodable", "the bytes match no known text encoding; convert the file to UTF-8"),
    "P104": ("too_large", "the input is over the size cap; raise --max-bytes or split the file"),
    "P105": ("bad_json", "the line is not a JSON object; fix or remove it"),
    "P106": ("missing_text", "the record has no usable 'text' or 'html' field"),
    "P107": ("bad_field", "a record field has the wrong type; fields must be strings"),
    "P108": ("no_article", "no article body was found in the HTML"),
    "P109": ("truncated", "the compressed file or archive ends early; fetch it again"),
    "P110": ("not_english", "the article is not in English; it is recorded but not analysed"),
    "P111": ("fetch_failed", "the URL could not be fetched; check the address and the network"),
    "P112": ("unsupported", "parley cannot read this kind of file"),
    "P113": ("loop", "a directory symlink points back into itself; it was skipped"),
    "P114": ("bad_feed", "the file is not an RSS or Atom feed parley can read; check that it is feed XML"),
    "P200": ("step_failed", "an extraction step failed on this article; please report it with the input"),
    "P201": ("too_long", "the text is too long to parse in one piece; it was analysed in parts"),
    "P300": ("store_open", "the database could not be opened; check the path and permissions"),
    "P301": ("store_schema", "the database was written by a newer parley; upgrade parley"),
    "P302": ("store_write", "writing to the database failed; the article was not stored"),
    "P400": ("usage", "see --help for the options"),
    "P401": ("bad_setting", "fix the setting named in the message"),
    "P402": ("bad_actors", "fix the actor file at the line named in the message"),
    "P403": ("bad_gold", "gold files follow shared/eval/GUIDELINES.md: one JSON object per line"),
    "P404": ("missing_dependency", "install the optional extra named in the message"),
    "P405": ("spark_failed", "the Spark job failed; check --master, and run with --verbose for Spark's log"),
    "P406": ("bad_model", "the signal model file is missing or damaged; rebuild it: python -m parley.signals.train"),
}


class ParleyError(Exception):
    """Base of parley's expected failures: a code, a one-line message, and an exit code."""

    exit_code = 1

    def __init__(self, code: str, message: str, *, source: str | None = None, location: str | None = None):
        if code not in CODES:
            raise KeyError(f"unknown error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.source = source
        self.location = location

    @property
    def name(self) -> str:
        return CODES[self.code][0]

    @property
    def hint(self) -> str:
        return CODES[self.code][1]

    def record(self, step: str | None = None) -> ErrorRecord:
        """This error as a storable record."""
        return ErrorRecord(self.code, self.message, self.source, self.location, step)

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = f" ({self.source}{':' + self.location if self.location else ''})"
        return f"{self.code} {self.name}: {self.message}{where}"


class InputError(ParleyError):
    """An input file or record could not be read, decoded or understood."""


class ExtractionError(ParleyError):
    """A pipeline step failed on one article."""


class StoreError(ParleyError):
    """The store could not be opened, migrated or written."""


class UsageError(ParleyError):
    """Bad options or settings given by the user (exit code 2)."""

    exit_code = 2


class ConfigError(UsageError):
    """A malformed settings or actor file."""
