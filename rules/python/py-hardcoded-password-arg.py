"""Nightly jobs: export from Postgres, mail the report, upload over FTP."""

import ftplib
import os
import smtplib

import mysql.connector
import psycopg2
import requests
from requests.auth import HTTPBasicAuth

from .settings import REPORT_HOST


def export_rows():
    # ruleid: py-hardcoded-password-arg
    conn = psycopg2.connect(host="db.internal", dbname="app", user="report", password="R3p0rt!2024")
    with conn.cursor() as cur:
        cur.execute("SELECT id, total FROM orders WHERE day = current_date")
        return cur.fetchall()


def legacy_export():
    # ruleid: py-hardcoded-password-arg
    conn = psycopg2.connect("host=db.internal dbname=app user=report password=R3p0rt!2024")
    return conn


def mail_report(body):
    with smtplib.SMTP("smtp.example.com", 587) as smtp:
        smtp.starttls()
        # ruleid: py-hardcoded-password-arg
        smtp.login("reports@example.com", "mail-pass-123")
        smtp.sendmail("reports@example.com", ["ops@example.com"], body)


def upload(path):
    # ruleid: py-hardcoded-password-arg
    ftp = ftplib.FTP(REPORT_HOST, "uploader", "ftp-secret")
    with open(path, "rb") as fh:
        ftp.storbinary("STOR report.csv", fh)


def post_status(status):
    # ruleid: py-hardcoded-password-arg
    return requests.post("https://status.example.com/api", json=status, auth=("bot", "b0t-p4ss"), timeout=5)


def fetch_metrics():
    # ruleid: py-hardcoded-password-arg
    return requests.get("https://metrics.example.com", auth=HTTPBasicAuth("grafana", "gr4f4n4"), timeout=5)


def analytics_db():
    # ruleid: py-hardcoded-password-arg
    return mysql.connector.connect(host="analytics", user="etl", passwd="etl-2024", database="events")


def github_client(Github):
    # ruleid: py-hardcoded-password-arg
    return Github(login_or_token="x", token="ghs_live_token_value_here_0123456789")


# --- safe look-alikes -------------------------------------------------------


def export_rows_safe():
    # ok: py-hardcoded-password-arg
    conn = psycopg2.connect(host="db.internal", dbname="app", user="report", password=os.environ["REPORT_DB_PASSWORD"])
    return conn


def mail_report_safe(body):
    with smtplib.SMTP("smtp.example.com", 587) as smtp:
        smtp.starttls()
        # ok: py-hardcoded-password-arg
        smtp.login("reports@example.com", os.environ["SMTP_PASSWORD"])
        smtp.sendmail("reports@example.com", ["ops@example.com"], body)


def post_status_safe(status):
    # ok: py-hardcoded-password-arg
    return requests.post("https://status.example.com/api", json=status, auth=("bot", os.environ["BOT_PASSWORD"]), timeout=5)


def legacy_export_safe():
    # ok: py-hardcoded-password-arg
    return psycopg2.connect("host=db.internal dbname=app user=report")


def render_login(render):
    # ok: py-hardcoded-password-arg
    return render("login.html", password_label="Password", password_hint="at least 12 characters")


def empty_default(connect):
    # ok: py-hardcoded-password-arg
    return connect(host="localhost", password="")


def secret_reference(client):
    # ok: py-hardcoded-password-arg
    return client.get_secret_value(secret_arn="arn:aws:secretsmanager:eu-west-1:123456789012:secret:db", version_stage="AWSCURRENT")


def templated(connect):
    # ok: py-hardcoded-password-arg
    return connect(host="localhost", password="${DB_PASSWORD}")
