# What comes next: commands for an active venv, the same text in every shell on every OS.
# shellcheck shell=sh
# --8<-- [start:run-app]
python app.py
# --8<-- [end:run-app]
# --8<-- [start:outdated]
python -m pip list --outdated
# --8<-- [end:outdated]
# --8<-- [start:upgrade]
python -m pip install --upgrade requests
# --8<-- [end:upgrade]
# --8<-- [start:upgrade-pip]
python -m pip install --upgrade pip
# --8<-- [end:upgrade-pip]
# --8<-- [start:ipykernel]
python -m pip install ipykernel
# --8<-- [end:ipykernel]
# --8<-- [start:kernel]
python -m ipykernel install --user --name project --display-name "Python (project)"
# --8<-- [end:kernel]
# --8<-- [start:kernelspec]
jupyter kernelspec list
# --8<-- [end:kernelspec]
