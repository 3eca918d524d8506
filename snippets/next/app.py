# app.py: a first program that uses a package from the venv.
import requests

print("requests", requests.__version__)
