"""Build hook: the wheel carries the French and Spanish catalogues compiled (.mo files).

The .mo files are not committed (they are build products of the .po files translators edit,
and would drift from them); `make install` compiles them in a checkout, and this compiles them
into every wheel or sdist build, so that a server that installs the wheel is translated.
Everything else is declared in pyproject.toml.
"""

from pathlib import Path

import polib
from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogues(build_py):
    def run(self):
        super().run()
        for po_file in sorted(Path(self.build_lib).glob("tripartite/locale/*/LC_MESSAGES/*.po")):
            polib.pofile(str(po_file)).save_as_mofile(str(po_file.with_suffix(".mo")))


setup(cmdclass={"build_py": BuildWithCatalogues})
