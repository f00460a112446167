"""Sends SIP OPTIONS over UDP until the box answers; prints the seconds it took.

Usage: sip-options.py HOST PORT TIMEOUT_SECONDS. Exits 1 when no answer came in time.
"""
import socket
import sys
import time
import uuid

host, port, limit = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
started = time.monotonic()
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", 0))
sock.settimeout(1.0)
local = sock.getsockname()[1]
# Any answer to any of our requests counts: a slow box answers the first OPTIONS while the
# next ones are already on their way, and insisting on the newest would never catch up.
sent = set()
while time.monotonic() - started < limit:
    tag = uuid.uuid4().hex
    sent.add(tag.encode())
    request = (
        f"OPTIONS sip:{host}:{port} SIP/2.0\r\n"
        f"Via: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bK{tag};rport\r\n"
        "Max-Forwards: 70\r\n"
        f"From: <sip:check@127.0.0.1:{local}>;tag={tag[:8]}\r\n"
        f"To: <sip:{host}:{port}>\r\n"
        f"Call-ID: boot-{tag}\r\n"
        "CSeq: 1 OPTIONS\r\n"
        "Content-Length: 0\r\n\r\n"
    )
    sock.sendto(request.encode(), (host, port))
    try:
        data, _ = sock.recvfrom(65535)
        if data.startswith(b"SIP/2.0 ") and any(t in data for t in sent):
            print(f"{time.monotonic() - started:.1f}")
            sys.exit(0)
    except socket.timeout:
        pass
sys.exit(1)
