"""Calls the simulator with botocore's real EC2 and STS clients and prints what botocore parsed, as JSON.

Reads {"endpoint": url, "calls": [...]} on stdin. Each call names a service, an operation, its parameters,
optionally credentials, the region it signs for (us-east-1 unless given) and a page size (then botocore's own paginator is used). For each call it prints the
parsed pages (ResponseMetadata removed) or the error botocore raised, and the member names botocore's
model knows at every structure path of the output, so the caller compares only fields this botocore knows.
"""
import datetime
import json
import sys

import botocore
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError


def known_members(shape, path, out, depth=0):
    if depth > 12:
        return
    if shape.type_name == "structure":
        out[path] = sorted(shape.members)
        for name, member in shape.members.items():
            known_members(member, path + "/" + name, out, depth + 1)
    elif shape.type_name == "list":
        known_members(shape.member, path + "/*", out, depth + 1)


def plain(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def run(session, endpoint, call):
    credentials = call.get("credentials") or {}
    client = session.create_client(
        call["service"],
        region_name=call.get("region", "us-east-1"),
        endpoint_url=endpoint,
        aws_access_key_id=credentials.get("AccessKeyId", "AKIASIMULATORTESTS00"),
        aws_secret_access_key=credentials.get("SecretAccessKey", "simulator-test-secret"),
        aws_session_token=credentials.get("SessionToken"),
        # One attempt: an error must reach the caller as the simulator answered it.
        config=Config(retries={"total_max_attempts": 1}),
    )
    operation = call["operation"]
    method = botocore.xform_name(operation)
    members = {}
    known_members(client.meta.service_model.operation_model(operation).output_shape, "", members)
    params = call.get("params") or {}
    try:
        if "pageSize" in call:
            paginator = client.get_paginator(method)
            pages = list(paginator.paginate(**params, PaginationConfig={"PageSize": call["pageSize"]}))
        else:
            pages = [getattr(client, method)(**params)]
    except ClientError as error:
        return {
            "error": {
                "Code": error.response["Error"]["Code"],
                "Message": error.response["Error"].get("Message", ""),
                "HttpStatusCode": error.response["ResponseMetadata"]["HTTPStatusCode"],
            },
            "members": members,
        }
    for page in pages:
        page.pop("ResponseMetadata", None)
    return {"pages": pages, "members": members}


def main():
    request = json.load(sys.stdin)
    session = botocore.session.get_session()
    results = [run(session, request["endpoint"], call) for call in request["calls"]]
    json.dump({"botocore": botocore.__version__, "results": results}, sys.stdout, default=plain)


if __name__ == "__main__":
    main()
