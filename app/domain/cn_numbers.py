"""Arabic numbers in Chinese words through cn2an's An2Cn (一百零一, 壹佰零壹元整).

cn2an's package start-up also builds its Chinese-to-Arabic converters, whose patterns take
0.3-0.4 s to compile; every printed document paid for them although it only ever spells numbers.
So the An2Cn module is loaded on its own, without running the package's __init__ (a later
`import cn2an` elsewhere still gets the whole package as usual)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from functools import cache

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
    spec = importlib.util.find_spec("cn2an")
    sys.modules["cn2an"] = importlib.util.module_from_spec(spec)  # the package, not run
    try:
        module = importlib.import_module("cn2an.an2cn")
    finally:
        del sys.modules["cn2an"]
    return module.An2Cn()
