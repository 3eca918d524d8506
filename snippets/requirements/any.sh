# Your project's requirements: pip commands for an active venv, the same text in every shell on every OS.
# shellcheck shell=sh
# --8<-- [start:install-e]
python -m pip install -e .
# --8<-- [end:install-e]
# --8<-- [start:group]
python -m pip install --group dev
# --8<-- [end:group]
# --8<-- [start:lock]
python -m pip lock -e .
# --8<-- [end:lock]
