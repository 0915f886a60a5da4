# label: vulnerable
# A URL from sys.argv is requested with urllib3 by a service-side health checker script.
import sys

import urllib3


def check(url):
    http = urllib3.PoolManager()
    return http.request("GET", url, timeout=2.0).status


if __name__ == "__main__":
    print(check(sys.argv[1]))
