# When something goes wrong: pip commands, the same text in every shell on every OS.
# shellcheck shell=sh
# --8<-- [start:pip-venv]
python -m pip install venv
# --8<-- [end:pip-venv]
