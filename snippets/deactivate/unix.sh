# Deactivate page: delete and recreate on macOS and Linux (same text in every shell).
# shellcheck shell=sh
# --8<-- [start:delete]
rm -rf .venv
# --8<-- [end:delete]
# --8<-- [start:recreate]
python3 -m venv .venv
.venv/bin/python -m pip install -r requirements.txt
# --8<-- [end:recreate]
