"""Cross-SDK check: boto3 (Debian's python3-boto3) against the Secrets Workbench server.

Reads its endpoint and keys from the environment, prints one JSON object of observations on stdout.
Values are synthetic and passed in by the calling test.
"""
import base64
import json
import os
import sys

import boto3
from botocore.exceptions import ClientError

client = boto3.client(
    "secretsmanager",
    # Debian's boto3 1.26 ignores AWS_ENDPOINT_URL_SECRETS_MANAGER, so pass it explicitly.
    endpoint_url=os.environ.get("AWS_ENDPOINT_URL_SECRETS_MANAGER"),
    region_name=os.environ["AWS_REGION"],
    aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
)
out = {"boto3": boto3.__version__}

created_value = os.environ["PY_CREATED_VALUE"]
created = client.create_secret(Name="py/created", SecretString=created_value, Tags=[{"Key": "sdk", "Value": "boto3"}])
out["created_arn"] = created["ARN"]
got = client.get_secret_value(SecretId="py/created")
out["read_back_matches"] = got["SecretString"] == created_value
out["created_date_type"] = type(got["CreatedDate"]).__name__

# Rotate with a generated value, the way the extension does without a Lambda.
password = client.get_random_password(PasswordLength=24, ExcludePunctuation=True)["RandomPassword"]
rotated = client.put_secret_value(SecretId="py/created", SecretString=password)
out["rotated_stages"] = rotated["VersionStages"]
out["current_is_generated"] = client.get_secret_value(SecretId="py/created")["SecretString"] == password
out["previous_is_original"] = (
    client.get_secret_value(SecretId="py/created", VersionStage="AWSPREVIOUS")["SecretString"] == created_value
)
out["generated_length"] = len(password)
out["generated_alphanumeric"] = password.isalnum()

versions = client.list_secret_version_ids(SecretId="py/created", IncludeDeprecated=True)["Versions"]
out["version_stages"] = sorted(sorted(v["VersionStages"]) for v in versions)
out["version_ids_match"] = {v["VersionId"] for v in versions} == {created["VersionId"], rotated["VersionId"]}

binary = os.urandom(64)
client.create_secret(Name="py/binary", SecretBinary=binary)
out["binary_round_trip"] = client.get_secret_value(SecretId="py/binary")["SecretBinary"] == binary

# A value the JavaScript SDK wrote.
out["js_value_hash"] = __import__("hashlib").sha256(
    client.get_secret_value(SecretId="js/written")["SecretString"].encode()
).hexdigest()

# A value for the JavaScript SDK to read.
client.create_secret(Name="py/written", SecretString=os.environ["PY_WRITTEN_VALUE"])

try:
    client.describe_secret(SecretId="py/missing")
    out["missing_error"] = None
except ClientError as error:
    out["missing_error"] = error.response["Error"]["Code"]
    out["missing_status"] = error.response["ResponseMetadata"]["HTTPStatusCode"]

names = []
for page in client.get_paginator("list_secrets").paginate(PaginationConfig={"PageSize": 2}):
    names.extend(s["Name"] for s in page["SecretList"])
out["listed"] = sorted(names)

client.delete_secret(SecretId="py/binary", RecoveryWindowInDays=7)
try:
    client.get_secret_value(SecretId="py/binary")
    out["deleted_error"] = None
except ClientError as error:
    out["deleted_error"] = error.response["Error"]["Code"]
out["deleted_date_type"] = type(client.describe_secret(SecretId="py/binary")["DeletedDate"]).__name__

json.dump(out, sys.stdout)
