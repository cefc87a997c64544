"""The smaller ICU data library of the Linux bundle (packaging/icu_data.py): which items of ICU's
data package stay, the package read and written back, and the library linked from it."""

from __future__ import annotations

import importlib.util
import shutil
import struct
import sys
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
_spec = importlib.util.spec_from_file_location("icu_data", PACKAGING / "icu_data.py")
icu_data = importlib.util.module_from_spec(_spec)
sys.modules["icu_data"] = icu_data
_spec.loader.exec_module(icu_data)

ITEMS = {
    "icudt99l/af.res": b"afrikaans",
    "icudt99l/brkitr/cjdict.dict": b"dictionary" * 10,
    "icudt99l/cnvalias.icu": b"aliases",
    "icudt99l/coll/de.res": b"german collation",
    "icudt99l/coll/root.res": b"root collation",
    "icudt99l/coll/ucadata.icu": b"uca",
    "icudt99l/coll/zh.res": b"pinyin",
    "icudt99l/en_GB.res": b"british",
    "icudt99l/es_.res": b"odd",
    "icudt99l/gb18030.cnv": b"gb18030",
    "icudt99l/metaZones.res": b"meta",
    "icudt99l/pool.res": b"pool",
    "icudt99l/root.res": b"root",
    "icudt99l/translit/root.res": b"translit",
    "icudt99l/zh_Hant_HK.res": b"hong kong",
    "icudt99l/zone/fr.res": b"french zones",
    "icudt99l/zone/yue.res": b"cantonese zones",
    "icudt99l/zoneinfo64.res": b"zones",
}
KEPT = {
    "icudt99l/cnvalias.icu",
    "icudt99l/coll/root.res",
    "icudt99l/coll/ucadata.icu",
    "icudt99l/coll/zh.res",
    "icudt99l/en_GB.res",
    "icudt99l/gb18030.cnv",
    "icudt99l/metaZones.res",
    "icudt99l/pool.res",
    "icudt99l/root.res",
    "icudt99l/zh_Hant_HK.res",
    "icudt99l/zone/yue.res",
    "icudt99l/zoneinfo64.res",
}


def _header() -> bytes:
    """A data header as ICU writes it: size, magic, UDataInfo with the "CmnD" format."""
    info = struct.pack("<HHBBBB4s4s4s", 20, 0, 0, 0, 2, 0, b"CmnD", b"\1\0\0\0", b"\x49\0\0\0")
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + info
    return header + b"\0" * (32 - len(header))


def _package() -> bytes:
    return icu_data.write_package(_header(), list(ITEMS.items()))


def test_the_package_reads_back_as_written():
    header, items = icu_data.read_package(_package())
    assert header == _header()
    assert [name for name, _ in items] == sorted(ITEMS)  # ICU looks names up by bisection
    for name, blob in items:
        assert blob.rstrip(b"\0") == ITEMS[name]
        assert len(blob) % 16 == 0


def test_only_chinese_english_root_and_the_non_locale_data_stay():
    _header_, items = icu_data.read_package(icu_data.slim_package(_package()))
    assert {name for name, _ in items} == KEPT


@pytest.mark.parametrize("item", ["brkitr/zh.res", "translit/el.res", "de.res", "coll/ko.res"])
def test_dropped(item):
    assert not icu_data.kept(item)


@pytest.mark.parametrize(
    "item", ["zh.res", "zh_Hans_CN.res", "coll/zh.res", "en_US_POSIX.res", "ibm-1383.cnv"]
)
def test_kept(item):
    assert icu_data.kept(item)


def test_not_an_icu_package():
    with pytest.raises(ValueError):
        icu_data.read_package(b"\x20\0\0\0" + b"\0" * 60)


@pytest.mark.skipif(
    sys.platform != "linux" or shutil.which("cc") is None, reason="links an ELF library"
)
def test_the_smaller_library_has_the_same_name_and_symbol(tmp_path):
    """A stand-in libicudata (linked here the way ICU's build links it) becomes a library of the
    same file name and soname whose icudtNN_dat symbol holds the smaller package."""
    full = tmp_path / "full" / "libicudata.so.99"
    full.parent.mkdir()
    (tmp_path / "full.dat").write_bytes(_package())
    (tmp_path / "full.s").write_text(
        "\t.section .rodata\n\t.globl icudt99_dat\n\t.balign 16\nicudt99_dat:\n"
        f'\t.incbin "{tmp_path / "full.dat"}"\n\t.size icudt99_dat, .-icudt99_dat\n',
        encoding="ascii",
    )
    import subprocess

    subprocess.run(
        [
            "cc",
            "-shared",
            "-nostdlib",
            "-Wl,-soname,libicudata.so.99",
            "-o",
            full,
            tmp_path / "full.s",
        ],
        check=True,
    )
    assert icu_data.data_symbol(full) == ("icudt99_dat", _package())

    slim = icu_data.slim_library(full, tmp_path / "slim")
    assert slim.name == "libicudata.so.99"
    name, data = icu_data.data_symbol(slim)
    assert name == "icudt99_dat"
    assert data == icu_data.slim_package(_package())
    assert b"libicudata.so.99" in slim.read_bytes()  # the soname Qt Core asks for


def test_without_a_compiler_the_smaller_library_is_refused_in_words(tmp_path):
    """The spec keeps the full ICU data when this is refused (no C compiler on the build
    machine): the refusal must come before anything is read or written."""
    with pytest.raises(RuntimeError, match="no C compiler"):
        icu_data.slim_library(tmp_path / "absent.so", tmp_path / "out", compiler="no-such-cc")
    assert not (tmp_path / "out").exists()
