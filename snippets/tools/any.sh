# Other tools: uv, virtualenv, pipx, pipenv and Poetry, the same text in every shell on every OS.
# shellcheck shell=sh
# --8<-- [start:uv-venv]
uv venv
# --8<-- [end:uv-venv]
# --8<-- [start:uv-install]
uv pip install requests
# --8<-- [end:uv-install]
# --8<-- [start:uv-clear]
uv venv --clear
# --8<-- [end:uv-clear]
# --8<-- [start:uv-seed]
uv venv --clear --seed
# --8<-- [end:uv-seed]
# --8<-- [start:uv-run]
uv run python app.py
# --8<-- [end:uv-run]
# --8<-- [start:virtualenv]
virtualenv .venv
# --8<-- [end:virtualenv]
# --8<-- [start:pipx-install]
pipx install cowsay
# --8<-- [end:pipx-install]
# --8<-- [start:pipx-app]
cowsay -t moo
# --8<-- [end:pipx-app]
# --8<-- [start:pipx-list]
pipx list --short
# --8<-- [end:pipx-list]
# --8<-- [start:pipx-uninstall]
pipx uninstall cowsay
# --8<-- [end:pipx-uninstall]
# --8<-- [start:pipenv-install]
pipenv install requests
# --8<-- [end:pipenv-install]
# --8<-- [start:pipenv-run]
pipenv run python app.py
# --8<-- [end:pipenv-run]
# --8<-- [start:pipenv-where]
pipenv --venv
# --8<-- [end:pipenv-where]
# --8<-- [start:poetry-install]
poetry install --no-root
# --8<-- [end:poetry-install]
# --8<-- [start:poetry-run]
poetry run python app.py
# --8<-- [end:poetry-run]
# --8<-- [start:poetry-where]
poetry env info --path
# --8<-- [end:poetry-where]
# --8<-- [start:poetry-shell]
poetry shell
# --8<-- [end:poetry-shell]
# --8<-- [start:poetry-activate]
poetry env activate
# --8<-- [end:poetry-activate]
# --8<-- [start:conda-create]
conda create --yes --name project python=3.13
# --8<-- [end:conda-create]
# --8<-- [start:conda-activate]
conda activate project
# --8<-- [end:conda-activate]
# --8<-- [start:conda-install]
conda install --yes requests
# --8<-- [end:conda-install]
# --8<-- [start:conda-deactivate]
conda deactivate
# --8<-- [end:conda-deactivate]
