# Create page: make a virtual environment on Windows (same text in PowerShell, cmd and Git Bash).
# --8<-- [start:create]
py -m venv .venv
# --8<-- [end:create]
# --8<-- [start:version]
py -3.14 -m venv .venv
# --8<-- [end:version]
# --8<-- [start:project]
mkdir project
cd project
# --8<-- [end:project]
