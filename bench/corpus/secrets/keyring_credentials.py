# label: safe
# The database password is fetched from the OS keyring at run time.
import keyring
import psycopg2


def get_connection():
    password = keyring.get_password("orders-db", "orders_app")
    return psycopg2.connect(host="db.prod.internal", dbname="orders", user="orders_app", password=password)
