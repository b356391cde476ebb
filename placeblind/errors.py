"""The error types for bad input: a data file (naming the file and the problem) or a setting."""


class DataError(Exception):
    """An input file is missing, altered or malformed. No number may come of it."""

    def __init__(self, file: str, problem: str):
        self.file = str(file)
        self.problem = problem
        super().__init__(f"{self.file}: {problem}")


class SettingsError(ValueError):
    """A setting (an environment variable such as ``DATA_VERIFY``, or a command-line
    option) names something that does not exist or is not allowed: the user's
    mistake, told in one line, never a bug in the package."""


class DataWarning(UserWarning):
    """A checksum mismatch let through because ``DATA_VERIFY=warn``."""
