# label: safe
# Django's SECRET_KEY and the database password come from environment variables.
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "orders",
        "USER": "orders_app",
        "PASSWORD": os.getenv("DB_PASSWORD"),
        "HOST": "db.prod.internal",
    }
}
