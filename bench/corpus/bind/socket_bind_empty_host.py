# label: vulnerable
# Binding to the empty host string listens on all IPv4 interfaces.
import socket

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("", 5353))

while True:
    data, addr = sock.recvfrom(512)
    sock.sendto(data.upper(), addr)
