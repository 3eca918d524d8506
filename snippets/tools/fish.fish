# Other tools: commands for fish.
# --8<-- [start:poetry-eval]
eval (poetry env activate)
# --8<-- [end:poetry-eval]
