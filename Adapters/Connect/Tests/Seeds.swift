// The JSON examples and return URLs of the provider's documents, copied verbatim from
// ../shared/seeds/connect-*.txt. Fragments (`"lastRun": {…}`) are kept as written and
// wrapped in braces where used. Not copied, because they are not JSON: the answers shown
// as `{"jobs": [/*job information shown below*/]}` (a job built from the lastRun and
// params examples stands for them) and the update page's params example written with
// typographic quotes.
enum Seeds {
    static let formLinkRequest = #"""
        {
        "redirectURL": "https://www.google.com"
        }
        """#

    static let formLinkResponse = #"""
        {
        "redirectURL": "https://cloud.cdata.com/oem/user/cacheConnection?token=eyJhbGciOiJSUzI1NiIsImtpZCI6IlNJdTlCdjVjWU1HMDRMYW84YXh3T0E2Nlk5UVlBV0dQd05YeTA5Q1hlY3MiLCJ0eXAiOiJKV1QifQ.eyJzdWIiOiJmZWUxY2U5ZC1jNDBjLTRlZjYtOGY4Yy03NzQ2MTMxNTcxM2QiLCJ0b2tlblR5cGUiOiJwb3dlcmVkLWJ5Iiwib2VtQWRtaW5BY2NvdW50SWQiOiJkZWUxZmVlZC1jNDBjLTRlZjYtOGY4Yy03NzQ2MTMxNTcxM2QiLCJvZW1TdWJBY2NvdW50SWQiOiJmZWUxY2U5ZC1jNDBjLTRlZjYtOGY4Yy03NzQ2MTMxNTcxM2QiLCJmbG93VHlwZSI6ImNyZWF0ZUNvbm5lY3Rpb24iLCJhY2NvdW50SWQiOiJmZWUxY2U5ZC1jNDBjLTRlZjYtOGY4Yy03NzQ2MTMxNTcxM2QiLCJodHRwczovL2Nsb3VkLmNkYXRhLmNvbS9jbGFpbXMvYWNjb3VudF9uYW1lIjoiQ0RhdGFCU0VDaGlsZCIsImh0dHBzOi8vY2xvdWQuY2RhdGEuY29tL2NsYWltcy91c2VyX3R5cGUiOiIwIiwiaHR0cHM6Ly9jbG91ZC5jZGF0YS5jb20vY2xhaW1zL3VzZXJfaWQiOiI0YmJiYmJiYi0zYzVjLTU2ZjgtYWFlNC1iOTg3ZDhlYTM5N2EiLCJuYW1lIjoiU2VydmljZSBVc2VyIiwiZW1haWwiOiJzZXJ2aWNlQWNjY291bnRAZmFrZS5jb20iLCJmbG93RGF0YXNvdXJjZSI6IlBvc3RncmVTUUwiLCJuYmYiOjE3NjI4OTYxNTEsImV4cCI6MTc2Mjg5NjMzMSwiaXNzIjoiY2RhdGEuY29ubmVjdC5hY2NvdW50c2VydmljZSIsImF1ZCI6ImNkYXRhLmNvbm5lY3Qub2VtIn0.Wucf_8YhzGlggHr3DXMsJJYD7BpvcJTxFhJrYcWo9hF28gt684XES0Jh6VZ3YReFb0HVvQlqB_Vf7pkSC_seIPLXC4J7gVaX8oRBKgT6S8aIrNiyi_kZDueeRnBo3sVezUCmzCenEMcHA61H8H8-B7PDhMgOwaKWyFZCpL_ATHH7kTVYAVl8AoeG-z4A1RlwcSnbsoP4RZRgeOv9XEpz_0naviJ7TUyz54WlPAvdFwG6As_R0oI1oU6Nw7aXetphiTqmq3pAYk3FP__8KIkUSliEQv6-VxO6Ugc7CF97Dplzl7arBYkoGkVpv3Rk7jdteZYw0m_uRjKNjhfeB1Vexg&driver=PostgreSQL&redirectUrl=https%3A%2F%2Fwww.google.com&connectionName=OEMCacheConnection"
        }
        """#

    static let cacheConnectionRequest = #"""
        {
        "connectionString": "jdbc:cdata:postgresql:Server=<Server URL>;Port=5432;User=<Your User Name>;Password=<Your Password>;Database=<Database Name>;"
        }
        """#

    static let cacheConnectionResponse = #"""
        {
        "connection": {
        "accountId": "fee1ce9d-c40c-4ef6-8f8c-77461315713d",
        "connectionString": "server=<Server URL>;port=5432;user=<Your User Name>;password=<Your Password>;database=support",
        "connectionType": 0,
        "created": "2025-11-20T15:26:43.096Z",
        "driver": "PostgreSQL",
        "driverVersion": "24.0.9172.0",
        "id": "1c9b0ae6-3a6f-417a-8460-4ce5b5528540",
        "isTested": false,
        "lastModified": "2025-11-20T15:52:32.8444712Z",
        "name": "CacheConnection",
        "walletFilePresent": false,
        "isCannedConnection": false
        }
        }
        """#

    static let lastRunFragment = #"""
        "lastRun": {
        "dateTime": "0001-01-01T00:00:00Z",
        "duration": 63894847975,
        "status": "JOB_QUEUED",
        "rowsAffected": 0,
        "nextRunTime": "0001-01-01T00:00:00Z"
        }
        """#

    static let paramsFragment = #"""
        "params": {
        "timeCheckColumn": "",
        "autoTruncateStrings": "false",
        "sourceConnection": "f6f3cfe6-72e2-4edb-914f-4409c01c1418",
        "sourceName": "MailChimp1",
        "sourceSchema": "MailChimp",
        "sourceTable": "Conversations"
        }
        """#

    static let createRequest = #"""
        {
        "jobType": "Caching",
        "intervalUnit": "Hour",
        "intervalValue": "1",
        "logVerbosity": "1",
        "enabled": "true",
        "params": {
        "timeCheckColumn": "",
        "autoTruncateStrings": "false",
        "sourceConnection": "36b2c04f-70f4-44a1-876a-29e42237ee63",
        "sourceName": "OData1",
        "sourceSchema": "OData",
        "sourceTable": "Categories"
        }
        }
        """#

    static let createParamsFragment = #"""
        "params": {
        "timeCheckColumn": "",
        "autoTruncateStrings": "false",
        "sourceConnection": "M36b2c04f-70f4-44a1-876a-29e42237ee63",
        "sourceName": "OData1",
        "sourceSchema": "OData",
        "sourceTable": "Conversations"
        }
        """#

    static let updateRequest = #"""
        {
        "jobType": "Caching",
        "intervalUnit": "Hour",
        "intervalValue": "1",
        "logVerbosity": "1",
        "enabled": "true",
        "params": {
        "timeCheckColumn": "",
        "autoTruncateStrings": "false",
        "sourceConnection": "36b2c04f-70f4-44a1-876a-29e42237ee63",
        "sourceName": "MailChimp",
        "sourceSchema": "MailChimp",
        "sourceTable": "Conversations"
        }
        }
        """#

    static let embedCreateRequest = #"""
        {
          "dataSource": "ExcelOnline",
          "redirectURL": "https://www.google.com",
          "name": "ExcelConnection"
        }
        """#

    static let embedCreateResponse = #"""
        {
          "redirectURL": "https://cloud.cdata.com/oem/user/connections/edit?token=eyJhbGciOiJSUzI1NiIsImtpZCI6IlNJdTlCdjVjWU1HMDRMYW84YXh3T0E2Nlk5UVlBV0dQd05YeTA5Q1hlY3MiLCJ0eXAiOiJKV1QifQ.eyJzdWIiOiJmZWUxY2U5ZC1jNDBjLTRlZjYtOGY4Yy03NzQ2MTMxNTcxM2QiLCJ0b2tlblR5cGUiOiJwb3dlcmVkLWJ5Iiwib2VtQWRtaW5BY2NvdW50SWQiOiJkZWUxZmVlZC1jNDBjLTRlZjYtOGY4Yy03NzQ2MTMxNTcxM2QiLCJmbG93VHlwZSI6ImNyZWF0ZUNvbm5lY3Rpb24iLCJhY2NvdW50SWQiOiJmZWUxY2U5ZC1jNDBjLTRlZjYtOGY4Yy03NzQ2MTMxNTcxM2QiLCJodHRwczovL2Nsb3VkLmNkYXRhLmNvbS9jbGFpbXMvYWNjb3VudF9uYW1lIjoiQ0RhdGFCU0VDaGlsZCIsImh0dHBzOi8vY2xvdWQuY2RhdGEuY29tL2NsYWltcy91c2VyX3R5cGUiOiIwIiwiaHR0cHM6Ly9jbG91ZC5jZGF0YS5jb20vY2xhaW1zL3VzZXJfaWQiOiI0YmJiYmJiYi0zYzVjLTU2ZjgtYWFlNC1iOTg3ZDhlYTM5N2EiLCJuYW1lIjoiU2VydmljZSBVc2VyIiwiZW1haWwiOiJzZXJ2aWNlQWNjY291bnRAZmFrZS5jb20iLCJmbG93RGF0YXNvdXJjZSI6IkV4Y2VsT25saW5lIiwibmJmIjoxNzIxMTU0ODY1LCJleHAiOjE3MjExNTUwNDUsImlzcyI6ImNkYXRhLmNvbm5lY3QuYWNjb3VudHNlcnZpY2UiLCJhdWQiOiJjZGF0YS5jb25uZWN0Lm9lbSJ9.Yjph-6HkExJ3eIc3d2pgjZUYMx-GvYcCuuRx8NfKBXkCo_LHZdg8Hn9tcYDr4dEUuL8JTFMzNVgLa-KMQ9PNFmF-R43LSEY3rPXw0iI-9AjYiWOf_fqZe79b-8ig-gnHRKYtHyohVbB4JoXKcICitNBW58gvxc3w7D6XkykAAKRugvVdTJYsaYOwcHar8J7hxtUYaiwmNfP11xo-i1HFkxubUbi3OXr02eGURXidSCAgDxEL7wEXFjLAIxN4sXvbNiAy_OVNSUYnjEhJNxRJiDD7-XZbSVK-Uw68ohv3h4HPnVCKW8DSRWOGhu6kZ_yMQ0buI8qli3tt_YONyAazhw&driver=ExcelOnline&redirectUrl=https%3A%2F%2Fwww.google.com"
        }
        """#

    static let jobsURLResponse = #"""
        {
          "redirectURL": "https://cloud.cdata.com/oem/user/jobs?token=eyJhbGciOiJSUzI1NiIsImtpZCI6IlNJdTlCdjVjWU1HMDRMYW84YXh3T0E2Nlk5UVlBV0dQd05YeTA5Q1hlY3MiLCJ0eXAiOiJKV1QifQ.eyJzdWIiOiJmZWUxY2U5ZC1jNDBjLTRlZjYtOGY4Yy03NzQ2MTMxNTcxM2QiLCJ0b2tlblR5cGUiOiJwb3dlcmVkLWJ5Iiwib2VtQWRtaW5BY2NvdW50SWQiOiJkZWUxZmVlZC1jNDBjLTRlZjYtOGY4Yy03NzQ2MTMxNTcxM2QiLCJvZW1TdWJBY2NvdW50SWQiOiJmZWUxY2U5ZC1jNDBjLTRlZjYtOGY4Yy03NzQ2MTMxNTcxM2QiLCJmbG93VHlwZSI6ImpvYnMiLCJhY2NvdW50SWQiOiJmZWUxY2U5ZC1jNDBjLTRlZjYtOGY4Yy03NzQ2MTMxNTcxM2QiLCJodHRwczovL2Nsb3VkLmNkYXRhLmNvbS9jbGFpbXMvYWNjb3VudF9uYW1lIjoiQ0RhdGFPRU1Vc2VyIiwiaHR0cHM6Ly9jbG91ZC5jZGF0YS5jb20vY2xhaW1zL3VzZXJfdHlwZSI6IjAiLCJodHRwczovL2Nsb3VkLmNkYXRhLmNvbS9jbGFpbXMvdXNlcl9pZCI6IjRiYmJiYmJiLTNjNWMtNTZmOC1hYWU0LWI5ODdkOGVhMzk3YSIsIm5hbWUiOiJPRU1TdWJBY2NvdW50VXNlciBDb25uZWN0Q2xvdWQiLCJlbWFpbCI6Im9lbS00YmJiYmJiYi0zYzVjLTU2ZjgtYWFlNC1iOTg3ZDhlYTM5N2FAZmFrZWVtYWlsLmNvbSIsImNvbm5lY3Rpb25JZCI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMCIsIm5iZiI6MTc2NzEyMDM5MiwiZXhwIjoxNzY3MTIwNTcyLCJpc3MiOiJjZGF0YS5jb25uZWN0LmFjY291bnRzZXJ2aWNlIiwiYXVkIjoiY2RhdGEuY29ubmVjdC5vZW0ifQ.S7UtQ3qlgeogzYRnNQQA1rtsyR-G-SfXNVRzCJayg2eL3qaWahIOjJCTZYyfNAWkKyh5RRtxfyhJOgGm0AMf9xaltvl04AOMJILJWcinnptcIhEFeetGnrJEdT6nOVhpj2o7wGv28Nv395a2wv6Ns4z7IT-0rzbVa8UU9jqu3zANw5FoqIm7kr1SILVPpsan-q4yFjf-MBIzfswGB4EfWylc894nO9IThnZxfjCL0-XOzxnRI8o1gj2zlJM5inizoEGxFlTzpuhmt0ArMFlESOdze4dJUP6JmFcPJ-9v2fiEraX_QP-lWeujcxz386Qtk37sd08l-BhZITLR8iXqmA"
        }
        """#

    static let returnURLs = [
        "https://www.google.com/?cdata_connection_id=da77460c-7438-4288-be66-ea0059c160ae&cdata_connection_name=OData1&cdata_connection_status=success&zx=1773244250880&no_sw_cr=1",
        "https://www.google.com/?cdata_connection_status=none&zx=1773252769892&no_sw_cr=1",
        "https://www.google.com/?cdata_connection_id=507b42e8-94b1-488e-a1d8-5a62d5d74a31&cdata_connection_name=Salesforce1&cdata_connection_status=error&zx=1773252951878&no_sw_cr=1",
    ]
}
