"""Fetches a page over HTTPS (the box's certificate is its own, so it is not verified) until it
answers; prints the status line. Usage: https-get.py HOST PORT PATH TIMEOUT_SECONDS."""
import http.client
import ssl
import sys
import time

host, port, path, limit = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
started = time.monotonic()
while time.monotonic() - started < limit:
    try:
        connection = http.client.HTTPSConnection(host, port, timeout=5, context=context)
        connection.request("GET", path)
        response = connection.getresponse()
        print(f"HTTP {response.status} {response.reason}")
        sys.exit(0)
    except (OSError, http.client.HTTPException):
        time.sleep(2)
sys.exit(1)
