# Deactivate page: commands for PowerShell on Windows.
# --8<-- [start:deactivate]
deactivate
# --8<-- [end:deactivate]
# --8<-- [start:check]
(Get-Command python).Source
# --8<-- [end:check]
# --8<-- [start:delete]
Remove-Item -Recurse -Force .venv
# --8<-- [end:delete]
# --8<-- [start:recreate]
py -m venv .venv
.venv\Scripts\python.exe -m pip install -r requirements.txt
# --8<-- [end:recreate]
