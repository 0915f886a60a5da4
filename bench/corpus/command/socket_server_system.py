# label: vulnerable
# Bytes received from a network socket are decoded and passed to os.system as part of a command.
import os
import socket


def serve(port=5050):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", port))
    srv.listen(1)
    while True:
        conn, _ = srv.accept()
        service = conn.recv(256).decode().strip()
        os.system("systemctl restart " + service)
        conn.sendall(b"ok\n")
        conn.close()


if __name__ == "__main__":
    serve()
