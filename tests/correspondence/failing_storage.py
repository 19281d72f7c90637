"""A file storage that takes a given number of files, then fails (for the tests of a
mail-merge interrupted half-way), like a disk gone full or a worker killed."""

from django.core.files.storage import FileSystemStorage


class WorkerKilled(BaseException):  # noqa: N818 - named after what it stands for
    """The process died here: no ``except Exception`` of the application runs, as under
    SIGKILL; the database rolls the open transaction back when the connection drops."""


class DyingAfter(FileSystemStorage):
    accept = 1  # files taken before failing; set by the test
    failure: type[BaseException] = OSError  # set by the test
    taken = 0

    def _save(self, name, content):
        if type(self).taken >= type(self).accept:
            raise type(self).failure("No space left on device")
        type(self).taken += 1
        return super()._save(name, content)
