REM Deactivate page: commands for cmd.exe on Windows.
REM --8<-- [start:deactivate]
deactivate
REM --8<-- [end:deactivate]
REM --8<-- [start:check]
where python
REM --8<-- [end:check]
REM --8<-- [start:delete]
rmdir /s /q .venv
REM --8<-- [end:delete]
REM --8<-- [start:recreate]
py -m venv .venv
.venv\Scripts\python.exe -m pip install -r requirements.txt
REM --8<-- [end:recreate]
