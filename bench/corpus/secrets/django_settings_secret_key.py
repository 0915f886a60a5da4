# label: vulnerable
# A Django settings module hard-codes SECRET_KEY.
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET_KEY = "django-insecure-7x!q#m2v@k9z$w4r^t8y&u1i*o0p(l3j)h6g"
DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
