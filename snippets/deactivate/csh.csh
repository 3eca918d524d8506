# Deactivate page: commands for csh and tcsh.
# --8<-- [start:deactivate]
deactivate
# --8<-- [end:deactivate]
# --8<-- [start:check]
which python3
# --8<-- [end:check]
