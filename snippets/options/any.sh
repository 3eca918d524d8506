# Options of venv: with the venv active, the same text in every shell on every OS.
# shellcheck shell=sh
# --8<-- [start:ensurepip]
python -m ensurepip --default-pip
# --8<-- [end:ensurepip]
