"""Encryption at rest: the password's keys, SQLCipher connections and encrypted attachment files.

An encrypted archive is a SQLCipher 4 database (the `sqlcipher3-wheels` driver: the pysqlite API,
so SQLAlchemy's pysqlite dialect and SQLite's backup API work unchanged) plus an attachment store
whose files are encrypted with AES-256-GCM.

Keys. The password is stretched once per archive with scrypt over a random 16-byte salt; HKDF
splits the result into the database key, the attachment key and the attachment-name key.
The salt is SQLCipher's own: the first 16 bytes of the database file, not encrypted (SQLCipher
keeps it there), so an archive carries what is needed to open it and nothing else: no key file
beside it to lose. The database is keyed with the raw key *and* that salt (`x'key salt'`), so
every copy (backups, kept copies) has the same salt and the same keys, and the attachment files
of a backup are byte-for-byte those of the archive. A raw key also spares SQLCipher its own
256,000-round PBKDF2 on every connection.

Unlocked keys are kept for the process by salt (like the archive lock's holds): every code path
that opens a database file (the engine, migrations, copies, checks) finds the key of a file
from its header, so a backup or kept copy of an unlocked archive opens as well.

Attachment files. Each is cut into 1 MiB chunks sealed with AES-256-GCM under a key of its own
(HKDF of the attachment key and a random per-file salt), the chunk number and a last-chunk flag
in the nonce (the STREAM construction), so a reordered, cut or altered file never decrypts.
A stored file's name is an HMAC of the content's SHA-256 under the name key: the store still
finds a file by the digest the database keeps, but a name says nothing about the content (a
plain SHA-256 would tell anyone holding a known document, a published tender or a client's
business licence, that the archive has it)."""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import hmac
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from app.domain.errors import ArchiveError

SQLITE_MAGIC = b"SQLite format 3\x00"
SALT_BYTES = 16
# scrypt: about 0.1 s and 32 MiB once per archive opened, so a stolen file costs a guesser that
# much for every password tried.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1

BLOB_MAGIC = b"SCENC01\x00"
BLOB_SALT = 16
BLOB_HEADER = len(BLOB_MAGIC) + BLOB_SALT
CHUNK = 1 << 20
TAG = 16


@dataclass(frozen=True)
class ArchiveKey:
    """The keys of one encrypted archive (never the password)."""

    salt: bytes
    db_key: bytes = field(repr=False)
    blob_key: bytes = field(repr=False)
    name_key: bytes = field(repr=False)

    @property
    def pragma(self) -> str:
        """SQLCipher's raw-key form with the salt: `x'<key><salt>'`."""
        return f"x'{self.db_key.hex()}{self.salt.hex()}'"

    def blob_name(self, sha256: str) -> str:
        return hmac.new(self.name_key, sha256.encode("ascii"), hashlib.sha256).hexdigest()


def normalized(password: str) -> bytes:
    """The same password typed through different input methods gives the same key."""
    return unicodedata.normalize("NFC", password).encode("utf-8")


def derive(password: str, salt: bytes) -> ArchiveKey:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    if not password:
        raise ArchiveError("password_empty")
    master = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(
        normalized(password)
    )

    def part(info: bytes) -> bytes:
        return HKDF(hashes.SHA256(), 32, salt=salt, info=info).derive(master)

    return ArchiveKey(
        salt, part(b"sales-compass database"), part(b"sales-compass attachments"), part(b"names")
    )


def new_key(password: str) -> ArchiveKey:
    return derive(password, os.urandom(SALT_BYTES))


# --- which files are encrypted, and with which key ---------------------------------------------

_unlocked: dict[bytes, ArchiveKey] = {}
_guard = threading.Lock()


def remember(key: ArchiveKey) -> None:
    with _guard:
        _unlocked[key.salt] = key


def forget_all() -> None:
    with _guard:
        _unlocked.clear()


def _header(path: Path) -> tuple[bytes, int] | None:
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as handle:
            return handle.read(100), size
    except OSError:
        return None


def _looks_like_text(data: bytes) -> bool:
    """ASCII or UTF-8 text (a multi-byte character cut at the end still counts)."""
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return bool(text) and all(c.isprintable() or c in "\t\r\n" for c in text)


