# label: vulnerable
# An API bearer token literal is embedded in the Authorization header of a client helper.
import requests

API_TOKEN = "ghp_4Fq9ZkR2mV8xTn1LwPc7Ys3Hd6Ju0Ea5Bb2N"


def list_repos(org):
    headers = {"Authorization": f"Bearer {API_TOKEN}", "Accept": "application/vnd.github+json"}
    return requests.get(f"https://api.github.com/orgs/{org}/repos", headers=headers, timeout=10).json()
