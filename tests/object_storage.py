"""S3-compatible object storage for tests: moto's server on a spare local port (a real HTTP
S3 API, no mock inside the code under test), and the settings that put media in it exactly as
cms.settings.production does with IISG_MEDIA_STORAGE=s3."""

import boto3

from iisg_pages.benchmarks.server import free_port

REGION = "us-east-1"
KEY, SECRET = "iisg-test-key", "iisg-test-secret"  # moto accepts any


class LocalS3:
    """moto's S3 server, started once; `bucket()` makes a fresh private bucket."""

    def __init__(self):
        from moto.server import ThreadedMotoServer

        self.port = free_port()
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.client = boto3.client(
            "s3", endpoint_url=self.endpoint, region_name=REGION,
            aws_access_key_id=KEY, aws_secret_access_key=SECRET,
        )  # fmt: skip
        self.count = 0

    def bucket(self):
        self.count += 1
        name = f"iisg-media-{self.count}"
        self.client.create_bucket(Bucket=name)
        return name

    def keys(self, bucket):
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def empty(self, bucket):
        for key in self.keys(bucket):
            self.client.delete_object(Bucket=bucket, Key=key)

    def storages(self, bucket):
        """A STORAGES setting with media in `bucket`, as production configures S3."""
        return {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": bucket, "endpoint_url": self.endpoint, "region_name": REGION,
                    "access_key": KEY, "secret_key": SECRET, "default_acl": None,
                    "querystring_auth": True, "file_overwrite": False, "location": "media",
                },
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }  # fmt: skip

    def stop(self):
        self.server.stop()
