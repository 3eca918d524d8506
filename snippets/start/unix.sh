# Before you start: get Python and check it, on macOS and Linux (same text in every shell).
# shellcheck shell=sh
# --8<-- [start:apt]
sudo apt update
sudo apt install -y python3 python3-venv python3-pip
# --8<-- [end:apt]
# --8<-- [start:dnf]
sudo dnf install -y python3 python3-pip
# --8<-- [end:dnf]
# --8<-- [start:brew]
brew install python
# --8<-- [end:brew]
# --8<-- [start:check]
python3 --version
# --8<-- [end:check]
