# Deactivate page: commands for POSIX sh (dash, ksh, mksh).
# shellcheck shell=sh
# --8<-- [start:deactivate]
deactivate
# --8<-- [end:deactivate]
# --8<-- [start:check]
command -v python3
# --8<-- [end:check]
