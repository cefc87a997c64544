"""The attachment store of a team archive: content-addressed, in the database itself.

Every laptop reaches the same scans through its one connection to the server, so there is no
shared folder to mount and the same grants guard them. A file is kept once per SHA-256 in
`blob_chunks` (revision 0023), in chunks of 1 MiB so that a 40 MB scan never sits in memory
whole. A file is written in its own transaction and is visible only once all its chunks are in
(the row of chunk 0 carries the size and goes in last). Inside `joined(connection)` the store
works on that connection instead (each write a savepoint of its transaction), so a fill that
is all or nothing (Database.one_transaction) takes its files back too when it fails."""

from __future__ import annotations

import hashlib
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Connection, Engine, text

from app.db.blob_store import BlobStore

CHUNK = 1 << 20


class ServerBlobStore:
    """The same calls as app.db.blob_store.BlobStore, over the team archive's database."""

    key = None
    encrypted = False

    def __init__(self, engine: Engine):
        self.engine = engine
        self._joined: Connection | None = None

    @contextmanager
    def joined(self, connection: Connection) -> Iterator[None]:
        """Reads and writes go through `connection`'s transaction while the block runs."""
        self._joined = connection
        try:
            yield
        finally:
            self._joined = None

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        if self._joined is None:
            with self.engine.begin() as conn:
                yield conn
        else:
            with self._joined.begin_nested():
                yield self._joined

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        if self._joined is None:
            with self.engine.connect() as conn:
                yield conn
        else:
            yield self._joined

    def put(self, source: Path) -> tuple[str, int]:
        with open(source, "rb") as src:
            return self.put_stream(src)

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        return self.put_stream(io.BytesIO(data))

    def put_stream(self, src: BinaryIO) -> tuple[str, int]:
        """Spools the content to a private temporary file while hashing it, then writes its
        chunks under its digest (once per content)."""
        digest, size = hashlib.sha256(), 0
        with tempfile.TemporaryFile() as spool:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                spool.write(chunk)
            sha = digest.hexdigest()
            if self.exists(sha):
                return sha, size
            spool.seek(0)
            self._write(sha, size, spool)
        return sha, size

    def _write(self, sha: str, size: int, spool: BinaryIO) -> None:
        insert = text(
            "INSERT INTO blob_chunks (sha256, seq, size, data) VALUES (:s, :q, :n, :d)"
            " ON CONFLICT DO NOTHING"
        )
        with self._writing() as conn:
            first = spool.read(CHUNK)
            seq = 1
            while chunk := spool.read(CHUNK):
                conn.execute(insert, {"s": sha, "q": seq, "n": None, "d": chunk})
                seq += 1
            conn.execute(insert, {"s": sha, "q": 0, "n": size, "d": first})

    def exists(self, sha256: str) -> bool:
        with self._reading() as conn:
            found = conn.execute(
                text("SELECT 1 FROM blob_chunks WHERE sha256 = :s AND seq = 0"), {"s": sha256}
            )
            return found.first() is not None

    def stored(self) -> set[str]:
        """The digests of every complete file in the store."""
        with self._reading() as conn:
            found = conn.execute(text("SELECT sha256 FROM blob_chunks WHERE seq = 0"))
            return {row[0] for row in found}

    def delete(self, sha256: str) -> None:
        with self._writing() as conn:
            conn.execute(text("DELETE FROM blob_chunks WHERE sha256 = :s"), {"s": sha256})

    def chunks(self, sha256: str) -> Iterator[bytes]:
        """The content, chunk by chunk (FileNotFoundError when the archive has no such file)."""
        if not self.exists(sha256):
            raise FileNotFoundError(sha256)
        seq = 0
        with self._reading() as conn:
            while True:
                row = conn.execute(
                    text("SELECT data FROM blob_chunks WHERE sha256 = :s AND seq = :q"),
                    {"s": sha256, "q": seq},
                ).first()
                if row is None:
                    return
                yield bytes(row[0])
                seq += 1

    # the same as the file store's, over this store's chunks
    read_bytes = BlobStore.read_bytes
    export_to = BlobStore.export_to

    def readable_path(self, sha256: str) -> Path:
        """A copy in this user's private temporary folder, for builders that read files."""
        from app import private_temp

        target = private_temp.session_folder("server") / sha256
        if not target.exists():
            self.export_to(sha256, target)
        return target

    def stored_size(self, plain_size: int) -> int:
        return plain_size

    def hash_of_stored(self, sha256: str) -> str | None:
        digest = hashlib.sha256()
        try:
            for chunk in self.chunks(sha256):
                digest.update(chunk)
        except FileNotFoundError:
            return None
        return digest.hexdigest()

    def is_intact(self, sha256: str, size: int | None = None) -> bool:
        return self.hash_of_stored(sha256) == sha256
