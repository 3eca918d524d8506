# Other tools: commands for zsh (macOS and Linux).
# --8<-- [start:poetry-eval]
eval "$(poetry env activate)"
# --8<-- [end:poetry-eval]
