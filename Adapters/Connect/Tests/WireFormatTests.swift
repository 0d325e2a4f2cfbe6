import Foundation
import JobBridge
import JobBridgeConnect
import Testing

/// The documents' JSON examples decode verbatim, and every example request is produced
/// exactly (compared as JSON).
@Suite struct WireFormatTests {
    /// A job answer assembled from the documents' `lastRun` and `params` examples, verbatim.
    static let seedJob = """
        {"jobType": "Caching", "id": "9d5c6a3e-0000-4000-8000-000000000001", "name": "MailChimp1_Conversations",
         "enabled": true, "created": "2025-11-20T15:26:43.096Z", "lastModified": "2025-11-20T15:52:32.8444712Z",
         "nextRunTime": "2025-11-20T16:52:32Z", "intervalUnit": "Hour", "intervalValue": 1, "logVerbosity": 1,
        \(Seeds.lastRunFragment),
        \(Seeds.paramsFragment)}
        """

    @Test func theListExampleDecodesWithTheSeedsLastRunAndParams() throws {
        let jobs = try TestSupport.decode([ConnectJob].self, "[\(Self.seedJob)]")
        let job = try #require(jobs.first)
        #expect(job.jobType == .caching)
        #expect(job.intervalUnit == .hour)
        #expect(job.intervalValue == 1)
        #expect(job.lastModified == ConnectDate.parse("2025-11-20T15:52:32.8444712Z"))
        let lastRun = try #require(job.lastRun)
        #expect(lastRun.duration == 63_894_847_975)
        #expect(lastRun.status == "JOB_QUEUED")
        #expect(lastRun.rowsAffected == 0)
        #expect(lastRun.isNeverRun)
        #expect(lastRun.dateTime == ConnectDate.minimum)
        #expect(job.params.sourceConnection == "f6f3cfe6-72e2-4edb-914f-4409c01c1418")
        #expect(job.params.sourceName == "MailChimp1")
        #expect(job.params.sourceSchema == "MailChimp")
        #expect(job.params.sourceTable == "Conversations")
        #expect(job.params.timeCheckColumn == "")
        #expect(job.params.autoTruncateStrings == false)
        #expect(job.params["autoTruncateStrings"] == "false")
    }

