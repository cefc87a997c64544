"""Where a file lives: on this machine's own disk, or on a network share.

SQLite's WAL mode keeps its index in shared memory beside the database, which only works when
every process using the file is on the same machine, and network file systems (SMB/CIFS, NFS,
sshfs, WebDAV...) do not honour its locks reliably: two writers there can corrupt an archive.
So an archive on a network share may be read, never written. Standard library only."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Linux fstypes (as /proc/mounts names them) of file systems served over a network.
NETWORK_FSTYPES = frozenset(
    {
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "ncpfs",
        "afs",
        "coda",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "ocfs2",
        "gfs2",
        "davfs",
        "webdav",
        "afpfs",
        "sshfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gcsfuse",
        "fuse.afpfs",
        "fuse.smbnetfs",
        "fuse.curlftpfs",
    }
)


def _unescape(field: str) -> str:
    """/proc/mounts writes a space in a path as \\040 (and tab, newline, backslash likewise)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, fstype) of each line of a /proc/mounts (or /etc/mtab) text."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((_unescape(fields[1]), fields[2]))
    return mounts


def mount_of(path: Path, mounts: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The mount holding `path`: the longest mount point that contains it (the last one listed
    wins when one is mounted over another)."""
    target = str(path)
    best: tuple[str, str] | None = None
    for point, fstype in mounts:
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[0])):
            best = (point, fstype)
    return best


def _existing(path: Path) -> Path:
    """The absolute path with symbolic links resolved (a file about to be created too)."""
    return Path(os.path.abspath(path)).resolve()


def network_share(
    path: Path, mounts_text: str | None = None, platform: str | None = None
) -> str | None:
    """The kind of network file system `path` is on ("cifs", "nfs4", "UNC"...), or None when it
    is on a local disk (or nothing can tell). `mounts_text` stands in for /proc/mounts."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return _windows_share(path)
    if mounts_text is None and platform.startswith("linux"):
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    if mounts_text is not None:
        found = mount_of(_existing(Path(path)), parse_mounts(mounts_text))
        if found is None:
            return None
        fstype = found[1].lower()
        return fstype if fstype in NETWORK_FSTYPES or fstype.startswith(("nfs", "smb")) else None
    if platform == "darwin":  # pragma: no cover - macOS only
        return _mac_share(_existing(Path(path)))
    return None


def _windows_share(path: Path) -> str | None:  # pragma: no cover - Windows only
    text = str(path)
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return "UNC"
    try:
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if not drive:
            return None
        kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")
        return "network drive" if kind == 4 else None  # DRIVE_REMOTE
    except (OSError, AttributeError, ValueError):
        return None


def _mac_share(path: Path) -> str | None:  # pragma: no cover - macOS only
    """statfs's MNT_LOCAL flag and file system name (smbfs, nfs, afpfs, webdav...)."""
    try:
        import ctypes
        import ctypes.util

        class StatFs(ctypes.Structure):
            _fields_ = [
                ("f_bsize", ctypes.c_uint32),
                ("f_iosize", ctypes.c_int32),
                ("f_blocks", ctypes.c_uint64),
                ("f_bfree", ctypes.c_uint64),
                ("f_bavail", ctypes.c_uint64),
                ("f_files", ctypes.c_uint64),
                ("f_ffree", ctypes.c_uint64),
                ("f_fsid", ctypes.c_int32 * 2),
                ("f_owner", ctypes.c_uint32),
                ("f_type", ctypes.c_uint32),
                ("f_flags", ctypes.c_uint32),
                ("f_fssubtype", ctypes.c_uint32),
                ("f_fstypename", ctypes.c_char * 16),
                ("f_mntonname", ctypes.c_char * 1024),
                ("f_mntfromname", ctypes.c_char * 1024),
                ("f_reserved", ctypes.c_uint32 * 8),
            ]

        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        statfs = getattr(libc, "statfs$INODE64", None) or libc.statfs
        buffer = StatFs()
        if statfs(os.fsencode(str(path)), ctypes.byref(buffer)) != 0:
            return None
        name = buffer.f_fstypename.decode(errors="replace")
        local = bool(buffer.f_flags & 0x00001000)  # MNT_LOCAL
        return None if local else (name or "network")
    except (OSError, AttributeError, ValueError):
        return None
