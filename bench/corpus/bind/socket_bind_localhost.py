# label: safe
# The metrics socket binds to "localhost".
import socket


def serve_metrics(port=9100):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("localhost", port))
    srv.listen(5)
    while True:
        conn, _ = srv.accept()
        conn.sendall(b"requests_total 42\n")
        conn.close()
