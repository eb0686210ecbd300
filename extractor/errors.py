"""Library exceptions. The CLI turns each into one line naming the file and a non-zero exit."""
import os
import re


class PlanInputError(Exception):
    """A file that cannot be read as a plan: missing, empty, binary, undecodable, scanned..."""

    def __init__(self, path: str | None, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{shown(path)}: {problem}" if path else problem)


def shown(path: "str | os.PathLike[str]") -> str:
    """A path as a message prints it: the bytes of a name that is not UTF-8 as ``\\xff``, which
    any terminal or log can write (Python holds them as lone surrogates)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair standing alone: no Unicode character, and nothing UTF-8 can write."""


def require_unicode(text: str, path: str | None) -> None:
    """Refuse text holding a lone surrogate (``parse("\\ud800…")``): once such a plan made a
    whole ``build`` store nothing, at the first write."""
    found = _SURROGATE.search(text)
    if found:
        raise PlanInputError(path, f"the text holds a lone surrogate (U+{ord(found.group()):04X}) at "
                                   f"character {found.start()}: not Unicode text")


def require_utf8_name(path: str) -> None:
    """Refuse a file name that is not UTF-8: Python gives its bytes as lone surrogates
    (``bad\\udcff.txt``), which no JSON, store or export can hold."""
    if _SURROGATE.search(path):
        raise PlanInputError(path, "the file name is not UTF-8; rename the file (convmv -f gbk -t utf-8 "
                                   "converts names from GBK)")
