# Other tools: commands for csh and tcsh.
# --8<-- [start:poetry-eval]
source "`poetry env info --path`/bin/activate.csh"
# --8<-- [end:poetry-eval]
