"""Every write of registration, one module per section (each function checks the actor's
permission, runs in one transaction and writes the action log; a refusal is a
``ServiceError`` with a message for the user, and changes nothing):

- ``desk``: registrations (from the credentials, or by hand), identity, badges;
- ``photos``: the participant's photo, once processed (``registration.photos``);
- ``checkin``: a badge scanned at a door, its answer and the door log;
- ``departures``: notified departures and the session's quorum practice.

Reads are in ``registration.selectors`` (the desk) and ``registration.attendance`` (the doors).
"""
