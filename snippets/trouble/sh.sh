# When something goes wrong: commands for POSIX sh (dash, ksh, mksh).
# shellcheck shell=sh disable=SC3046
# --8<-- [start:run-activate]
.venv/bin/activate
# --8<-- [end:run-activate]
# --8<-- [start:source]
source .venv/bin/activate
# --8<-- [end:source]
