# What comes next: commands for Git Bash on Windows.
# shellcheck shell=bash
# --8<-- [start:run-direct]
.venv/Scripts/python app.py
# --8<-- [end:run-direct]
