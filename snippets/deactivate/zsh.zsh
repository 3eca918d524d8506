# Deactivate page: commands for zsh (macOS and Linux).
# --8<-- [start:deactivate]
deactivate
# --8<-- [end:deactivate]
# --8<-- [start:check]
which python3
# --8<-- [end:check]
