# label: vulnerable
# A metrics socket server binds to 0.0.0.0.
import socket


def serve_metrics(port=9100):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("0.0.0.0", port))
    srv.listen(5)
    while True:
        conn, _ = srv.accept()
        conn.sendall(b"requests_total 42\n")
        conn.close()