    @Test func aListWithNullJobsIsEmpty() async throws {
        let fixture = FixedAnswer(#"{"jobs": null}"#)
        #expect(try await fixture.client().jobs().isEmpty)
        #expect(fixture.requests.first?.url.absoluteString == "https://cloud.cdata.com/api/job/list")
    }

    @Test func describeAcceptsTheBareJobAndTheWrapper() async throws {
        for body in [Self.seedJob, "{\"jobs\": [\(Self.seedJob)]}"] {
            let fixture = FixedAnswer(body)
            let client = try fixture.client()
            let job = try await client.job("9d5c6a3e-0000-4000-8000-000000000001")
            #expect(job.id == "9d5c6a3e-0000-4000-8000-000000000001")
            #expect(job.params.sourceTable == "Conversations")
        }
    }

    @Test func theCreateExampleWithStringsDecodes() throws {
        let request = try TestSupport.decode(ConnectJobRequest.self, Seeds.createRequest)
        #expect(request.jobType == .caching)
        #expect(request.intervalUnit == .hour)
        #expect(request.intervalValue == 1)
        #expect(request.logVerbosity == 1)
        #expect(request.enabled == true)
        #expect(request.params.sourceConnection == "36b2c04f-70f4-44a1-876a-29e42237ee63")
        #expect(request.params.sourceName == "OData1")
        #expect(request.params.sourceTable == "Categories")
        #expect(request.params.autoTruncateStrings == false)
        let update = try TestSupport.decode(ConnectJobRequest.self, Seeds.updateRequest)
        #expect(update.params.sourceTable == "Conversations")
        let params = try TestSupport.decode([String: ConnectJobParams].self, "{\(Seeds.createParamsFragment)}")
        #expect(params["params"]?.sourceConnection == "M36b2c04f-70f4-44a1-876a-29e42237ee63")
    }

    @Test(arguments: [Seeds.createRequest, Seeds.updateRequest])
    func theExampleRequestIsProducedWithNumbersAndBooleans(_ example: String) throws {
        let decoded = try TestSupport.decode(ConnectJobRequest.self, example)
        let built = ConnectJobRequest(
            jobType: .caching, intervalUnit: .hour, intervalValue: 1, logVerbosity: 1, enabled: true,
            params: decoded.params)
        // The documents send "1" and "true" as strings; the schema and every answer use a
        // number and a Boolean, which is what is sent. Otherwise the example, exactly.
        var expected = try TestSupport.json(example)
        expected["intervalValue"] = 1
        expected["logVerbosity"] = 1
        expected["enabled"] = true
        #expect(try TestSupport.json(encoding: built) == expected)
        let params = try #require(expected["params"]?.objectValue)
        var typed = ConnectJobParams()
        typed.timeCheckColumn = ""
        typed.autoTruncateStrings = false
        typed.sourceConnection = params["sourceConnection"]?.stringValue
        typed.sourceName = params["sourceName"]?.stringValue
        typed.sourceSchema = params["sourceSchema"]?.stringValue
        typed.sourceTable = params["sourceTable"]?.stringValue
        #expect(typed == decoded.params)
    }

    @Test func definedNextRunAndNameAreSentWhenSet() throws {
        let request = ConnectJobRequest(
            jobType: .scheduledQuery, name: "Nightly", intervalUnit: .day, intervalValue: 2,
            definedNextRun: Date(timeIntervalSince1970: 1_767_229_200), params: ConnectJobParams(["query": "SELECT 1"]))
        let expected = try TestSupport.json(
            #"""
            {"jobType": "ScheduledQuery", "name": "Nightly", "intervalUnit": "Day", "intervalValue": 2,
             "definedNextRun": "2026-01-01T01:00:00Z", "params": {"query": "SELECT 1"}}
            """#)
        #expect(try TestSupport.json(encoding: request) == expected)
    }

    @Test func theCacheConnectionExamplesRoundTrip() async throws {
        let string = ConnectCacheConnectionString(
            Secret(
                "jdbc:cdata:postgresql:Server=<Server URL>;Port=5432;User=<Your User Name>;Password=<Your Password>;Database=<Database Name>;"
            ))
        let fixture = FixedAnswer(Seeds.cacheConnectionResponse)
        let connection = try await fixture.client().setCacheConnection(string)
        #expect(try fixture.lastBody() == (try TestSupport.json(Seeds.cacheConnectionRequest)))
        #expect(fixture.requests.last?.url.absoluteString == "https://cloud.cdata.com/api/job/cacheConnection")
        #expect(connection.id == "1c9b0ae6-3a6f-417a-8460-4ce5b5528540")
        #expect(connection.name == "CacheConnection")
        #expect(connection.driver == "PostgreSQL")
        #expect(connection.driverVersion == "24.0.9172.0")
        #expect(connection.accountID == "fee1ce9d-c40c-4ef6-8f8c-77461315713d")
        #expect(connection.connectionType == 0)
        #expect(connection.isTested == false)
        #expect(connection.walletFilePresent == false)
        #expect(connection.isCannedConnection == false)
        #expect(connection.created == ConnectDate.parse("2025-11-20T15:26:43.096Z"))
        #expect(connection.connectionString?.revealed.contains("password=<Your Password>") == true)
    }

    @Test func theCacheConnectionIsBuiltFromItsParts() throws {
        let string = try ConnectCacheConnectionString(
            server: "<Server URL>", user: "<Your User Name>", password: "<Your Password>",
            database: "<Database Name>")
        let expected = try TestSupport.json(Seeds.cacheConnectionRequest)
        #expect(string.value.revealed == expected["connectionString"]?.stringValue)
        #expect(throws: JobBridgeError.self) {
            try ConnectCacheConnectionString(server: "db", user: "u", password: "a;b", database: "d")
        }
    }

    @Test func theFormLinkAndEmbedRequestsAreProducedExactly() throws {
        #expect(
            try TestSupport.json(encoding: ConnectCacheConnectionFormRequest(redirectURL: "https://www.google.com"))
                == (try TestSupport.json(Seeds.formLinkRequest)))
        let create = ConnectEmbedCreateConnectionRequest(
            redirectURL: "https://www.google.com", dataSource: "ExcelOnline", name: "ExcelConnection")
        #expect(try TestSupport.json(encoding: create) == (try TestSupport.json(Seeds.embedCreateRequest)))
        let full = ConnectEmbedCreateConnectionRequest(
            redirectURL: "https://app.example.com/back", dataSource: "Salesforce", name: "CRM", externalID: "tenant-7",
            editableName: false)
        #expect(
            try TestSupport.json(encoding: full)
                == (try TestSupport.json(
                    #"{"redirectURL":"https://app.example.com/back","dataSource":"Salesforce","name":"CRM","externalId":"tenant-7","editableName":false}"#
                )))
    }

    @Test(arguments: [Seeds.formLinkResponse, Seeds.embedCreateResponse, Seeds.jobsURLResponse])
    func theRedirectAnswersDecode(_ answer: String) throws {
        let link = try TestSupport.decode(ConnectRedirectLink.self, answer)
        #expect(link.url.host == "cloud.cdata.com")
        #expect(link.url.query?.contains("token=eyJ") == true)
        #expect(!link.description.contains("eyJ"))
        #expect(link.description.contains("token=<redacted>"))
    }

    @Test func theEmbedListsDecode() async throws {
        let fixture = FixedAnswer(
            #"""
            {"connections": [
              {"id": "da77460c-7438-4288-be66-ea0059c160ae", "name": "OData1", "dataSource": "OData",
               "lastModified": "2026-03-11T15:50:50.88Z", "externalId": null, "mcpUrl": "https://mcp.example/1",
               "status": "Authenticated"},
              {"id": "507b42e8-94b1-488e-a1d8-5a62d5d74a31", "name": "Salesforce1", "dataSource": "Salesforce",
               "status": "SomethingNew", "unknownMember": 1}]}
            """#)
        let connections = try await fixture.client().connections(driver: "OData", externalID: "a b&c")
        #expect(
            fixture.requests.last?.url.absoluteString
                == "https://cloud.cdata.com/api/poweredby/connection/list?driver=OData&externalId=a%20b%26c")
        #expect(
            connections.map(\.id) == ["da77460c-7438-4288-be66-ea0059c160ae", "507b42e8-94b1-488e-a1d8-5a62d5d74a31"])
        #expect(connections[0].status == .authenticated)
        #expect(connections[0].lastModified == ConnectDate.parse("2026-03-11T15:50:50.880Z"))
        #expect(connections[1].status?.rawValue == "SomethingNew")
        let sources = FixedAnswer(#"{"dataSources":[{"dataSource":"ExcelOnline"},{"dataSource":"Salesforce"}]}"#)
        #expect(try await sources.client().dataSources() == ["ExcelOnline", "Salesforce"])
    }

    @Test(arguments: [
        ("2025-11-20T15:52:32.8444712Z", 1_763_653_952.8444712),
        ("2025-11-20T15:26:43.096Z", 1_763_652_403.096),
        ("2025-11-20T15:26:43Z", 1_763_652_403),
        ("2025-11-20T16:26:43+01:00", 1_763_652_403),
        ("2025-11-20T15:26:43.5", 1_763_652_403.5),
        ("0001-01-01T00:00:00Z", -62_135_596_800),
    ])
    func datesParseWithAnyFraction(_ text: String, _ seconds: Double) throws {
        let date = try #require(ConnectDate.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_01)
    }

    @Test func badDatesAreRefusedAndFormattingRoundTrips() throws {
        for text in ["", "2025-13-20T00:00:00Z", "2025-11-20T15:26:43.Z", "yesterday"] {
            #expect(ConnectDate.parse(text) == nil, "\(text)")
        }
        // A date alone is read leniently, as midnight UTC (the core's WireDate).
        #expect(ConnectDate.parse("2025-11-20") == Date(timeIntervalSince1970: 1_763_596_800))
        for seconds in [0.0, 1_767_229_200, 1_767_229_200.25, -62_135_596_800] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ConnectDate.parse(ConnectDate.format(date)) == date)
        }
        #expect(ConnectDate.format(ConnectDate.minimum) == "0001-01-01T00:00:00Z")
    }

    @Test func aBadFieldIsNamedInTheError() async throws {
        let fixture = FixedAnswer(#"{"id": "j1", "intervalValue": "often"}"#)
        let error = try await #require(throws: JobBridgeError.self) { try await fixture.client().job("j1") }
        #expect(error.code == .badResponse)
        #expect(error.field == "intervalValue")
    }
}
