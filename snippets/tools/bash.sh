# Other tools: commands for bash (Linux and macOS).
# shellcheck shell=bash
# --8<-- [start:poetry-eval]
eval "$(poetry env activate)"
# --8<-- [end:poetry-eval]
