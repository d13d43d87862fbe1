"""Writes tests/fixtures/events/*.json: Lambda events in the shapes AWS documents, with Mailflow's names.

Run from anywhere: python3 tests/tools/make_lambda_events.py. The MD5s (md5OfBody, md5OfMessageAttributes) are computed
the way SQS computes them, so the events are internally consistent; see tests/fixtures/events/README.md.
"""
import json, hashlib, base64, datetime, os
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "events")
def ms(s):
    return str(int(datetime.datetime.fromisoformat(s.replace("Z","+00:00")).timestamp()*1000))
def ses(msg_id, mail_from, recipients, destination, subject, spam="PASS", virus="PASS", spf="PASS", dkim="PASS", dmarc="PASS", ts="2026-11-22T09:30:00.000Z"):
    return {
      "notificationType": "Received",
      "mail": {
        "timestamp": ts,
        "source": mail_from,
        "messageId": msg_id,
        "destination": destination,
        "headersTruncated": False,
        "headers": [
          {"name": "Return-Path", "value": f"<{mail_from}>"},
          {"name": "From", "value": f"Ann Example <{mail_from}>"},
          {"name": "To", "value": ", ".join(destination)},
          {"name": "Subject", "value": subject},
          {"name": "Message-ID", "value": f"<{msg_id[:12]}@sender.example>"},
          {"name": "Date", "value": "Sun, 22 Nov 2026 09:29:58 +0000"},
          {"name": "MIME-Version", "value": "1.0"},
          {"name": "Content-Type", "value": "text/plain; charset=UTF-8"}
        ],
        "commonHeaders": {
          "returnPath": mail_from,
          "from": [f"Ann Example <{mail_from}>"],
          "date": "Sun, 22 Nov 2026 09:29:58 +0000",
          "to": destination,
          "messageId": f"<{msg_id[:12]}@sender.example>",
          "subject": subject
        }
      },
      "receipt": {
        "timestamp": ts,
        "processingTimeMillis": 412,
        "recipients": recipients,
        "spamVerdict": {"status": spam},
        "virusVerdict": {"status": virus},
        "spfVerdict": {"status": spf},
        "dkimVerdict": {"status": dkim},
        "dmarcVerdict": {"status": dmarc},
        "action": {
          "type": "S3",
          "topicArn": "arn:aws:sns:eu-west-1:123456789012:mailflow-test-inbound",
          "bucketName": "mailflow-test-raw",
          "objectKeyPrefix": "raw/",
          "objectKey": f"raw/{msg_id}"
        }
      }
    }
def md5_attributes(attrs):
    # SQS's digest of message attributes: per name in order, length-prefixed name, data type, transport type, value.
    import struct
    data = b""
    for name in sorted(attrs):
        a = attrs[name]
        for part in (name.encode(), a["dataType"].encode()):
            data += struct.pack(">I", len(part)) + part
        value = a["stringValue"].encode()
        data += b"\x01" + struct.pack(">I", len(value)) + value
    return hashlib.md5(data).hexdigest()
def record(message_id, body, queue, receive_count, sent, handle_seed, attrs=None, sender="AIDAISMY7JYY5F7RTT6AO"):
    r = {
      "messageId": message_id,
      "receiptHandle": "AQEB" + base64.b64encode(hashlib.sha512(handle_seed.encode()).digest()*2).decode()[:160],
      "body": body,
      "attributes": {
        "ApproximateReceiveCount": str(receive_count),
        "SentTimestamp": ms(sent),
        "SenderId": sender,
        "ApproximateFirstReceiveTimestamp": str(int(ms(sent)) + 37)
      },
      "messageAttributes": attrs or {},
      "md5OfBody": hashlib.md5(body.encode()).hexdigest(),
      "eventSource": "aws:sqs",
      "eventSourceARN": f"arn:aws:sqs:eu-west-1:123456789012:{queue}",
      "awsRegion": "eu-west-1"
    }
    if attrs:
        # Recorded events carry the attributes' MD5 after the body's.
        items = list(r.items())
        r = dict(items[:7] + [("md5OfMessageAttributes", md5_attributes(attrs))] + items[7:])
    return r
