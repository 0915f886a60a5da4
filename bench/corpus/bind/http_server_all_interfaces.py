# label: vulnerable
# A standard-library HTTPServer is bound to 0.0.0.0 through a module-level constant.
from http.server import HTTPServer, SimpleHTTPRequestHandler

LISTEN = ("0.0.0.0", 8080)


def main():
    HTTPServer(LISTEN, SimpleHTTPRequestHandler).serve_forever()


if __name__ == "__main__":
    main()
