#!/usr/bin/env bash
# `make run`: the web server and a background worker side by side, so that the embedded
# default runs long work (letters, badges, lists, documents) the way production does, where
# each is its own service (docs/background-jobs.md). Ctrl-C stops both: the server at once,
# the worker once the job in hand is finished (Ctrl-C again stops it at once; the job is then
# resumed at the next start). If either stops by itself, the other is stopped too.
#
#   scripts/serve-with-worker.sh [arguments of `tripartite serve`]
set -u
TP=${TP:-.venv/bin/tripartite}
# Each in its own session, so that Ctrl-C reaches only this script, which passes on one
# signal at a time (the worker takes a second one as "stop now").
# (setsid runs the program in the same process: $! is the program's.)
SETSID=$(command -v setsid || true)

$SETSID "$TP" worker &
worker=$!
$SETSID "$TP" serve "$@" &
server=$!

signals=0
stop() {
    signals=$((signals + 1))
    if [ "$signals" -eq 1 ]; then
        echo "Stopping the web server, and the worker once its job in hand is done" \
             "(Ctrl-C again to stop it now)." >&2
        kill -TERM "$server" "$worker" 2>/dev/null
    else
        kill -TERM "$worker" 2>/dev/null
    fi
}
trap stop INT TERM

alive() { kill -0 "$1" 2>/dev/null; }
# Until one of them ends (a trapped signal also ends the wait: loop again).
while alive "$server" && alive "$worker"; do
    wait -n "$server" "$worker" 2>/dev/null
done
status=0
if [ "$signals" -eq 0 ]; then  # one of them stopped by itself: stop the other
    status=1
    alive "$server" && echo "The worker stopped: stopping the web server." >&2
    alive "$worker" && echo "The web server stopped: stopping the worker." >&2
    stop
fi
while alive "$server" || alive "$worker"; do
    wait "$server" "$worker" 2>/dev/null
done
exit "$status"
