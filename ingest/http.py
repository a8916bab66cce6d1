"""One HTTP session for every source: timeouts, retries with backoff, a size cap."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ingest.config import CONNECT_TIMEOUT_S, MAX_DOWNLOAD_BYTES, READ_TIMEOUT_S, USER_AGENT


class FetchError(Exception):
    """A source could not be fetched; the message says why, in words a user can act on."""


class NetworkUnreachable(FetchError):
    """Name resolution or connection failed: no point retrying other URLs of this run."""


@dataclass
class Response:
    url: str
    status: int
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def etag(self) -> str | None:
        return self.headers.get("ETag") or self.headers.get("etag")


def make_session(retries: int = 3, backoff_factor: float = 1.0) -> requests.Session:
    session = requests.Session()
    retry = Retry(
        total=retries,
        connect=0,  # a refused or unresolvable host fails at once (see NetworkUnreachable)
        read=retries,
        status=retries,
        backoff_factor=backoff_factor,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    return session


def _is_unreachable(exc: BaseException) -> bool:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, socket.gaierror | ConnectionRefusedError):
            return True
        text = str(exc)
        if "NameResolutionError" in text or "Failed to resolve" in text:
            return True
        if "Name or service not known" in text or "Temporary failure in name resolution" in text:
            return True
        exc = exc.__cause__ or exc.__context__ or (exc.args[0] if exc.args else None)
        if not isinstance(exc, BaseException):
            break
    return False


def get(
    session: requests.Session,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    params: dict[str, str] | None = None,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
    allow_statuses: tuple[int, ...] = (200,),
    allow_redirects: bool = True,
    method: str = "GET",
) -> Response:
    """GET a URL, streaming with a size cap. Raises FetchError with a clear reason."""
    try:
        resp = session.request(
            method,
            url,
            headers=headers or {},
            params=params,
            timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
            stream=True,
            allow_redirects=allow_redirects,
        )
    except requests.exceptions.Timeout as exc:
        raise FetchError(f"timed out fetching {url}") from exc
    except requests.exceptions.ConnectionError as exc:
        if _is_unreachable(exc):
            host = urlsplit(url).hostname
            raise NetworkUnreachable(f"network unreachable: cannot reach {host}") from exc
        raise FetchError(f"connection failed for {url}: {exc}") from exc
    except requests.exceptions.RequestException as exc:
        raise FetchError(f"request failed for {url}: {exc}") from exc

    with resp:
        if resp.status_code not in allow_statuses:
            raise FetchError(f"HTTP {resp.status_code} from {url}")
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"{url} is {int(declared)} bytes, over the {max_bytes}-byte cap")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.iter_content(chunk_size=1 << 16):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url} exceeded the {max_bytes}-byte download cap")
                chunks.append(chunk)
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"download of {url} broke off: {exc}") from exc
        return Response(
            url=resp.url or url,
            status=resp.status_code,
            content=b"".join(chunks),
            headers=dict(resp.headers),
        )
