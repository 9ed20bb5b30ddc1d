"""Finding input files: one rule for the articles `build` and `extract` read and the shards `load` reads.

A path named is taken as it is; a folder is searched recursively, in a
stable order, for files with the given suffixes.
"""
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

# A file or folder that could not be read, and why: reported, never passed over in silence.
Unlisted = list[tuple[Path, str]]


def find_files(paths: Sequence[str | Path], suffixes: tuple[str, ...], unlisted: Unlisted | None = None,
               follow_links: bool = False) -> list[Path]:
    """Files named directly, plus every file ending in one of ``suffixes`` under named folders, in a stable order.

    A folder that cannot be listed is appended to ``unlisted`` as (path,
    reason) instead of being passed over in silence, as ``Path.rglob`` would.
    Symbolic links to folders are not followed, so a link loop cannot recurse;
    a link inside a folder to a file outside every named folder is refused
    too (it could publish /etc/shadow) unless ``follow_links``.
    """
    unlisted = [] if unlisted is None else unlisted
    roots = [os.path.realpath(path) for path in paths if os.path.isdir(path)]
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(walk(path, suffixes, unlisted, None if follow_links else roots)))
        else:
            found.append(path)
    return found


def walk(folder: Path, suffixes: tuple[str, ...], unlisted: Unlisted, roots: list[str] | None = None) -> Iterator[Path]:
    """Files ending in ``suffixes`` under ``folder``; folders that cannot be listed, and links that leave
    ``roots``, go into ``unlisted``."""
    def listing_failed(error: OSError) -> None:
        unlisted.append((Path(error.filename), f"folder cannot be listed: {error.strerror or error}"))

    for parent, _, names in os.walk(folder, onerror=listing_failed):
        for name in names:
            path = Path(parent, name)
            if path.suffix.lower() not in suffixes:
                continue
            if roots is not None and path.is_symlink() and not within(os.path.realpath(path), roots):
                unlisted.append((path, "a symbolic link to a file outside the input folders "
                                       "(--follow-links reads it)"))
                continue
            yield path


def within(path: str, roots: list[str]) -> bool:
    """True when ``path`` is one of ``roots`` or inside one of them (all absolute)."""
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
