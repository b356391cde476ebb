"""The one error type for bad input: it always names the file and the problem."""


class DataError(Exception):
    """An input file is missing, altered or malformed. No number may come of it."""

    def __init__(self, file: str, problem: str):
        self.file = str(file)
        self.problem = problem
        super().__init__(f"{self.file}: {problem}")


class DataWarning(UserWarning):
    """A checksum mismatch let through because ``DATA_VERIFY=warn``."""
