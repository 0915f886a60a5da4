# label: safe
# The server binds to the IPv6 loopback address ::1.
import socket

sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
sock.bind(("::1", 5353))

while True:
    data, addr = sock.recvfrom(512)
    sock.sendto(data.upper(), addr)
