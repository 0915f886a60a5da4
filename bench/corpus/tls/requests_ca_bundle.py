# label: safe
# verify points to a corporate CA bundle, so certificates are still validated.
import requests

session = requests.Session()
session.verify = "/etc/ssl/certs/corp-root-ca.pem"


def get_employee(emp_id: int) -> dict:
    return session.get(f"https://hr.corp.example.com/api/employees/{emp_id}", timeout=5).json()
