"""An S3-compatible object store for the tests: moto's standalone server (the S3 HTTP API), in
its own process on a free loopback port, started once per test process.

``s3_storage`` points Django's default storage at a new, empty bucket of that server through
the same code as production (``S3_BUCKET``… read by ``file_storage_from_env``), and hands the
test a boto3 client to look inside the bucket behind the application's back.
"""

import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass

import pytest

ACCESS_KEY, SECRET_KEY, REGION = "testing", "testing", "us-east-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def closed_port() -> int:
    """A loopback port nothing listens on: an unreachable server."""
    return free_port()


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server on port {port} stopped at once")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port} after {seconds} s")


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: object  # a boto3 S3 client

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", ()))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def s3_environment(endpoint: str, bucket: str) -> dict[str, str]:
    return {"S3_BUCKET": bucket, "S3_ENDPOINT_URL": endpoint, "S3_REGION": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY}


@pytest.fixture(scope="session")
def s3_endpoint():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "MOTO_ALLOW_NONEXISTENT_REGION": "false"})
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def new_bucket(endpoint: str) -> Bucket:
    import boto3

    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION,
                          aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)
    name = f"tripartite-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name)
    return Bucket(name=name, endpoint=endpoint, client=client)


@pytest.fixture
def s3_storage(s3_endpoint, settings, monkeypatch):
    """Django's default storage is a new bucket of the test server, configured as production
    configures it from the environment."""
    from tripartite.config.env import file_storage_from_env

    bucket = new_bucket(s3_endpoint)
    for name, value in s3_environment(s3_endpoint, bucket.name).items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": file_storage_from_env()}
    return bucket
