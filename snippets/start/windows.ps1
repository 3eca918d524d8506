# Before you start: get Python and check it, on Windows (same text in PowerShell, cmd and Git Bash).
# --8<-- [start:install-python]
py install 3.14
# --8<-- [end:install-python]
# --8<-- [start:list]
py list
# --8<-- [end:list]
# --8<-- [start:list-legacy]
py --list-paths
# --8<-- [end:list-legacy]
# --8<-- [start:check]
py --version
# --8<-- [end:check]
