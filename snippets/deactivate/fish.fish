# Deactivate page: commands for fish.
# --8<-- [start:deactivate]
deactivate
# --8<-- [end:deactivate]
# --8<-- [start:check]
command -v python3
# --8<-- [end:check]