def dump(name, obj):
    with open(os.path.join(out, name), "w") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")
compact = lambda o: json.dumps(o, separators=(",", ":"), ensure_ascii=False)

n1 = ses("7mc9q2smfi5ln3dmrrh6ls2j1u2ifp4rnvc0fho1", "ann@sender.example", ["_app1@example.com"], ["_app1@example.com"], "Invoice 4711")
n2 = ses("ksm6gq5mi39tq8h7ss8q1p4vtmk0oj1u4dv7tho1", "bob@sender.example", ["_app2+ticket-7@example.com", "_app1@example.com"], ["team@sender.example"], "Ticket 7", spam="GRAY", dmarc="FAIL", ts="2026-11-22T09:30:02.000Z")
n2["receipt"]["dmarcPolicy"] = "none"
dump("sqs-ses-notifications.json", {"Records": [
  record("8d0f3c4e-5b21-4f7a-9a0e-6c2b1d9e7f10", compact(n1), "mailflow-test-inbound", 1, "2026-11-22T09:30:00.450Z", "a"),
  record("2b7e9a61-0c3d-4e58-b1f4-93a8d6c5e2f7", compact(n2), "mailflow-test-inbound", 3, "2026-11-22T09:30:02.460Z", "b"),
]})
def sns(msg, mid, ts):
    return {
      "Type": "Notification",
      "MessageId": mid,
      "TopicArn": "arn:aws:sns:eu-west-1:123456789012:mailflow-test-inbound",
      "Subject": "Amazon SES Email Receipt Notification",
      "Message": compact(msg),
      "Timestamp": ts,
      "SignatureVersion": "1",
      "Signature": base64.b64encode(hashlib.sha512(mid.encode()).digest()*4).decode(),
      "SigningCertURL": "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem",
      "UnsubscribeURL": f"https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-west-1:123456789012:mailflow-test-inbound:{mid}"
    }
