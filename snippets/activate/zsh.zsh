# Activate page: commands for zsh (macOS and Linux).
# --8<-- [start:activate]
source .venv/bin/activate
# --8<-- [end:activate]
# --8<-- [start:check]
which python
# --8<-- [end:check]
# --8<-- [start:direct]
.venv/bin/python -c "import sys; print(sys.prefix)"
# --8<-- [end:direct]
