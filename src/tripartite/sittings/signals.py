"""What the sittings tell the floors above them, without importing them (docs/architecture.md).

``decision_recorded`` is sent by ``services.decision_record``, inside its transaction, each
time the Chair records (or changes) the decision on an item, with ``record`` (the
``ItemRecord``) and ``actor``. The library listens to it and keeps its copy of the decision
(``library.services.decision_from_record``): a receiver that fails rolls the console's
decision back with it, so the two never disagree.
"""

from django.dispatch import Signal

decision_recorded = Signal()
