#!/usr/bin/python3
"""Writes the detection-rule test trail (test-data/findings/AWSLogs/...): positive and negative
events for every built-in rule, in CloudTrail's layout. Deterministic; run once, output committed.
Each event id names the rule it tests and whether it must fire (pos) or stay quiet (neg).
FindingsRulesTest asserts which ids land in which finding."""
import gzip, json, os, shutil

ACCOUNT = "111122223333"
INST = "a1b2c3d4-0000-4000-8000-00000000f001"
INST2 = "a1b2c3d4-0000-4000-8000-00000000f002"
DOMAIN = "UcUuCPFOsAjzg9xoByUatN"
ROOT = os.path.dirname(os.path.abspath(__file__))


def role(role_name, session):
    return {"type": "AssumedRole", "principalId": "AROAEXAMPLE" + role_name.upper() + ":" + session,
            "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (ACCOUNT, role_name, session), "accountId": ACCOUNT,
            "sessionContext": {"sessionIssuer": {"type": "Role", "arn": "arn:aws:iam::%s:role/%s" % (ACCOUNT, role_name),
                                                 "accountId": ACCOUNT, "userName": role_name},
                               "attributes": {"creationDate": "2025-04-01T07:00:00Z", "mfaAuthenticated": "false"}}}


def user(name):
    return {"type": "IAMUser", "principalId": "AIDAEXAMPLE" + name.upper().replace("-", ""),
            "arn": "arn:aws:iam::%s:user/%s" % (ACCOUNT, name), "accountId": ACCOUNT, "userName": name}


ACTORS = {
    "alice": role("ConnectAdmin", "alice"),
    "bob": role("ConnectAgent", "bob"),
    "carol": role("ConnectAgent", "carol"),
    "ops": user("ops"),
    "eve": user("eve"),
    "mallory": user("mallory"),
    "ci": user("ci-bot"),
    "unknown": {"type": "Unknown"},
    "root": {"type": "Root", "principalId": ACCOUNT, "arn": "arn:aws:iam::%s:root" % ACCOUNT, "accountId": ACCOUNT},
}
IPS = {"alice": "203.0.113.10", "bob": "198.51.100.20", "carol": "192.0.2.5", "ops": "198.51.100.7",
       "eve": "185.220.101.4", "mallory": "45.155.205.233", "ci": "10.1.2.3", "root": "192.0.2.99",
       "unknown": "192.0.2.77"}
READS = ("Get", "Describe", "List", "Search")


def ev(eid, time, name, actor, params=None, source="connect.amazonaws.com", ip=None, error=None, instance=INST):
    if params is None:
        params = {}
    if instance is not None and source == "connect.amazonaws.com":
        params = dict({"InstanceId": instance}, **params)
    e = {"eventVersion": "1.08", "userIdentity": ACTORS[actor], "eventTime": time, "eventSource": source,
         "eventName": name, "awsRegion": "us-east-1", "sourceIPAddress": ip or IPS[actor],
         "userAgent": "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0", "requestParameters": params or None,
         "responseElements": None, "requestID": "req-" + eid, "eventID": eid, "readOnly": name.startswith(READS),
         "eventType": "AwsApiCall", "managementEvent": True, "recipientAccountId": ACCOUNT, "eventCategory": "Management"}
    if error:
        e["errorCode"] = error
        e["errorMessage"] = "User is not authorized to perform: " + name if "Denied" in error else error
    return e


def day1():
    t = "2025-04-01T09:%02d:00Z"
    return [
        ev("base-alice-signin", t % 1, "GetFederationToken", "alice"),
        ev("base-alice-describe-queue", t % 2, "DescribeQueue", "alice", {"QueueId": "q-1"}, ip="203.0.113.11"),
        ev("base-bob-signin", t % 3, "GetFederationToken", "bob"),
        ev("base-ops-describe-instance", t % 4, "DescribeInstance", "ops"),
        ev("base-unknown-signin", t % 5, "GetFederationToken", "unknown"),
    ]


