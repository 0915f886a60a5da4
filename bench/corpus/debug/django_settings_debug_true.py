# label: vulnerable
# A production Django settings module has DEBUG = True, leaking stack traces and settings.
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = True
ALLOWED_HOSTS = ["www.example.com"]
ROOT_URLCONF = "site.urls"
