"""One error hierarchy: every error the library raises on purpose derives from :class:`ThiduaError`.

The command line turns any of them into one line on stderr and exit code 2.
"""

from __future__ import annotations


class ThiduaError(Exception):
    """Root of the errors a user can act on; the message says what is wrong and where."""


class InputError(ThiduaError, ValueError):
    """Input text or a file could not be read (missing file, invalid UTF-8, not a directory …)."""


class AnnotationError(ThiduaError, ValueError):
    """An annotation file has a problem; the message names file, line and what is wrong."""


class ConfigError(ThiduaError, ValueError):
    """A training configuration is invalid (unknown key, wrong type, missing data)."""


class ModelLoadError(ThiduaError, RuntimeError):
    """A model name or directory could not be loaded; the message says what is missing."""
