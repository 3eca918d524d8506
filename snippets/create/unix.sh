# Create page: make a virtual environment on macOS and Linux (same text in every shell).
# shellcheck shell=sh
# --8<-- [start:create]
python3 -m venv .venv
# --8<-- [end:create]
# --8<-- [start:version]
python3.14 -m venv .venv
# --8<-- [end:version]
# --8<-- [start:project]
mkdir project
cd project
# --8<-- [end:project]
