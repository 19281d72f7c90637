"""The Excel template of a delegation (``template``) and the reading of a filled one
(``reading``); the import itself, a write, is ``services.imports``."""
