#!/usr/bin/env bash
# Runs a command with Node >= 22.12 on PATH (see env.sh). npm scripts go through it, so
# `npm run start:web` works the same on a machine whose system Node is older.
set -euo pipefail
source "$(dirname "$0")/env.sh"
exec "$@"
