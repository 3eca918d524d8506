# Activate page: commands for Git Bash on Windows.
# shellcheck shell=bash
# --8<-- [start:activate]
source .venv/Scripts/activate
# --8<-- [end:activate]
# --8<-- [start:check]
which python
# --8<-- [end:check]
# --8<-- [start:direct]
.venv/Scripts/python -c "import sys; print(sys.prefix)"
# --8<-- [end:direct]
