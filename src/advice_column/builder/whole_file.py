"""Files the tool writes into a column are written whole or not at all, and never through a link.

An entry cut short by a full disk would pass `advice check` and then look like the author's own
edit. So a file is written under a temporary name in its own folder, flushed to the disk, and
only then given its name: linked to it when the name must be new (nothing that holds the name,
a dangling link included, is ever replaced), or renamed over it when an existing regular file
is to be replaced. The folders below the column's root are opened without following links, so
a link committed in place of ``qa/2026`` cannot send an entry elsewhere.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from contextlib import suppress
from pathlib import Path, PurePosixPath

TEMPORARY_PREFIX = ".advice-writing-"  # not *.md: a file left by a killed process is no entry
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS}  # FAT and a few network file systems


def write_whole_file(root: Path, rel: str, data: str | bytes, *, replace: bool = False) -> None:
    """Write ``root/rel`` whole, or leave it as it was and raise OSError.

    Without ``replace`` the file must be new: FileExistsError when anything has its name.
    With it, a regular file of that name is replaced; a link or folder there is an error.
    """
    content = data.encode("utf-8") if isinstance(data, str) else data
    *folders, name = _parts(rel)
    try:
        _write(root, folders, name, content, replace, rel)
    except OSError as error:
        error.filename, error.filename2 = rel, None  # not the temporary name: the file meant
        raise


def _write(root: Path, folders: list[str], name: str, content: bytes, replace: bool, rel: str) -> None:
    folder = _open_folders(root, folders, rel)
    try:
        temporary = _write_temporary(folder, content)
        try:
            if replace:
                _check_replaceable(folder, name, rel)
                os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
            else:
                _link_new(folder, temporary, name)
        finally:
            with suppress(FileNotFoundError):
                os.unlink(temporary, dir_fd=folder)
        os.fsync(folder)  # the new name itself survives a power cut
    finally:
        os.close(folder)


def _parts(rel: str) -> tuple[str, ...]:
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or {"..", "."} & set(parts):
        raise ValueError(f"not a path inside the column: {rel!r}")
    return parts


def _open_folders(root: Path, folders: list[str], rel: str) -> int:
    """The innermost folder of ``rel``, made when missing, reached without following a link."""
    fd = os.open(root, _FOLDER)
    for part in folders:
        try:
            with suppress(FileExistsError):
                os.mkdir(part, dir_fd=fd)
            inner = os.open(part, _FOLDER | os.O_NOFOLLOW, dir_fd=fd)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.ENOTDIR):
                error = OSError(error.errno, f"{part} is a link or a file, not a folder", rel)
            raise error from None
        finally:
            os.close(fd)
        fd = inner
    return fd


def _write_temporary(folder: int, content: bytes) -> str:
    """A new file in ``folder`` holding ``content``, flushed to the disk; its name."""
    while True:
        name = f"{TEMPORARY_PREFIX}{secrets.token_hex(8)}"
        with suppress(FileExistsError):
            fd = os.open(name, _NEW, 0o666, dir_fd=folder)  # the umask decides, as for any file
            break
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(name, dir_fd=folder)
        raise
    os.close(fd)
    return name


def _link_new(folder: int, temporary: str, name: str) -> None:
    """Give the written file its name only if nothing has it (a hard link fails when it exists)."""
    try:
        os.link(temporary, name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here: claim the name with an empty file (`advice check` refuses an empty
        # entry, QA001), then put the whole file in its place.
        os.close(os.open(name, _NEW, 0o666, dir_fd=folder))
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)


def _check_replaceable(folder: int, name: str, rel: str) -> None:
    try:
        mode = os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise OSError(errno.EEXIST, "it is a link or a folder, not a file; left as it is", rel)
