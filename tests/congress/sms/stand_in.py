"""A stand-in for a provider's API: an HTTP server on 127.0.0.1 that the official SDKs talk to, through all of
their own code (signing, serialising, parsing), instead of the provider's public host."""

import hashlib
import hmac
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

KEY_ID = "LTAI5tTestKeyId"  # Aliyun's AccessKey ID
SECRET_ID = "AKIDTestSecretId"  # Tencent's SecretId
KEY_SECRET = "test-key-secret"
SIGN_NAME = "示范镇人大"
APP_ID = "1400000001"  # Tencent's SmsSdkAppId


@dataclass
class Seen:
    """One request the stand-in received."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Answer:
    body: dict
    status: int = 200
    delay: float = 0.0  # seconds to wait before answering (longer than SMS_TIMEOUT: no answer in time)


@dataclass
class FakeProvider:
    """Records each request and answers it with `answer(seen)`; by default with `answers`, in turn, the last
    one again and again."""

    url: str = ""
    seen: list[Seen] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    answer: Callable[[Seen], Answer] | None = None
    released: threading.Event = field(default_factory=threading.Event)

    def reply(self, body: dict, status: int = 200, delay: float = 0.0) -> None:
        self.answers.append(Answer(body, status, delay))

    def next_answer(self, seen: Seen) -> Answer:
        if self.answer is not None:
            return self.answer(seen)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


def _handler(fake: FakeProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            seen = Seen(
                method=self.command,
                path=parts.path,
                query={name: values[0] for name, values in parse_qs(parts.query, keep_blank_values=True).items()},
                headers={name.lower(): value for name, value in self.headers.items()},
                body=self.rfile.read(length),
            )
            fake.seen.append(seen)
            answer = fake.next_answer(seen)
            if answer.delay and fake.released.wait(answer.delay):
                return  # the test is over
            data = json.dumps(answer.body, ensure_ascii=False).encode()
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting

        do_GET = do_POST = _handle

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def serve(fake: FakeProvider) -> ThreadingHTTPServer:
    """Starts the stand-in on a free port of 127.0.0.1 in a thread; `fake.url` is its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    server.block_on_close = False
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


def aliyun_ok(biz_id: str = "900619746936498440^0") -> dict:
    return {"Code": "OK", "Message": "OK", "BizId": biz_id, "RequestId": "F655A8D5-B967-440B-8683-DAD6FF8DE990"}


def aliyun_refusal(code: str, message: str) -> dict:
    return {"Code": code, "Message": message, "RequestId": "F655A8D5-B967-440B-8683-DAD6FF8DE990"}


def tencent_status(code: str = "Ok", message: str = "send success", serial_no: str = "2433:3508639167171933") -> dict:
    status = {"SerialNo": serial_no, "PhoneNumber": "+8613900000000", "Fee": 1, "SessionContext": ""}
    return {"Response": {"SendStatusSet": [status | {"Code": code, "Message": message}], "RequestId": "a0aabda6"}}


def tencent_refusal(code: str, message: str) -> dict:
    return {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": "a0aabda6"}}


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def _sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def _signed(authorization: str) -> dict[str, str]:
    """The key=value parts of an Authorization header after its algorithm."""
    parts = authorization.split(" ", 1)[1].replace(", ", ",").split(",")
    return dict(part.split("=", 1) for part in parts)


def aliyun_signature_valid(seen: Seen, secret: str) -> bool:
    """Whether the request carries Aliyun's V3 signature (ACS3-HMAC-SHA256) made with `secret`, computed here
    from Aliyun's published algorithm: a canonical request of method, path, sorted query, signed headers and
    the body's hash, hashed and signed with HMAC-SHA256."""
    signed = _signed(seen.headers["authorization"])
    names = signed["SignedHeaders"].split(";")
    query = "&".join(f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in sorted(seen.query.items()))
    headers = "".join(f"{name}:{seen.headers[name].strip()}\n" for name in names)
    canonical = "\n".join(
        [seen.method, seen.path, query, headers, signed["SignedHeaders"], seen.headers["x-acs-content-sha256"]]
    )
    expected = hmac.new(secret.encode(), f"ACS3-HMAC-SHA256\n{_sha256(canonical)}".encode(), hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), signed["Signature"])


def tencent_signature_valid(seen: Seen, secret: str) -> bool:
    """Whether the request carries Tencent's TC3-HMAC-SHA256 signature made with `secret`, computed here from
    Tencent's published algorithm (API 3.0 signature v3)."""
    signed = _signed(seen.headers["authorization"])
    day, service, _ = signed["Credential"].split("/")[1:]
    names = signed["SignedHeaders"].split(";")
    headers = "".join(f"{name}:{seen.headers[name].strip().lower()}\n" for name in names)
    canonical = "\n".join([seen.method, seen.path, "", headers, signed["SignedHeaders"], _sha256(seen.body)])
    scope = f"{day}/{service}/tc3_request"
    to_sign = f"TC3-HMAC-SHA256\n{seen.headers['x-tc-timestamp']}\n{scope}\n{_sha256(canonical)}"
    key = _hmac(_hmac(_hmac(f"TC3{secret}".encode(), day), service), "tc3_request")
    return hmac.compare_digest(hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest(), signed["Signature"])
