# When something goes wrong: commands for fish.
# --8<-- [start:run-activate]
.venv/bin/activate.fish
# --8<-- [end:run-activate]