def looks_encrypted(header: bytes, size: int) -> bool:
    """A SQLCipher file: whole pages of what looks like noise, no SQLite header. (Without the
    key nothing more can be told; a text file or a document is never taken for one.)"""
    return (
        size >= 1024
        and size % 512 == 0
        and len(header) >= SALT_BYTES
        and not header.startswith(SQLITE_MAGIC)
        and not _looks_like_text(header[:SALT_BYTES])
    )


def is_encrypted(path: Path) -> bool:
    found = _header(Path(path))
    return found is not None and looks_encrypted(*found)


def file_salt(path: Path) -> bytes | None:
    found = _header(Path(path))
    if found is None or not looks_encrypted(*found):
        return None
    return found[0][:SALT_BYTES]


def key_for(path: Path) -> ArchiveKey | None:
    """None for a plain archive (or no file yet); the key for an unlocked encrypted one;
    ArchiveError('archive_needs_password') for an encrypted one nobody has unlocked."""
    salt = file_salt(Path(path))
    if salt is None:
        return None
    with _guard:
        key = _unlocked.get(salt)
    if key is None:
        raise ArchiveError("archive_needs_password", path=str(path))
    return key


def needs_password(path: Path) -> bool:
    salt = file_salt(Path(path))
    if salt is None:
        return False
    with _guard:
        return salt not in _unlocked


def unlock(path: Path, password: str) -> ArchiveKey:
    """Derives the keys of the encrypted archive at `path` and proves them on the file.
    ArchiveError('wrong_password') when they do not open it; nothing is written either way."""
    path = Path(path)
    salt = file_salt(path)
    if salt is None:
        raise ArchiveError("archive_not_encrypted", path=str(path))
    key = derive(password, salt)
    try:
        try:
            conn = connect(path, read_only=True, key=key)
        except operational_errors():  # media that cannot take the -shm file: read as immutable
            conn = connect(path, immutable=True, key=key)
        conn.close()
    except ArchiveError as exc:
        if exc.code == "archive_wrong_key":
            raise ArchiveError("wrong_password", path=str(path)) from None
        raise
    except database_errors() as exc:
        raise ArchiveError("archive_unreadable", path=str(path), reason=str(exc)) from None
    remember(key)
    return key


# --- connections --------------------------------------------------------------------------------


def driver():
    """The SQLCipher DB-API module (imported only when an encrypted archive is used)."""
    from sqlcipher3 import dbapi2

    with contextlib.suppress(Exception):
        _quiet(dbapi2)
    return dbapi2


_quieted = False


def _quiet(dbapi2) -> None:
    """SQLCipher logs a wrong key to stderr: the user is told in words instead."""
    global _quieted
    if _quieted:
        return
    conn = dbapi2.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE").fetchall()
    finally:
        conn.close()
    _quieted = True


def error_classes() -> tuple[type[BaseException], ...]:
    """sqlite3.Error and, when loaded, SQLCipher's own Error (not a subclass of it)."""
    try:
        return (sqlite3.Error, driver().Error)
    except ImportError:
        return (sqlite3.Error,)


def database_errors() -> tuple[type[BaseException], ...]:
    try:
        return (sqlite3.DatabaseError, driver().DatabaseError)
    except ImportError:
        return (sqlite3.DatabaseError,)


def operational_errors() -> tuple[type[BaseException], ...]:
    try:
        return (sqlite3.OperationalError, driver().OperationalError)
    except ImportError:
        return (sqlite3.OperationalError,)


_UNSET = object()


