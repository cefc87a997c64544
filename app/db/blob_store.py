"""The attachment store beside the archive: files named by the SHA-256 of their content.

A file's original name is data in the attachments table and is never used as a path here.

The store of an encrypted archive keeps each file sealed with the archive's attachment key and
named by an HMAC of the content's SHA-256 (app.db.cipher): the database still names a file by
its plain SHA-256, and every method here takes and returns plain digests, sizes and content.
Folders are made readable by their owner only; files are written through mkstemp (mode 0600)."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.db import cipher

CHUNK = 1 << 20
FOLDER_MODE = 0o700
_FROM_ARCHIVE = object()
DAMAGED = "damaged: does not decrypt"  # hash_of_stored of a sealed file that does not open


class BlobStore:
    def __init__(
        self, root: Path, key: cipher.ArchiveKey | None = None, archive: Path | None = None
    ):
        self.root = Path(root)
        self._key = key
        self._archive = None if key is not None else archive

    @classmethod
    def beside(
        cls, archive_path: Path, key: cipher.ArchiveKey | None | object = _FROM_ARCHIVE
    ) -> BlobStore:
        """The store of the archive at `archive_path`. Its key is the archive's own (found when
        first needed), unless `key` says which (a backup or conversion being written)."""
        archive_path = Path(archive_path)
        root = archive_path.with_name(archive_path.stem + ".files")
        if key is _FROM_ARCHIVE:
            return cls(root, archive=archive_path)
        return cls(root, key=key)  # type: ignore[arg-type]

    @property
    def key(self) -> cipher.ArchiveKey | None:
        if self._key is None and self._archive is not None:
            found = cipher.key_for(self._archive)
            if found is not None:
                self._key = found
        return self._key

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def path_of(self, sha256: str) -> Path:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise ValueError("not a sha256 digest")
        key = self.key
        name = key.blob_name(sha256) if key is not None else sha256
        return self.root / name[:2] / name

    def _mkdir(self, folder: Path) -> None:
        for item in (self.root, folder):
            if not item.is_dir():
                item.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)

    def put(self, source: Path) -> tuple[str, int]:
        """Copies a file in (once per content). Returns (sha256, size) of the plain content."""
        with open(source, "rb") as src:
            return self.put_stream(src)

    def put_stream(self, src: BinaryIO) -> tuple[str, int]:
        self._mkdir(self.root)
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                key = self.key
                if key is not None:
                    sha, size = cipher.encrypt_stream(key, src, out)
                else:
                    sha, size = _copy_hashing(src, out)
                out.flush()
                os.fsync(out.fileno())
            final = self.path_of(sha)
            if final.exists():
                os.unlink(tmp_name)
            else:
                self._mkdir(final.parent)
                os.replace(tmp_name, final)
            return sha, size
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        return self.put_stream(io.BytesIO(data))

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).exists()

    def stored(self) -> set[str]:
        """The digests of every file in the store (a half-written one is not among them)."""
        if not self.root.exists():
            return set()
        return {p.name for p in self.root.glob("??/*") if not p.name.startswith(".")}

    def delete(self, sha256: str) -> None:
        path = self.path_of(sha256)
        if path.exists():
            path.unlink()

    def chunks(self, sha256: str) -> Iterator[bytes]:
        """The plain content, chunk by chunk (FileNotFoundError when missing; for a sealed file
        that does not open, cipher.DecryptionError)."""
        yield from self._chunks_of(self.path_of(sha256), self.key)

    @staticmethod
    def _chunks_of(path: Path, key: cipher.ArchiveKey | None) -> Iterator[bytes]:
        with open(path, "rb") as handle:
            if key is not None:
                yield from cipher.decrypt_chunks(key, handle)
                return
            while chunk := handle.read(CHUNK):
                yield chunk

    def read_bytes(self, sha256: str) -> bytes:
        return b"".join(self.chunks(sha256))

    def export_to(self, sha256: str, target: Path) -> Path:
        """Writes the plain content to `target` (mode 0600, under a temporary name first)."""
        target = Path(target)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in self.chunks(sha256):
                    out.write(chunk)
            os.replace(tmp_name, target)
            return target
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def readable_path(self, sha256: str) -> Path:
        """A path holding the plain content, for builders that read files (a packet merging
        scans): the stored file itself in a plain store; in an encrypted one, a copy decrypted
        into this user's private temporary folder (removed when the program ends)."""
        if self.key is None:
            return self.path_of(sha256)
        from app import private_temp

        folder = private_temp.session_folder("plain")
        target = folder / sha256
        if not target.exists():
            self.export_to(sha256, target)
        return target

    def stored_size(self, plain_size: int) -> int:
        return cipher.sealed_size(plain_size) if self.key is not None else plain_size

    def hash_of_stored(self, sha256: str) -> str | None:
        """SHA-256 of the plain content stored under `sha256` (None when missing; DAMAGED for a
        sealed file that does not decrypt)."""
        digest = hashlib.sha256()
        try:
            for chunk in self.chunks(sha256):
                digest.update(chunk)
        except FileNotFoundError:
            return None
        except cipher.DecryptionError:
            return DAMAGED
        return digest.hexdigest()

    def copy_tree_to(self, dest: Path) -> None:
        if self.root.exists():
            shutil.copytree(
                self.root, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".incoming-*")
            )

    def is_intact(self, sha256: str, size: int | None = None) -> bool:
        """The file is there and its (plain) content still hashes to its name."""
        path = self.path_of(sha256)
        try:
            if size is not None and path.stat().st_size != self.stored_size(size):
                return False
        except OSError:
            return False
        return self.hash_of_stored(sha256) == sha256

    def same_keys(self, other: BlobStore) -> bool:
        mine, theirs = self.key, other.key
        if mine is None or theirs is None:
            return mine is None and theirs is None
        return mine.salt == theirs.salt and mine.blob_key == theirs.blob_key

    def copy_verified_from(self, other: BlobStore, sha256: str) -> bool:
        """Copies one file in from another store, checking its content's SHA-256 on the way,
        under a temporary name renamed into place. False (nothing written) when the other
        store's file is missing or damaged. A file already here with the same size is kept as
        it is. Between stores with the same keys the stored bytes are copied as they are (a
        backup of an encrypted archive stays encrypted); otherwise the file is decrypted and/or
        sealed with this store's key on the way (an archive being encrypted or decrypted)."""
        source, final = other.path_of(sha256), self.path_of(sha256)
        raw = self.same_keys(other)
        try:
            if raw and final.exists() and final.stat().st_size == source.stat().st_size:
                return True
            if not raw and final.exists() and self.is_intact(sha256):
                return True
        except OSError:
            return False
        self._mkdir(final.parent)
        fd, tmp_name = tempfile.mkstemp(dir=final.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                if raw:
                    with open(source, "rb") as src:
                        shutil.copyfileobj(src, out, CHUNK)
                    out.flush()
                    sha = BlobStore._hash_file(Path(tmp_name), self.key)
                else:
                    sha = self._seal(other.chunks(sha256), out)
                out.flush()
                os.fsync(out.fileno())
            if sha != sha256:
                os.unlink(tmp_name)
                return False
            os.replace(tmp_name, final)
            return True
        except (FileNotFoundError, cipher.DecryptionError):
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            return False
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def _seal(self, chunks: Iterator[bytes], out: BinaryIO) -> str:
        """Writes plain chunks into `out` in this store's form; returns their SHA-256."""
        key = self.key
        if key is None:
            digest = hashlib.sha256()
            for chunk in chunks:
                digest.update(chunk)
                out.write(chunk)
            return digest.hexdigest()
        return cipher.encrypt_stream(key, _ChunkReader(chunks), out)[0]

    @staticmethod
    def _hash_file(path: Path, key: cipher.ArchiveKey | None) -> str:
        digest = hashlib.sha256()
        try:
            for chunk in BlobStore._chunks_of(path, key):
                digest.update(chunk)
        except cipher.DecryptionError:
            return DAMAGED
        return digest.hexdigest()

    def move_tree_to(self, other: BlobStore) -> None:
        """Every file of this store into `other` (renames: same file system, nothing copied)."""
        for path in self.root.glob("??/*"):
            if path.name.startswith("."):
                continue
            target = other.root / path.parent.name / path.name
            other._mkdir(target.parent)
            os.replace(path, target)

    def link_tree_to(self, other: BlobStore) -> None:
        """Every file of this store into `other` as a hard link (a copy where links fail)."""
        for path in self.root.glob("??/*"):
            if path.name.startswith("."):
                continue
            target = other.root / path.parent.name / path.name
            if target.exists():
                continue
            other._mkdir(target.parent)
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)


def _copy_hashing(src: BinaryIO, out: BinaryIO) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := src.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        out.write(chunk)
    return digest.hexdigest(), size


class _ChunkReader(io.RawIOBase):
    """A readable stream over an iterator of chunks (to seal what another store decrypts)."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = iter(chunks)
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        if size < 0:
            data, self._buffer = self._buffer, b""
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data
