REM What comes next: commands for cmd.exe on Windows.
REM --8<-- [start:run-direct]
.venv\Scripts\python.exe app.py
REM --8<-- [end:run-direct]
