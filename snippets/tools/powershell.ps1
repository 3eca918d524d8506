# Other tools: commands for PowerShell on Windows.
# --8<-- [start:poetry-eval]
Invoke-Expression (poetry env activate)
# --8<-- [end:poetry-eval]
