# label: vulnerable
# A worker unpickles task messages received from a TCP socket.
import pickle
import socket


def worker(port=7000):
    sock = socket.create_connection(("queue.internal", port))
    while True:
        size = int.from_bytes(sock.recv(4), "big")
        payload = sock.recv(size)
        task = pickle.loads(payload)
        task.run()


if __name__ == "__main__":
    worker()
