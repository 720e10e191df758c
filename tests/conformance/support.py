"""Helpers shared by the conformance tests (imported as a plain module by pytest)."""

from __future__ import annotations

import contextlib
import uuid

import pytest
import requests
from mlflow.exceptions import MlflowException


def unique_name(prefix: str = "conformance") -> str:
    """Names are unique per test so that tests stay independent inside one server."""
    return f"{prefix}-{uuid.uuid4().hex}"


class Rest:
    """Raw HTTP access to the server under test (no client-side retries or error mapping)."""

    def __init__(self, base_uri: str):
        self.base = base_uri
        self.session = requests.Session()

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def get(self, path: str, params=None, **kwargs) -> requests.Response:
        return self.session.get(self.url(path), params=params, timeout=60, **kwargs)

    def post(self, path: str, json=None, **kwargs) -> requests.Response:
        return self.session.post(self.url(path), json=json, timeout=60, **kwargs)

    def api(self, method: str, rpc: str, body=None) -> requests.Response:
        """Call a tracking RPC such as ``runs/get``; GET bodies go in the query string."""
        path = f"/api/2.0/mlflow/{rpc}"
        if method.upper() == "GET":
            return self.get(path, params=body)
        return self.session.request(method.upper(), self.url(path), json=body or {}, timeout=60)


def assert_error_response(resp: requests.Response, status: int, error_code: str) -> dict:
    """The response is the MLflow error JSON ``{"error_code", "message"}`` with that status."""
    assert resp.status_code == status, (resp.status_code, resp.text[:500])
    body = resp.json()
    assert isinstance(body, dict), body
    assert body.get("error_code") == error_code, body
    assert isinstance(body.get("message"), str) and body["message"], body
    return body


@contextlib.contextmanager
def raises_mlflow_error(error_code: str):
    """The client call raises MlflowException carrying exactly this error code."""
    with pytest.raises(MlflowException) as info:
        yield info
    assert info.value.error_code == error_code, (info.value.error_code, str(info.value)[:500])
