# What comes next: commands on macOS and Linux (same text in every shell).
# shellcheck shell=sh
# --8<-- [start:run-direct]
.venv/bin/python app.py
# --8<-- [end:run-direct]
