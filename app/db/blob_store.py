"""The attachment store beside the archive: files named by the SHA-256 of their content.

A file's original name is data in the attachments table and is never used as a path here."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

CHUNK = 1 << 20


class BlobStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    @classmethod
    def beside(cls, archive_path: Path) -> BlobStore:
        archive_path = Path(archive_path)
        return cls(archive_path.with_name(archive_path.stem + ".files"))

    def path_of(self, sha256: str) -> Path:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise ValueError("not a sha256 digest")
        return self.root / sha256[:2] / sha256

    def put(self, source: Path) -> tuple[str, int]:
        """Copies a file in (once per content). Returns (sha256, size)."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            final = self.path_of(sha)
            if final.exists():
                os.unlink(tmp_name)
            else:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp_name, final)
            return sha, size
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        fd, tmp = tempfile.mkstemp()
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            return self.put(Path(tmp))
        finally:
            os.unlink(tmp)

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).exists()

    def delete(self, sha256: str) -> None:
        path = self.path_of(sha256)
        if path.exists():
            path.unlink()

    def hash_of_stored(self, sha256: str) -> str | None:
        path = self.path_of(sha256)
        if not path.exists():
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest()

    def copy_tree_to(self, dest: Path) -> None:
        if self.root.exists():
            shutil.copytree(
                self.root, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".incoming-*")
            )

    def is_intact(self, sha256: str, size: int | None = None) -> bool:
        """The file is there and its content still hashes to its name."""
        path = self.path_of(sha256)
        try:
            if size is not None and path.stat().st_size != size:
                return False
        except OSError:
            return False
        return self.hash_of_stored(sha256) == sha256

    def copy_verified_from(self, other: BlobStore, sha256: str) -> bool:
        """Copies one file in from another store, hashing it on the way, under a temporary name
        renamed into place. False (nothing written) when the other store's file is missing or
        damaged. A file already here with the same size is kept as it is."""
        source, final = other.path_of(sha256), self.path_of(sha256)
        try:
            if final.exists() and final.stat().st_size == source.stat().st_size:
                return True
        except OSError:
            return False
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=final.parent, prefix=".incoming-")
        try:
            digest = hashlib.sha256()
            with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:
                os.unlink(tmp_name)
                return False
            os.replace(tmp_name, final)
            return True
        except FileNotFoundError:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            return False
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def move_tree_to(self, other: BlobStore) -> None:
        """Every file of this store into `other` (renames: same file system, nothing copied)."""
        for path in self.root.glob("??/*"):
            if path.name.startswith("."):
                continue
            target = other.root / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)

    def link_tree_to(self, other: BlobStore) -> None:
        """Every file of this store into `other` as a hard link (a copy where links fail)."""
        for path in self.root.glob("??/*"):
            if path.name.startswith("."):
                continue
            target = other.root / path.parent.name / path.name
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)
