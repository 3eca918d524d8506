# What comes next: commands for PowerShell on Windows.
# --8<-- [start:run-direct]
.venv\Scripts\python.exe app.py
# --8<-- [end:run-direct]
