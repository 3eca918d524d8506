# Activate page: commands for PowerShell on Windows.
# --8<-- [start:activate]
.venv\Scripts\Activate.ps1
# --8<-- [end:activate]
# --8<-- [start:check]
(Get-Command python).Source
# --8<-- [end:check]
# --8<-- [start:direct]
.venv\Scripts\python.exe -c "import sys; print(sys.prefix)"
# --8<-- [end:direct]
# --8<-- [start:policy-process]
Set-ExecutionPolicy -ExecutionPolicy RemoteSigned -Scope Process -Force
# --8<-- [end:policy-process]
# --8<-- [start:policy-user]
Set-ExecutionPolicy -ExecutionPolicy RemoteSigned -Scope CurrentUser
# --8<-- [end:policy-user]
