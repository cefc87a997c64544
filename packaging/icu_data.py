"""A smaller ICU data library for the Linux bundle (standard library only; the spec calls it).

Qt Core from the PySide6 wheel links ICU (libicui18n, libicuuc, libicudata); it cannot start
without them. libicudata.so.NN is one 31 MB array, `icudtNN_dat`: ICU's common data package
(format "CmnD", a table of named items). Qt calls only ICU's collation (QCollator), converters
(QStringConverter beyond UTF-8/Latin-1), time-zone names and case mapping (`nm -D
--undefined-only libQt6Core.so.6`): never break iteration (brkitr/, 3.2 MB of dictionaries) nor
transliteration (translit/). The program speaks Chinese and English, so the data of other
languages (their collations, names, units, currencies, time-zone names: 20 MB) is never read.

`slim_library` copies the package without those items and links it as the same library (same
name, same symbol) with the C compiler: 31 MB -> about 10 MB. Every converter, the root and
every zh/en/yue locale of every tree, and all the non-locale data (Unicode properties,
normalisation, time zones, likely subtags) stay: a locale that is gone falls back to root, as
ICU does for any locale it does not know.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

# The languages whose locale data stays (yue: zh_Hant_HK's number spell-out derives from it).
KEPT_LANGUAGES = frozenset({"en", "zh", "yue"})
# Trees of items no ICU function Qt calls ever reads.
DROPPED_TREES = frozenset({"brkitr", "translit"})
_LOCALE_ITEM = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*\.res$")  # af.res, zh_Hant_HK.res, es_.res


def kept(item: str) -> bool:
    """Whether an item of the package ("coll/zh.res", "gb18030.cnv", without the package's
    own name) stays."""
    parts = item.split("/")
    if len(parts) > 1 and parts[0] in DROPPED_TREES:
        return False
    locale = _LOCALE_ITEM.match(parts[-1])
    return locale is None or locale.group(1) in KEPT_LANGUAGES


def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(the header, [(item name with the package's prefix, item bytes incl. padding)])."""
    header_size = struct.unpack_from("<H", data, 0)[0]
    if data[2:4] != b"\xda\x27" or data[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package (CmnD)")
    toc = data[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_at, data_at) in enumerate(entries):
        end = entries[index + 1][1] if index + 1 < count else len(toc)
        name = toc[name_at : toc.index(b"\0", name_at)].decode("ascii")
        items.append((name, toc[data_at:end]))
    return data[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package of `items` (sorted by name, as ICU's binary search needs)."""
    items = sorted(items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table = 4 + 8 * len(items)
    data_start = _align(table + len(names))
    entries, blobs, name_at, data_at = [], [], table, data_start
    for name, blob in items:
        entries.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        blob += b"\0" * (_align(len(blob)) - len(blob))
        blobs.append(blob)
        data_at += len(blob)
    toc = struct.pack("<I", len(items)) + b"".join(entries) + names
    toc += b"\0" * (data_start - len(toc))
    return header + toc + b"".join(blobs)


def _align(size: int) -> int:
    return (size + 15) & ~15


def slim_package(data: bytes) -> bytes:
    header, items = read_package(data)
    return write_package(header, [(n, b) for n, b in items if kept(n.split("/", 1)[1])])


def data_symbol(library: Path) -> tuple[str, bytes]:
    """(the symbol's name, its bytes): the `icudtNN_dat` array of a 64-bit ELF libicudata."""
    elf = library.read_bytes()
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError(f"{library}: not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    for _name, kind, _flags, _addr, offset, size, link, _info, _sh_align, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strings = sections[link][4]
        for at in range(offset, offset + size, entsize):
            name_at, _i, _o, index, value, length = struct.unpack_from("<IBBHQQ", elf, at)
            end = elf.index(b"\0", strings + name_at)
            name = elf[strings + name_at : end].decode("ascii")
            if re.fullmatch(r"icudt\d+_dat", name):
                section = sections[index]
                start = value - section[3] + section[4]
                return name, elf[start : start + length]
    raise ValueError(f"{library}: no icudtNN_dat symbol")


def slim_library(library: Path, out_folder: Path, compiler: str = "cc") -> Path:
    """Writes the smaller libicudata (same file name, soname and symbol) into `out_folder`."""
    if shutil.which(compiler) is None:
        raise RuntimeError(f"no C compiler ({compiler}) to link the smaller ICU data")
    symbol, data = data_symbol(library)
    out_folder.mkdir(parents=True, exist_ok=True)
    out = out_folder / library.name
    with tempfile.TemporaryDirectory() as tmp:
        package = Path(tmp) / "icudata.dat"
        package.write_bytes(slim_package(data))
        source = Path(tmp) / "icudata.s"
        source.write_text(
            f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
            f'{symbol}:\n\t.incbin "{package}"\n\t.size {symbol}, .-{symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        subprocess.run(
            [compiler, "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", out, source],
            check=True,
        )
    return out
