# app.py: a first program that uses a package from the venv.
# --8<-- [start:app]
import requests

print("requests", requests.__version__)
# --8<-- [end:app]
