"""Every write to delegations, one module per part of the procedure.

Callers import from the module that defines a service (``services.nominations``,
``services.credentials``, ``services.objections``, ``services.lists``, ``services.uploads``,
``services.settings``, ``services.imports``); this package exports nothing itself.
"""
