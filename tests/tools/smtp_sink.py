#!/usr/bin/env python3
"""An SMTP sink for Mailflow's tests, on Debian's python3-aiosmtpd (scripts/install-test-deps.sh installs it).

Run it with Debian's Python (the python3 first on PATH may lack aiosmtpd), always under `timeout`:

    timeout 120 /usr/bin/python3 tests/tools/smtp_sink.py --port P --dir D [options]

It listens on 127.0.0.1 only and prints one line, "ready <port>", on stdout once it accepts connections
(--port 0 picks a free port: read it from that line). It advertises 8BITMIME and SMTPUTF8 (RFC 6531).
Every accepted mail becomes two files in D, written before the 250 reply to DATA:

    <seq>-<id>.eml    the message exactly as received (CRLF line ends, dot-stuffing removed)
    <seq>-<id>.json   {"id", "seq", "mail_from", "rcpt_tos", "mail_options", "rcpt_options",
                       "smtp_utf8", "peer", "auth_login"}; written after the .eml, so it marks a complete mail

<seq> is 0001, 0002, ... in acceptance order (continued when restarted on the same directory); <id> is the queue id of the reply "250 2.0.0 Ok: queued as <id>".
"peer" is "host:port" of the client connection: equal peers mean a reused connection.

Options:
    --port P                  port to listen on (0: any free port)
    --dir D                   directory for the received mail (created if missing)
    --fail-first N            answer the first N DATA with --fail-code (default 0)
    --fail-code C             reply code for --fail-first (default 451, with 4.3.0 / 5.3.0)
    --reject-code C           answer every DATA with C (e.g. 550 5.7.1, 451 4.3.0): nothing is accepted
    --reject-rcpt SUBSTRING   answer RCPT TO with --reject-rcpt-code when the address contains SUBSTRING (repeatable)
    --reject-rcpt-code C      reply code for --reject-rcpt (default 550, with 5.1.1 / 4.2.1)
    --auth USER:PASSWORD      require AUTH (PLAIN or LOGIN, allowed without TLS: loopback tests only)
    --tls-cert F --tls-key K  offer STARTTLS (RFC 3207) with this PEM certificate and key, and require it
    --implicit-tls            with --tls-cert/--tls-key: TLS from the first byte instead (RFC 8314)

The stock aiosmtpd server also works for simple cases (no SMTPUTF8, Maildir output with X-MailFrom/X-RcptTo):
    /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR
"""

import argparse
import asyncio
import json
import os
import secrets
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def enhanced(code: int, success: str, temporary: str, permanent: str) -> str:
    """The RFC 3463 enhanced status code whose class matches the reply code's first digit."""
    return {2: success, 4: temporary, 5: permanent}.get(code // 100, permanent)


class SinkHandler:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.fail_left = args.fail_first
        # Numbering goes on after a restart on the same directory.
        self.seq = sum(1 for name in os.listdir(args.dir) if name.endswith(".json"))

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        for substring in self.args.reject_rcpt:
            if substring in address:
                code = self.args.reject_rcpt_code
                return f"{code} {enhanced(code, '2.1.5', '4.2.1', '5.1.1')} Recipient rejected by the sink (--reject-rcpt)"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_left > 0:
            self.fail_left -= 1
            code = self.args.fail_code
            return f"{code} {enhanced(code, '2.0.0', '4.3.0', '5.3.0')} Try again later (sink --fail-first)"
        if self.args.reject_code:
            code = self.args.reject_code
            return f"{code} {enhanced(code, '2.0.0', '4.3.0', '5.7.1')} Message rejected by the sink (--reject-code)"
        self.seq += 1
        queue_id = secrets.token_hex(6).upper()
        name = f"{self.seq:04d}-{queue_id}"
        peer = session.peer
        sidecar = {
            "id": queue_id,
            "seq": self.seq,
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "mail_options": envelope.mail_options,
            "rcpt_options": envelope.rcpt_options,
            "smtp_utf8": envelope.smtp_utf8,
            "peer": f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer),
            "auth_login": session.auth_data.decode() if isinstance(session.auth_data, bytes) else None,
        }
        write_atomically(os.path.join(self.args.dir, name + ".eml"), envelope.original_content)
        write_atomically(os.path.join(self.args.dir, name + ".json"),
                         json.dumps(sidecar, ensure_ascii=False, indent=2).encode("utf-8"))
        return f"250 2.0.0 Ok: queued as {queue_id}"


def write_atomically(path: str, content: bytes) -> None:
    temporary = path + ".tmp"
    with open(temporary, "wb") as file:
        file.write(content)
    os.replace(temporary, path)


def authenticator(login: str, password: str):
    def check(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == login and auth_data.password.decode() == password:
            return AuthResult(success=True, auth_data=auth_data.login)
        return AuthResult(success=False, handled=False)
    return check


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="SMTP sink for Mailflow's tests (see the module docstring).")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--fail-code", type=int, default=451)
    parser.add_argument("--reject-code", type=int, default=0)
    parser.add_argument("--reject-rcpt", action="append", default=[])
    parser.add_argument("--reject-rcpt-code", type=int, default=550)
    parser.add_argument("--auth")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true")
    args = parser.parse_args()
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    if args.implicit_tls and not args.tls_cert:
        parser.error("--implicit-tls needs --tls-cert and --tls-key")
    if args.auth and ":" not in args.auth:
        parser.error("--auth takes USER:PASSWORD")
    return args


async def serve(args: argparse.Namespace) -> None:
    os.makedirs(args.dir, exist_ok=True)
    loop = asyncio.get_running_loop()
    handler = SinkHandler(args)
    context = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
    smtp_options = {
        "enable_SMTPUTF8": True,
        "hostname": "sink.test",
        "timeout": 60,
    }
    if context and not args.implicit_tls:
        smtp_options.update(tls_context=context, require_starttls=True)
    if args.auth:
        login, password = args.auth.split(":", 1)
        smtp_options.update(authenticator=authenticator(login, password), auth_required=True, auth_require_tls=False)
    server = await loop.create_server(
        lambda: SMTP(handler, loop=loop, **smtp_options),
        host="127.0.0.1", port=args.port, ssl=context if args.implicit_tls else None)
    port = server.sockets[0].getsockname()[1]
    print(f"ready {port}", flush=True)
    stop = loop.create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set_result, None)
    await stop
    server.close()


if __name__ == "__main__":
    asyncio.run(serve(parse_args()))
    sys.exit(0)
