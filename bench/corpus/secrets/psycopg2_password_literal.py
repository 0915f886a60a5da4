# label: vulnerable
# The database password is passed as a literal to psycopg2.connect.
import psycopg2


def get_connection():
    return psycopg2.connect(host="db.prod.internal", dbname="orders", user="orders_app",
                            password="Orders#2023!prod")
