# Deactivate page: commands for Git Bash on Windows.
# shellcheck shell=bash
# --8<-- [start:deactivate]
deactivate
# --8<-- [end:deactivate]
# --8<-- [start:check]
which python
# --8<-- [end:check]
# --8<-- [start:delete]
rm -rf .venv
# --8<-- [end:delete]
# --8<-- [start:recreate]
py -m venv .venv
.venv/Scripts/python -m pip install -r requirements.txt
# --8<-- [end:recreate]
