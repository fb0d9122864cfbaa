"""Signs requests with botocore's own SigV4 signer (botocore.auth.SigV4Auth) and prints each Authorization header.

Reads a JSON list on stdin; each item gives method, url, headers (name -> value, in order), body (UTF-8 text),
region, service, accessKey, secretKey, sessionToken (or null) and time (yyyymmddThhmmssZ). botocore reads the clock
itself, so its datetime is pinned to the item's time. Prints {"botocore": version, "authorizations": [...]}.
"""
import datetime
import json
import sys
import types

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class PinnedDatetime(datetime.datetime):
    pinned = None

    @classmethod
    def utcnow(cls):
        return cls.pinned

    @classmethod
    def now(cls, tz=None):
        return cls.pinned if tz is None else cls.pinned.replace(tzinfo=tz)


# What botocore.auth sees as its datetime module: the real one, but with the pinned clock.
PinnedModule = types.SimpleNamespace(datetime=PinnedDatetime, timezone=datetime.timezone, timedelta=datetime.timedelta)


def sign(item):
    PinnedDatetime.pinned = PinnedDatetime.strptime(item["time"], "%Y%m%dT%H%M%SZ")
    request = AWSRequest(method=item["method"], url=item["url"], data=item["body"].encode("utf-8"), headers=item["headers"])
    credentials = Credentials(item["accessKey"], item["secretKey"], item.get("sessionToken"))
    botocore.auth.SigV4Auth(credentials, item["service"], item["region"]).add_auth(request)
    return request.headers["Authorization"]


def main():
    botocore.auth.datetime = PinnedModule
    items = json.load(sys.stdin)
    json.dump({"botocore": botocore.__version__, "authorizations": [sign(item) for item in items]}, sys.stdout)


if __name__ == "__main__":
    main()
