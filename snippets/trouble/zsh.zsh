# When something goes wrong: commands for zsh (macOS and Linux).
# --8<-- [start:run-activate]
.venv/bin/activate
# --8<-- [end:run-activate]
