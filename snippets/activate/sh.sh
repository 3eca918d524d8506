# Activate page: commands for POSIX sh (dash, ksh, mksh).
# shellcheck shell=sh
# --8<-- [start:activate]
. .venv/bin/activate
# --8<-- [end:activate]
# --8<-- [start:check]
command -v python
# --8<-- [end:check]
# --8<-- [start:direct]
.venv/bin/python -c "import sys; print(sys.prefix)"
# --8<-- [end:direct]
