"""A local S3-compatible server (moto's standalone one, on loopback) and Django's storage pointed at it.

Used by the tests marked `s3`: the same code paths as production with CONCOURS_STORAGE=s3, against a
real HTTP server that speaks S3, with no network beyond 127.0.0.1.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

KEYS = {"aws_access_key_id": "concours-test", "aws_secret_access_key": "concours-test-secret"}
REGION = "eu-west-1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@dataclass
class Bucket:
    name: str
    client: Any

    def names(self) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def read(self, key: str) -> bytes:
        return bytes(self.client.get_object(Bucket=self.name, Key=key)["Body"].read())


@pytest.fixture
def s3_bucket(s3_endpoint: str, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Bucket:
    """A fresh private bucket, and the default storage set as CONCOURS_STORAGE=s3 sets it."""
    # Whatever the machine's AWS profile or proxy, these requests go straight to the loopback server.
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    name = f"concours-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **KEYS)
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "concours.core.storage.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "region_name": REGION,
                "access_key": KEYS["aws_access_key_id"],
                "secret_key": KEYS["aws_secret_access_key"],
                "default_acl": None,
                "querystring_auth": False,
                "file_overwrite": False,
                "max_memory_size": 1024 * 1024,
            },
        },
    }
    return Bucket(name, client)
