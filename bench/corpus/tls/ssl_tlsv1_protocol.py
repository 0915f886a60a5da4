# label: vulnerable
# An SSLContext pinned to the obsolete TLS 1.0 protocol is used for the connection.
import socket
import ssl


def legacy_connect(host: str):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    ctx.load_default_certs()
    return ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
