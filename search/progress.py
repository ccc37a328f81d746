"""The progress bar of long commands (import, rebuild, sync)."""

from functools import partial

from tqdm import tqdm


class _Bar(tqdm):
    # tqdm's monitor thread only tunes refresh; a process with a thread never forks the
    # analysis workers (search.parallel.can_fork), so a bar would make the work serial.
    monitor_interval = 0


def progress_bar(desc, unit, *, total=None, disable=False):
    """A function wrapping an iterable in a Thai progress bar on stderr."""
    return partial(_Bar, desc=desc, unit=unit, total=total, disable=disable)
