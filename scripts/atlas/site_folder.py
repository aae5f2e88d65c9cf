"""site/ on disk: built in a staging folder beside it, made readable, swapped in whole.

- A build writes into `.site-staging-<pid>-…` next to site/; only a finished build replaces
  site/ (two renames), so a reader or a web server never sees half a site.
- A build that fails or is interrupted removes its staging folder; one killed outright
  (SIGKILL, a power cut) leaves it behind, and the next build removes every staging folder
  whose process is gone.
- The published tree is readable by any user: folders 0755, files 0644 (a staging folder
  from `tempfile.mkdtemp` is 0700, which a web server running as another user cannot read).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

FOLDER_MODE = 0o755
FILE_MODE = 0o644


def _staging_prefix(site: Path) -> str:
    return f".{site.name}-staging-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # PermissionError: someone else's process, alive
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def remove_stale_staging(site: Path) -> list[Path]:
    """Remove the staging folders of builds whose process is gone; the ones removed."""
    removed = []
    if not site.parent.is_dir():
        return removed
    for folder in site.parent.glob(_staging_prefix(site) + "*"):
        pid_text = folder.name.removeprefix(_staging_prefix(site)).split("-", 1)[0]
        if pid_text.isdigit() and _alive(int(pid_text)) and int(pid_text) != os.getpid():
            continue  # a build running now, in another process
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
    return removed


def new_staging(site: Path) -> Path:
    """A fresh staging folder beside site/, named after this process."""
    site.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(site)
    prefix = f"{_staging_prefix(site)}{os.getpid()}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=site.parent))


def make_readable(tree: Path) -> None:
    """Folders 0755 and files 0644 throughout `tree`, whatever the umask was (symbolic links
    are left alone: what they point at is not the site's to change)."""
    os.chmod(tree, FOLDER_MODE)
    folders = [str(tree)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    continue
                if entry.is_dir():
                    os.chmod(entry.path, FOLDER_MODE)
                    folders.append(entry.path)
                else:
                    os.chmod(entry.path, FILE_MODE)


def link_or_copy(source: str, target: str) -> str:
    """A file of the build's work folder put into the site as a hard link to it (the
    downloads, 1.2 GB at 100× our data, are not written twice), or copied where the link
    cannot be made (another file system) or the target exists. The work folder's writers
    remove their folder before writing, so the site's file is never changed through it."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target


def swap_in(staging: Path, site: Path) -> None:
    """Put a finished build in place of site/ (two renames; the old one goes last)."""
    make_readable(staging)
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
