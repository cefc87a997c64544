"""Arabic numbers in Chinese words through cn2an's An2Cn (一百零一, 壹佰零壹元整).

cn2an's package start-up also builds its Chinese-to-Arabic converters, whose patterns take
0.3-0.4 s to compile; every printed document paid for them although it only ever spells numbers.
So the An2Cn module is loaded on its own, without running the package's __init__ (a later
`import cn2an` elsewhere still gets the whole package as usual); so is the one function of proces
it uses."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from types import ModuleType

_loading = threading.Lock()  # two print jobs on worker threads may spell their first number at once


def an2cn(value: str | int, mode: str = "low") -> str:
    """cn2an.an2cn: mode 'low' (一百零一), 'up' (壹佰零壹), 'rmb' (壹佰零壹元整)."""
    with _loading:
        converter = _converter()
    return converter.an2cn(value, mode)


@cache
def _converter():
    if "cn2an" in sys.modules:  # already loaded whole
        from cn2an.an2cn import An2Cn

        return An2Cn()
    with _package_not_run("cn2an"), _package_not_run("proces") as proces:
        # An2Cn needs only proces's preprocess; its package start-up also compiles the address
        # masking's pattern of every Chinese city (20 ms, issue 11)
        proces.preprocess = importlib.import_module("proces.preprocess").preprocess
        module = importlib.import_module("cn2an.an2cn")
    return module.An2Cn()


@contextmanager
def _package_not_run(name: str) -> Iterator[ModuleType]:
    """While inside, `name` is its package module without its __init__ run, so its submodules
    load alone; afterwards an `import name` runs the package as usual. An already loaded
    package is left as it is."""
    if name in sys.modules:
        yield sys.modules[name]
        return
    spec = importlib.util.find_spec(name)
    sys.modules[name] = package = importlib.util.module_from_spec(spec)
    try:
        yield package
    finally:
        del sys.modules[name]
