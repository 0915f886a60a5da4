# label: safe
# A PROTOCOL_TLS_CLIENT context with minimum_version TLS 1.2 and default verification.
import socket
import ssl


def connect(host: str):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_default_certs()
    return ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
