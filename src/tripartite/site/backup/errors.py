class BackupError(Exception):
    """A backup or restore cannot go ahead; the message says why in one line."""
