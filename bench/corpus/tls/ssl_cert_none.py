# label: vulnerable
# A client SSL context turns off hostname checking and sets verify_mode to CERT_NONE.
import socket
import ssl


def open_channel(host: str, port: int = 8443) -> ssl.SSLSocket:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx.wrap_socket(socket.create_connection((host, port)), server_hostname=host)