dump("sqs-ses-via-sns.json", {"Records": [
  record("c41e0b7d-92f6-4a3b-8e5d-1f0a7c9b2e64", compact(sns(n1, "5f2d7c1a-8e3b-5a49-9c60-2b1e4d7f8a93", "2026-11-22T09:30:00.431Z")), "mailflow-test-inbound", 1, "2026-11-22T09:30:00.450Z", "c", sender="AIDAIT2UOQQY3AUEKVGXU"),
]})
outbound1 = {
  "schema": "mailflow.outbound.v1", "app": "app1", "idempotencyKey": "order-4711-confirmation",
  "from": {"address": "_app1@example.com", "name": "Acme Orders"},
  "to": [{"address": "ann@customer.example", "name": "Ann Example"}],
  "subject": "Your order 4711", "text": "Thank you for your order. It ships tomorrow."
}
outbound2 = {
  "schema": "mailflow.outbound.v1", "app": "app1", "idempotencyKey": "ticket-981-answer-1",
  "from": {"address": "_app1+ticket-981@example.com", "name": "Acme Support"},
  "to": [{"address": "ann@sender.example", "name": "Ann"}],
  "bcc": [{"address": "archive@acme.example"}],
  "subject": "Re: Invoice 4711",
  "text": "Hello Ann,\n\nthe corrected invoice is attached.\n\nAcme Support",
  "inReplyTo": "0100019a1b2c3d4e-0.app1",
  "attachments": [{"filename": "invoice.pdf", "contentType": "application/pdf", "storageKey": "attachments/0100019a1b2c3d4e-0/a0"}],
  "headers": {"X-Ticket": "981"}
}
dump("sqs-outbound.json", {"Records": [
  record("e9a3b5c7-1d2f-4e60-8a7b-9c0d1e2f3a4b", json.dumps(outbound1, ensure_ascii=False), "mailflow-test-outbound", 1, "2026-11-22T10:00:00.100Z", "d", sender="AROAEXAMPLEAPPROLE1:app1"),
  record("f0b4c6d8-2e3a-4f71-9b8c-0d1e2f3a4b5c", json.dumps(outbound2, ensure_ascii=False, indent=2), "mailflow-test-outbound", 2, "2026-11-22T10:00:01.200Z", "e",
         attrs={"traceparent": {"stringValue": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "stringListValues": [], "binaryListValues": [], "dataType": "String"},
                "attempt": {"stringValue": "2", "stringListValues": [], "binaryListValues": [], "dataType": "Number"}},
         sender="AROAEXAMPLEAPPROLE1:app1"),
]})
truncated = compact(ses("q1rd8k4m2bh0v5scj3u6t9e1pl7o0gnw4fx2ai81", "eve@sender.example", ["_app2@example.com"], ["_app2@example.com"], "Broken"))[:180]
dump("sqs-one-malformed.json", {"Records": [
  record("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", compact(n1), "mailflow-test-inbound", 1, "2026-11-22T09:30:00.450Z", "f"),
  record("1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e", truncated, "mailflow-test-inbound", 1, "2026-11-22T09:30:03.010Z", "g"),
]})
def apigw(method, raw_path, raw_query, headers, body, b64, request_id, time_epoch, cookies=None, authorizer=None, route="ANY /api/{proxy+}", proxy=None):
    q = {}
    for part in filter(None, raw_query.split("&")):
        k, _, v = part.partition("=")
        q[k] = q[k] + "," + v if k in q else v
    ev = {"version": "2.0", "routeKey": route, "rawPath": raw_path, "rawQueryString": raw_query}
    if cookies: ev["cookies"] = cookies
    ev["headers"] = headers
    if q: ev["queryStringParameters"] = q
    ctx = {"accountId": "123456789012", "apiId": "r3pmxmplak"}
    if authorizer: ctx["authorizer"] = authorizer
    t = datetime.datetime.fromtimestamp(time_epoch/1000, datetime.timezone.utc)
    ctx.update({"domainName": "r3pmxmplak.execute-api.eu-west-1.amazonaws.com", "domainPrefix": "r3pmxmplak",
        "http": {"method": method, "path": raw_path, "protocol": "HTTP/1.1", "sourceIp": "203.0.113.17", "userAgent": headers.get("user-agent", "")},
        "requestId": request_id, "routeKey": route, "stage": "$default", "time": t.strftime("%d/%b/%Y:%H:%M:%S +0000"), "timeEpoch": time_epoch})
    ev["requestContext"] = ctx
    if proxy: ev["pathParameters"] = {"proxy": proxy}
    if body is not None: ev["body"] = body
    ev["isBase64Encoded"] = b64
    return ev
base_headers = lambda ua: {
    "accept": "application/json",
    "content-length": "0",
    "host": "r3pmxmplak.execute-api.eu-west-1.amazonaws.com",
    "user-agent": ua,
    "x-amzn-trace-id": "Root=1-67403a18-3a7c5b2e9f1d4c6a8b0e2f41",
    "x-forwarded-for": "203.0.113.17",
    "x-forwarded-port": "443",
    "x-forwarded-proto": "https"}
dump("apigw-health.json", apigw("GET", "/api/health", "", base_headers("curl/8.5.0"), None, False, "Bm3xKg2WDoEEJkw=", 1795341000123, proxy="health"))
payload = bytes(range(256))
h = base_headers("mailflow-cli/0.1.0")
h.update({"accept": "*/*", "content-length": str(len(payload)), "content-type": "application/octet-stream", "authorization": "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJl"})
dump("apigw-binary-post.json", apigw("POST", "/api/uploads", "name=blob.bin&overwrite=false", h, base64.b64encode(payload).decode(), True, "Bm3xaHvJDoEEMXg=", 1795341012456,
     cookies=["session=7f3e9a1c", "theme=dark"],
     authorizer={"jwt": {"claims": {"iss": "https://auth.example.com/", "sub": "ops", "aud": "mailflow-api", "exp": "1795344612", "iat": "1795341012", "mailflow/team": "ops"}, "scopes": ["mailflow.write"]}},
     proxy="uploads"))
