import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = os.getenv("DJANGO_DEBUG") == "1"
ROOT_URLCONF = "site_cfg.urls"
INSTALLED_APPS = ["shop"]
