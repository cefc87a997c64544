"""A command reading an archive file maps it instead of copying each page it reads (issue 11:
the 大客户月报 on the 100,000-client archive spent 0.25 s of system time on those copies, 0.10 s
mapped); a window's reader does not (the pages would stay in its memory), nor does a writer."""

from __future__ import annotations

import pytest

from app.cli import _map_reads, run
from app.db import file_reader
from app.domain.records import ClientDraft
from app.services import clients, search
from app.services.archive import open_archive


@pytest.fixture
def path(archive):
    clients.create_client(archive, ClientDraft("北京华信科技有限公司"))
    archive.close()
    return archive.path


def _mapped_bytes(reader) -> int:
    with reader.plain().connection() as connection:
        return connection.execute("PRAGMA mmap_size").fetchone()[0]


def test_a_commands_reader_maps_the_file_and_a_windows_does_not(path):
    window = open_archive(path, read_only=True)
    command = open_archive(path, read_only=True)
    try:
        _map_reads(command)
        assert _mapped_bytes(window) == 0
        mapped = _mapped_bytes(command)
        if mapped == 0:
            pytest.skip("this SQLite was built without memory-mapped I/O")
        assert mapped >= 1 << 30
        assert [h.title for h in search.search(command, "华信")] == [
            h.title for h in search.search(window, "华信")
        ]
    finally:
        window.close()
        command.close()


def test_a_writer_is_left_as_it_is(path):
    writer = open_archive(path)
    try:
        _map_reads(writer)  # a writer reads through its sessions: nothing to map
        assert writer.plain() is None
    finally:
        writer.close()


def test_the_command_line_maps_its_reads(path, monkeypatch, capsys):
    made = []
    real = file_reader.PlainReader._take

    def take(self):
        connection = real(self)
        made.append((self.mapped, connection.execute("PRAGMA mmap_size").fetchone()[0]))
        return connection

    monkeypatch.setattr(file_reader.PlainReader, "_take", take)
    assert run(["clients", "--db", str(path)]) == 0
    assert "北京华信科技有限公司" in capsys.readouterr().out
    assert made and all(mapped for mapped, _size in made)


def test_an_archive_on_a_network_share_is_not_mapped(path, monkeypatch):
    """Another computer may shorten a shared file under the mapping (a bus error, not
    SQLite's word): a command reads a shared archive page by page as before."""
    from app import file_systems

    monkeypatch.setattr(file_systems, "network_share", lambda where: "cifs")
    command = open_archive(path, read_only=True)
    try:
        _map_reads(command)
        assert command.plain().mapped is False and _mapped_bytes(command) == 0
    finally:
        command.close()
