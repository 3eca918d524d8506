# When something goes wrong: fixes on Windows (same text in PowerShell, cmd and Git Bash).
# --8<-- [start:python-venv]
python -m venv .venv
# --8<-- [end:python-venv]