def connect(
    path: Path,
    *,
    read_only: bool = False,
    immutable: bool = False,
    key: ArchiveKey | None | object = _UNSET,
    timeout: float = 5.0,
    check_same_thread: bool = True,
    isolation_level: str | None | object = _UNSET,
):
    """A DB-API connection to the archive database at `path`: sqlite3 for a plain file,
    SQLCipher keyed and proven for an encrypted one (`key` given, or found by the file's salt).

    A wrong key raises ArchiveError('archive_wrong_key'); an encrypted file nobody unlocked,
    ArchiveError('archive_needs_password')."""
    path = Path(path)
    explicit = key is not _UNSET
    if not explicit:
        key = key_for(path)
    kwargs: dict = {"timeout": timeout, "check_same_thread": check_same_thread}
    if isolation_level is not _UNSET:
        kwargs["isolation_level"] = isolation_level
    target: str = str(path)
    if read_only or immutable:
        mode = "ro&immutable=1" if immutable else "ro"
        target, kwargs["uri"] = f"file:{_uri_path(path)}?mode={mode}", True
    if key is None:
        return sqlite3.connect(target, **kwargs)
    conn = driver().connect(target, **kwargs)
    try:
        conn.execute(f'PRAGMA key = "{key.pragma}"')
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except driver().DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc).lower():
            if explicit:
                raise ArchiveError("archive_wrong_key", path=str(path)) from None
            # the key this file's salt was unlocked with: its first page is damaged
            raise ArchiveError("archive_corrupt", path=str(path), reason=str(exc)) from None
        raise
    except BaseException:
        conn.close()
        raise
    return conn


def _uri_path(path: Path) -> str:
    """A path in a file: URI (SQLite needs ? and # escaped there)."""
    return str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def export_database(source: Path, dest: Path, key: ArchiveKey | None) -> None:
    """Writes the whole database at `source` (plain or unlocked) into the new file `dest`,
    encrypted with `key` (None: plain), with SQLCipher's sqlcipher_export (the backup API
    cannot change the encryption)."""
    conn = driver().connect(str(source), isolation_level=None)
    try:
        src_key = key_for(source)
        if src_key is not None:
            conn.execute(f'PRAGMA key = "{src_key.pragma}"')
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        new = key.pragma if key is not None else ""
        conn.execute(f'ATTACH DATABASE ? AS converted KEY "{new}"', (str(dest),))
        try:
            conn.execute("SELECT sqlcipher_export('converted')").fetchall()
            version = conn.execute("PRAGMA main.user_version").fetchone()[0]
            conn.execute(f"PRAGMA converted.user_version = {int(version)}")
        finally:
            conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()


# --- attachment files ---------------------------------------------------------------------------


def _file_cipher(key: ArchiveKey, salt: bytes):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    file_key = HKDF(hashes.SHA256(), 32, salt=salt, info=b"attachment file").derive(key.blob_key)
    return AESGCM(file_key)


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class DecryptionError(Exception):
    """A stored file that does not decrypt: damaged, cut short, or under another key."""


def encrypt_stream(key: ArchiveKey, source: BinaryIO, out: BinaryIO) -> tuple[str, int]:
    """Seals `source` into `out`; returns (sha256 of the plain content, plain size)."""
    salt = os.urandom(BLOB_SALT)
    header = BLOB_MAGIC + salt
    aead = _file_cipher(key, salt)
    out.write(header)
    digest, size, index = hashlib.sha256(), 0, 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK) if len(chunk) == CHUNK else b""
        last = not following
        digest.update(chunk)
        size += len(chunk)
        out.write(aead.encrypt(_nonce(index, last), chunk, header))
        if last:
            return digest.hexdigest(), size
        chunk, index = following, index + 1


def decrypt_chunks(key: ArchiveKey, source: BinaryIO) -> Iterator[bytes]:
    """The plain content of a sealed file, chunk by chunk; DecryptionError when it is not whole."""
    from cryptography.exceptions import InvalidTag

    header = source.read(BLOB_HEADER)
    if len(header) != BLOB_HEADER or not header.startswith(BLOB_MAGIC):
        raise DecryptionError("not an encrypted attachment file")
    aead = _file_cipher(key, header[len(BLOB_MAGIC) :])
    index = 0
    sealed = source.read(CHUNK + TAG)
    while True:
        following = source.read(CHUNK + TAG) if len(sealed) == CHUNK + TAG else b""
        last = not following
        try:
            yield aead.decrypt(_nonce(index, last), sealed, header)
        except InvalidTag:
            raise DecryptionError("damaged or cut short") from None
        if last:
            return
        sealed, index = following, index + 1


def sealed_size(plain_size: int) -> int:
    chunks = max(1, -(-plain_size // CHUNK))
    return BLOB_HEADER + plain_size + chunks * TAG
