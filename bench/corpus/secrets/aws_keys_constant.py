# label: vulnerable
# AWS access key id and secret are module constants passed to boto3.
import boto3

AWS_ACCESS_KEY_ID = "AKIAQ3EGTX7PLN4RZ6WD"
AWS_SECRET_ACCESS_KEY = "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"


def s3_client():
    return boto3.client("s3", aws_access_key_id=AWS_ACCESS_KEY_ID,
                        aws_secret_access_key=AWS_SECRET_ACCESS_KEY, region_name="eu-west-1")
