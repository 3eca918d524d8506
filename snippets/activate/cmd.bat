REM Activate page: commands for cmd.exe on Windows.
REM --8<-- [start:activate]
.venv\Scripts\activate.bat
REM --8<-- [end:activate]
REM --8<-- [start:check]
where python
REM --8<-- [end:check]
REM --8<-- [start:direct]
.venv\Scripts\python.exe -c "import sys; print(sys.prefix)"
REM --8<-- [end:direct]
