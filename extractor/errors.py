"""Library exceptions. The CLI turns each into one line naming the file and a non-zero exit."""


class PlanInputError(Exception):
    """A file that cannot be read as a plan: missing, empty, binary, undecodable, scanned..."""

    def __init__(self, path: str | None, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)
