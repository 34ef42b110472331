#!/usr/bin/env python3
"""Prints the SigV4 headers botocore computes for the fixed inputs that tests/signing.rs uses, so
the Rust test compares against an independent signer. Run with any Python that has botocore:

    ~/.cache/tjs/venv/bin/python tools/sigv4_vector.py
"""
import datetime
import json
from unittest import mock

import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

BODY = '{"TrainingJobName":"sig-test"}'
TIME = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
SAGEMAKER = ("sagemaker", "application/x-amz-json-1.1", "SageMaker.CreateTrainingJob")
CASES = [
    ("https://api.sagemaker.us-east-1.amazonaws.com/", "us-east-1", None, SAGEMAKER),
    ("http://127.0.0.1:5000/", "eu-west-1", "FQoGZXIvYXdzEXAMPLETOKEN", SAGEMAKER),
    ("https://logs.us-east-1.amazonaws.com/", "us-east-1", None,
     ("logs", "application/x-amz-json-1.1", "Logs_20140328.GetLogEvents")),
    ("https://monitoring.us-east-1.amazonaws.com/", "us-east-1", None,
     ("monitoring", "application/x-amz-json-1.0", "GraniteServiceVersion20100801.GetMetricData")),
]

print("botocore", botocore.__version__)
for url, region, token, (service, content_type, target) in CASES:
    request = AWSRequest(method="POST", url=url, data=BODY, headers={
        "Content-Type": content_type, "X-Amz-Target": target})
    creds = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token)
    with mock.patch("botocore.auth.get_current_datetime", return_value=TIME):
        SigV4Auth(creds, service, region).add_auth(request)
    print(json.dumps({"url": url, "region": region, "headers": dict(request.headers)}, indent=1))
