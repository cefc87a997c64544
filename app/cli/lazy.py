"""A service module a command module names at its top but imports only when a command uses it:
the commands that only read an archive file start without SQLAlchemy and the ORM models, which
the commands that write (in the same command module) need (issue 11)."""

from __future__ import annotations

import importlib
from types import ModuleType


class LazyModule:
    """Stands for the module `name`: importing it on the first name asked for."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> object:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


def lazy(name: str) -> LazyModule:
    return LazyModule(name)
