import Foundation
import JobBridge
import JobBridgeNX1
import Testing

/// The examples of `seeds/nx1-create-job.txt`, verbatim, and the tolerance rules of the
/// wire types.
@Suite struct NX1WireFormatTests {
    /// The seed's example request body, verbatim.
    static let seedRequest = """
        {
          "job_type": "<string>",
          "job_name": "<string>",
          "source": "<string>",
          "destination": "<string>",
          "properties_json": "<string>",
          "schedule": "<string>"
        }
        """

    /// The seed's example response body, verbatim.
    static let seedResponse = """
        {
          "job_type": "<string>",
          "job_name": "<string>",
          "id": "3c90c3cc-0d44-4b50-8888-8dd25736052a",
          "status": "<string>",
          "created_at": "2023-11-07T05:31:56Z",
          "source": "<string>",
          "destination": "<string>",
          "properties_json": "<string>",
          "schedule": "<string>"
        }
        """

    @Test func producesTheSeedRequestExactly() throws {
        let request = NX1CreateJobRequest(
            jobType: NX1JobType(rawValue: "<string>"), jobName: "<string>", source: "<string>",
            destination: "<string>", propertiesJSON: "<string>", schedule: "<string>")
        let encoded = try JSONValue(data: try JSONEncoder().encode(request))
        #expect(encoded == (try NX1Test.json(Self.seedRequest)))
    }

