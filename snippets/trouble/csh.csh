# When something goes wrong: commands for csh and tcsh.
# --8<-- [start:run-activate]
.venv/bin/activate.csh
# --8<-- [end:run-activate]
