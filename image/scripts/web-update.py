"""Talks to the box's web API as an admin would from a browser, for the boot test.

  web-update.py HOST PORT setup PASSWORD          runs the first-boot wizard (sets the admin password)
  web-update.py HOST PORT install PASSWORD FILE   logs in and installs an update bundle from the Firmware page
  web-update.py HOST PORT status PASSWORD         logs in and prints the Firmware page's status (JSON)

The box's certificate is its own, so it is not verified. Exits non-zero with the answer on error."""
import http.client
import http.cookies
import json
import os
import ssl
import sys

host, port, command, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
cookies = http.cookies.SimpleCookie()


def request(method, path, body=None, content_type="application/json", token=None, length=None):
    connection = http.client.HTTPSConnection(host, port, timeout=1800, context=context)
    headers = {"Cookie": "; ".join(f"{k}={v.value}" for k, v in cookies.items())}
    if content_type and body is not None:
        headers["Content-Type"] = content_type
    if token:
        headers["X-CSRF-TOKEN"] = token
    if length is not None:
        headers["Content-Length"] = str(length)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    text = response.read().decode("utf-8", "replace")
    return response.status, text


def token():
    status, text = request("GET", "/api/csrf")
    if status != 200:
        sys.exit(f"web-update: /api/csrf answered {status}: {text}")
    return json.loads(text)["token"]


def post_json(path, value):
    return request("POST", path, json.dumps(value), token=token())


if command == "setup":
    status, text = post_json("/api/setup", {
        "adminPassword": password, "adminPasswordRepeat": password, "timeZone": "UTC",
        "trunkName": "carrier", "trunkAddress": "192.0.2.1", "extensions": "1001",
        "extensionPassword": "bench-1001-secret", "queueName": "sales", "did": "100"})
    if status != 200:
        sys.exit(f"web-update: the setup wizard answered {status}: {text}")
    print("setup done")
    sys.exit(0)

status, text = post_json("/api/login", {"name": "admin", "password": password})
if status != 200:
    sys.exit(f"web-update: login answered {status}: {text}")

if command == "status":
    status, text = request("GET", "/api/admin/firmware/")
elif command == "install":
    path = sys.argv[5]
    with open(path, "rb") as bundle:
        status, text = request("POST", "/api/admin/firmware/update", bundle, "application/octet-stream",
                               token(), os.path.getsize(path))
else:
    sys.exit(f"web-update: unknown command {command}")
print(text)
sys.exit(0 if status == 200 else 1)
