#!/usr/bin/env bash
# A production-shaped cluster on loopback (scripts/cluster.py says what it starts):
#   scripts/cluster.sh up | down | test [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python scripts/cluster.py "$@"
