# When something goes wrong: commands for bash (Linux and macOS).
# shellcheck shell=bash disable=SC1091
# --8<-- [start:run-activate]
.venv/bin/activate
# --8<-- [end:run-activate]
