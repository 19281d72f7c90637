"""Every write of the correspondence, by what it is about (no names are gathered here: callers
import the module they need):

- ``templates``: the register's settings, letter templates and their versions, the starter set,
  the address book;
- ``batches``: mail-merge batches: create, correct, generate (Word, then PDF), preview;
- ``sending``: sending a batch by e-mail, resumable;
- ``replies``: a letter's status, the replies received, reminders to those who have not replied.

Generation is all-or-nothing: the references, the Word files and the letters of a batch are
made in one transaction, which also holds the lock on the reference counter, so a failure
part-way leaves no letter and no used number. PDF files are made afterwards (LibreOffice may
be missing: the batch then says so and its Word letters stand). Sending commits each letter's
``sent_at`` as soon as its message is handed to the mail server, so a batch interrupted
part-way is resumed by sending only the letters not yet sent.
"""
