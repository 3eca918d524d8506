# When something goes wrong: commands for POSIX sh (dash, ksh, mksh).
# shellcheck shell=sh
# --8<-- [start:run-activate]
.venv/bin/activate
# --8<-- [end:run-activate]
# The mistake this page shows: dash has no `source`.
# shellcheck disable=SC3046
# --8<-- [start:source]
source .venv/bin/activate
# --8<-- [end:source]