    @Test func decodesTheSeedResponse() throws {
        let job = try NX1Test.job(Self.seedResponse)
        #expect(job.id == "3c90c3cc-0d44-4b50-8888-8dd25736052a")
        #expect(job.jobType.rawValue == "<string>")
        #expect(job.jobName == "<string>")
        #expect(job.status?.rawValue == "<string>")
        #expect(job.createdAt == Date(timeIntervalSince1970: 1_699_335_116))
        #expect(job.source == "<string>")
        #expect(job.destination == "<string>")
        #expect(job.propertiesJSON == "<string>")
        #expect(job.schedule == "<string>")
        #expect(job.isDeleted == false)
        #expect(job.additionalFields.isEmpty)
        // Re-encoding gives back every field of the example.
        let again = try JSONValue(data: try JSONEncoder().encode(job))
        for (key, value) in try #require(try NX1Test.json(Self.seedResponse).objectValue) {
            #expect(again[key] == value, "\(key)")
        }
    }

    @Test func theSeedResponseMapsWithoutFailing() throws {
        // Its placeholders are not JSON nor cron: the mapping keeps them, it does not crash.
        let job = NX1Mapping.job(from: try NX1Test.job(Self.seedResponse))
        #expect(job.id == "3c90c3cc-0d44-4b50-8888-8dd25736052a")
        #expect(job.kind == JobKind(.other, providerValue: "<string>"))
        #expect(job.settings.isEmpty)
        // The placeholder is no cron: it is kept as unreadable, never read as manual.
        guard case .unreadable(let schedule) = job.schedule else {
            Issue.record("the seed's schedule read as \(job.schedule), not as unreadable")
            return
        }
        #expect(schedule.text == "<string>" && schedule.dialect == .airflow)
        #expect(job.providerData?["properties_json"] == "<string>")
        #expect(job.providerData?["schedule"] == "<string>")
        // An unknown status is kept as an unknown phase, even before any start.
        #expect(job.lastRun?.status == RunStatus(.unknown, providerValue: "<string>"))
        #expect(job.lastRun?.startedAt == nil)
    }

    @Test func malformedPropertiesJSONIsAClearErrorAndKeptRaw() throws {
        let job = try NX1Test.job(#"{"id":"j","job_name":"n","job_type":"mirror","properties_json":"{\"a\":"}"#)
        #expect(job.propertiesJSON == #"{"a":"#)
        let error = try #require(throws: JobBridgeError.self) { try job.properties() }
        #expect(error.code == .badResponse)
        #expect(error.field == "properties_json")
        #expect(error.message.contains("not valid JSON"))
    }

    @Test func propertiesJSONIsAStringBothWays() throws {
        let job = try NX1Test.job(
            #"{"id":"j","job_name":"n","job_type":"airflow.nlp","properties_json":"{\"model\":\"v3\",\"k\":[1,2]}"}"#)
        #expect(try job.properties() == ["model": "v3", "k": [1, 2]])
        var request = NX1CreateJobRequest(jobType: .nlp, jobName: "n")
        try request.setProperties(["retries": 3, "pool": "gpu"])
        let body = try JSONValue(data: try JSONEncoder().encode(request))
        #expect(body["properties_json"] == .string(#"{"pool":"gpu","retries":3}"#))
        #expect(body["schedule"] == .null)
    }

    @Test func anObjectSentAsPropertiesIsKeptAsItsText() throws {
        let job = try NX1Test.job(#"{"id":"j","job_name":"n","job_type":"mirror","properties_json":{"b":1}}"#)
        #expect(job.propertiesJSON == #"{"b":1}"#)
        #expect(try job.properties() == ["b": 1])
    }

    @Test func everyDocumentedFieldAndUnknownOnesAreKept() throws {
        let text = """
            {"id":"5f0c","job_name":"Tickets","job_type":"airflow.airbyte","source":"zendesk","destination":"lake",
             "schedule":"@hourly","properties_json":null,"owner_id":42,"status":"success","status_message":"ok",
             "created_at":"2026-01-01T00:00:00.123456Z","last_started_at":"2026-01-02T03:04:05+02:00",
             "last_completed_at":"2026-01-02T03:10:00","last_failed_at":null,"is_deleted":false,"deleted_at":null,
             "dag_id":"tickets_v2","tags":["a"]}
            """
        let job = try NX1Test.job(text)
        #expect(job.jobType == .airbyte)
        #expect(job.ownerID == "42")
        #expect(job.status == .success)
        #expect(job.statusMessage == "ok")
        #expect(job.schedule == "@hourly")
        #expect(job.createdAt == Date(timeIntervalSince1970: 1_767_225_600.123456))
        #expect(job.lastStartedAt == (try NX1Test.date("2026-01-02T01:04:05Z")))
        #expect(job.lastCompletedAt == (try NX1Test.date("2026-01-02T03:10:00Z")))
        #expect(job.additionalFields == ["dag_id": "tickets_v2", "tags": ["a"]])
        let again = try JSONValue(data: try JSONEncoder().encode(job))
        #expect(again["dag_id"] == "tickets_v2")
        #expect(again["tags"] == ["a"])
    }

    @Test func unknownTypesAndStatusesAreKept() throws {
        let job = try NX1Test.job(#"{"id":"j","job_name":"n","job_type":"spark.batch","status":"queued_for_review"}"#)
        #expect(job.jobType.rawValue == "spark.batch")
        #expect(job.status?.rawValue == "queued_for_review")
    }

    @Test(arguments: [
        ("2023-11-07T05:31:56Z", 1_699_335_116.0),
        ("2023-11-07T05:31:56.250Z", 1_699_335_116.25),
        ("2023-11-07T05:31:56.250000+00:00", 1_699_335_116.25),
        ("2023-11-07T07:31:56+02:00", 1_699_335_116.0),
        ("2023-11-07T00:31:56-0500", 1_699_335_116.0),
        ("2023-11-07T05:31:56", 1_699_335_116.0),
        ("2023-11-07 05:31:56.5", 1_699_335_116.5),
        ("2023-11-07T05:31Z", 1_699_335_060.0),
    ])
    func readsEveryISO8601Form(text: String, seconds: Double) throws {
        let date = try #require(NX1Date.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_5)
    }

    @Test(arguments: ["", "yesterday", "2023-13-07T05:31:56Z", "2023-11-07T05:31:56Zjunk", "2023-11-07T25:00:00Z"])
    func refusesWhatIsNotADate(text: String) {
        #expect(NX1Date.parse(text) == nil)
    }

    @Test func writesDatesInUTCWithAFractionOnlyWhenThereIsOne() {
        #expect(NX1Date.format(Date(timeIntervalSince1970: 1_699_335_116)) == "2023-11-07T05:31:56Z")
        #expect(NX1Date.format(Date(timeIntervalSince1970: 1_699_335_116.5)) == "2023-11-07T05:31:56.500000Z")
    }

    @Test func aBadDateNamesItsField() throws {
        let error = try #require(throws: DecodingError.self) {
            try NX1Test.job(#"{"id":"j","job_name":"n","job_type":"mirror","created_at":"soon"}"#)
        }
        #expect("\(error)".contains("created_at"))
    }

    @Test func statusUpdateBody() throws {
        let full = try JSONValue(
            data: try JSONEncoder().encode(NX1StatusUpdate(status: .failed, statusMessage: "disk full")))
        #expect(full == ["status": "failed", "status_message": "disk full"])
        let bare = try JSONValue(data: try JSONEncoder().encode(NX1StatusUpdate(status: .running)))
        #expect(bare == ["status": "running"])
    }
}
