# label: safe
# The Django settings module keeps DEBUG = False.
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["www.example.com"]
ROOT_URLCONF = "site.urls"