def day2():
    t = "2025-04-02T10:%02d:%02dZ"
    n = [0]

    def at():
        n[0] += 1
        return t % (n[0] // 60, n[0] % 60)

    vid = {"domainId": DOMAIN}
    out = [
        # connect-storage-config-changed
        ev("storage-pos-associate", at(), "AssociateInstanceStorageConfig", "alice",
           {"ResourceType": "CALL_RECORDINGS", "StorageConfig": {"StorageType": "S3", "S3Config": {"BucketName": "elsewhere-recordings"}}}),
        ev("storage-pos-update", at(), "UpdateInstanceStorageConfig", "alice",
           {"AssociationId": "assoc-1", "ResourceType": "CHAT_TRANSCRIPTS"}),
        ev("storage-pos-disassociate", at(), "DisassociateInstanceStorageConfig", "ops",
           {"AssociationId": "assoc-2", "ResourceType": "CONTACT_TRACE_RECORDS"}, instance=INST2),
        ev("storage-neg-describe", at(), "DescribeInstanceStorageConfig", "alice", {"AssociationId": "assoc-1"}),
        ev("storage-neg-list", at(), "ListInstanceStorageConfigs", "alice", {"ResourceType": "CALL_RECORDINGS"}),
        ev("storage-neg-denied", at(), "AssociateInstanceStorageConfig", "eve", {"ResourceType": "CALL_RECORDINGS"},
           error="AccessDeniedException"),
        # connect-flow-integration-added
        ev("flow-pos-lambda", at(), "AssociateLambdaFunction", "ops", {"FunctionArn": "arn:aws:lambda:us-east-1:%s:function:lookup" % ACCOUNT}),
        ev("flow-pos-lexbot", at(), "AssociateLexBot", "ops", {"LexBot": {"Name": "Orders", "LexRegion": "us-east-1"}}),
        ev("flow-pos-bot", at(), "AssociateBot", "ops", {"LexV2Bot": {"AliasArn": "arn:aws:lex:us-east-1:%s:bot-alias/B1/A1" % ACCOUNT}}),
        ev("flow-pos-origin", at(), "AssociateApprovedOrigin", "alice", {"Origin": "https://widget.example.net"}, ip="192.0.2.200"),
        ev("flow-pos-lambda-inst2", at(), "AssociateLambdaFunction", "ops", {"FunctionArn": "arn:aws:lambda:us-east-1:%s:function:x" % ACCOUNT},
           instance=INST2),
        ev("flow-pos-ci-lambda", at(), "AssociateLambdaFunction", "ci", {"FunctionArn": "arn:aws:lambda:us-east-1:%s:function:ci" % ACCOUNT}),
        ev("flow-neg-list-lambdas", at(), "ListLambdaFunctions", "ops"),
        ev("flow-neg-disassociate-lambda", at(), "DisassociateLambdaFunction", "ops", {"FunctionArn": "arn:aws:lambda:us-east-1:%s:function:old" % ACCOUNT}),
        ev("flow-neg-routing-queues", at(), "AssociateRoutingProfileQueues", "ops", {"RoutingProfileId": "rp-1"}),
        ev("flow-neg-failed-lambda", at(), "AssociateLambdaFunction", "ops", {"FunctionArn": "bad"}, error="InvalidParameterException"),
        # connect-security-profile-changed
        ev("sp-pos-create", at(), "CreateSecurityProfile", "alice", {"SecurityProfileName": "Everything", "Permissions": ["BasicAgentAccess"]}),
        ev("sp-pos-update", at(), "UpdateSecurityProfile", "alice", {"SecurityProfileId": "sp-agent", "Permissions": ["AccessMetrics"]}),
        ev("sp-pos-assign", at(), "UpdateUserSecurityProfiles", "alice", {"UserId": "u-1", "SecurityProfileIds": ["sp-admin"]}),
        ev("sp-neg-describe", at(), "DescribeSecurityProfile", "alice", {"SecurityProfileId": "sp-agent"}),
        ev("sp-neg-list", at(), "ListSecurityProfiles", "alice"),
        ev("sp-neg-routing", at(), "UpdateUserRoutingProfile", "alice", {"UserId": "u-1", "RoutingProfileId": "rp-1"}),
        # connect-signin-new-ip (baseline: day 1, and 2025-02-20 outside the 30-day window)
        ev("signin-neg-usual", at(), "GetFederationToken", "alice"),
        ev("signin-neg-ip-of-other-call", at(), "GetFederationToken", "alice", ip="203.0.113.11"),
        ev("signin-pos-new", at(), "GetFederationToken", "alice", ip="198.18.0.66"),
        ev("signin-pos-outside-baseline", at(), "GetFederationToken", "alice", ip="100.64.0.9"),
        ev("signin-neg-failed", at(), "GetFederationToken", "alice", ip="198.18.0.77", error="AccessDeniedException"),
        ev("signin-neg-no-history", at(), "GetFederationToken", "carol"),
        ev("signin-neg-bob-usual", at(), "GetFederationToken", "bob"),
        ev("signin-neg-unknown-actor", at(), "GetFederationToken", "unknown", ip="198.18.0.99"),
        # root-activity
        ev("root-pos-describe", at(), "DescribeInstance", "root"),
        ev("root-pos-list-users", at(), "ListUsers", "root"),
        ev("root-neg-s3", at(), "ListBuckets", "root", source="s3.amazonaws.com"),
        ev("root-neg-iam", at(), "GetAccountSummary", "root", source="iam.amazonaws.com"),
        # voiceid-fraud-watchlist-changed
        ev("vid-pos-delete-fraudster", at(), "DeleteFraudster", "ops", dict(vid, fraudsterId="fr-1"), source="voiceid.amazonaws.com"),
        ev("vid-pos-disassociate-fraudster", at(), "DisassociateFraudster", "ops", dict(vid, fraudsterId="fr-2", watchlistId="wl-1"),
           source="voiceid.amazonaws.com"),
        ev("vid-pos-update-watchlist", at(), "UpdateWatchlist", "ops", dict(vid, watchlistId="wl-1", name="HIDDEN_DUE_TO_SECURITY_REASONS"),
           source="voiceid.amazonaws.com"),
        ev("vid-pos-delete-watchlist", at(), "DeleteWatchlist", "ops", dict(vid, watchlistId="wl-2"), source="voiceid.amazonaws.com"),
        ev("vid-pos-delete-domain", at(), "DeleteDomain", "ops", dict(vid), source="voiceid.amazonaws.com"),
        ev("vid-neg-create-watchlist", at(), "CreateWatchlist", "ops", dict(vid, name="HIDDEN_DUE_TO_SECURITY_REASONS"), source="voiceid.amazonaws.com"),
        ev("vid-neg-describe-fraudster", at(), "DescribeFraudster", "ops", dict(vid, fraudsterId="fr-1"), source="voiceid.amazonaws.com"),
        ev("vid-neg-associate-fraudster", at(), "AssociateFraudster", "ops", dict(vid, fraudsterId="fr-3", watchlistId="wl-1"),
           source="voiceid.amazonaws.com"),
        ev("vid-neg-failed-delete", at(), "DeleteFraudster", "ops", dict(vid, fraudsterId="fr-9"), source="voiceid.amazonaws.com",
           error="ResourceNotFoundException"),
        # connect-instance-deleted
        ev("del-pos-instance", at(), "DeleteInstance", "alice", instance=INST2),
        ev("del-neg-describe", at(), "DescribeInstance", "alice"),
        ev("del-neg-queue", at(), "DeleteQueue", "alice", {"QueueId": "q-old"}),
        ev("del-neg-failed", at(), "DeleteInstance", "alice", error="InvalidRequestException"),
        # connect-flow-logs-disabled
        ev("logs-pos-off", at(), "UpdateInstanceAttribute", "alice", {"AttributeType": "CONTACTFLOW_LOGS", "Value": "false"}),
        ev("logs-neg-on", at(), "UpdateInstanceAttribute", "alice", {"AttributeType": "CONTACTFLOW_LOGS", "Value": "true"}),
        ev("logs-neg-other-attribute", at(), "UpdateInstanceAttribute", "alice", {"AttributeType": "CONTACT_LENS", "Value": "false"}),
        # benign work: reads, renaming a queue, a contact's attributes
        ev("benign-rename-queue", at(), "UpdateQueueName", "ops", {"QueueId": "q-1", "Name": "Tier 2"}),
        ev("benign-describe-queue", at(), "DescribeQueue", "ops", {"QueueId": "q-1"}),
        ev("benign-list-queues", at(), "ListQueues", "ops"),
        ev("benign-contact-attributes", at(), "GetContactAttributes", "bob", {"InitialContactId": "c-1"}),
        # For a user rule file (FindingsRulesTest): a user deleted, and one created.
        ev("user-pos-delete", at(), "DeleteUser", "ops", {"UserId": "u-9"}),
        ev("user-neg-create", at(), "CreateUser", "ops", {"Username": "agent7"}),
        # eve, for access-denied-burst: the storage-neg-denied call above and nine more denied (one on the
        # second instance), and a throttled call that is not a denial.
        ev("denied-neg-eve-throttled", at(), "ListUsers", "eve", error="ThrottlingException"),
    ]
    apis = ["ListUsers", "DescribeUser", "ListQueues", "DescribeInstance", "ListSecurityProfiles", "GetContactAttributes",
            "UpdateUserSecurityProfiles", "ListPhoneNumbers", "DescribeContactFlow"]
    for i, api in enumerate(apis):
        out.append(ev("denied-pos-eve-%02d" % (i + 1), at(), api, "eve", error="UnauthorizedException" if i == 4 else "AccessDeniedException",
                      instance=INST2 if i == 8 else INST))
    # mallory: nine denied calls, one short of the default threshold.
    for i in range(9):
        out.append(ev("denied-neg-mallory-%02d" % (i + 1), at(), "ListUsers", "mallory", error="AccessDeniedException"))
    return out


def write(day, name, records):
    folder = os.path.join(ROOT, "AWSLogs", ACCOUNT, "CloudTrail", "us-east-1", day.replace("-", "/"))
    os.makedirs(folder, exist_ok=True)
    body = json.dumps({"Records": records}, separators=(",", ":")).encode()
    stamp = day.replace("-", "")
    path = os.path.join(folder, "%s_CloudTrail_us-east-1_%sT%sZ_Findings%s.json.gz" % (ACCOUNT, stamp, name[0], name[1]))
    with open(path, "wb") as f:
        f.write(gzip.compress(body, mtime=0))


if __name__ == "__main__":
    shutil.rmtree(os.path.join(ROOT, "AWSLogs"), ignore_errors=True)
    write("2025-02-20", ("0900", "Old001"), [ev("old-alice-signin", "2025-02-20T09:00:00Z", "GetFederationToken", "alice", ip="100.64.0.9")])
    write("2025-04-01", ("0905", "Base001"), day1())
    events = day2()
    write("2025-04-02", ("1005", "Day0001"), events[: len(events) // 2])
    write("2025-04-02", ("1010", "Day0002"), events[len(events) // 2:])
