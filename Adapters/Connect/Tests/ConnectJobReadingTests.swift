import Foundation
import JobBridge
import Testing

@testable import JobBridgeConnect

/// `ConnectJob(wire:)` meets a job's members in one pass, in no fixed order, and reads
/// them in the documented order: every documented member lands in its own field, and of
/// several bad members the same one is reported every time.
@Suite struct ConnectJobReadingTests {
    static let members: [String: JSONValue] = [
        "id": 7, "name": "Orders", "jobType": "caching", "enabled": "false", "created": "2024-01-01T00:00:00Z",
        "lastModified": "2024-01-02T00:00:00Z", "nextRunTime": "2024-01-03T00:00:00Z", "intervalUnit": "HOURS",
        "intervalValue": "6", "logVerbosity": 3, "definedNextRun": "2024-01-04T00:00:00Z",
        "lastRun": ["status": "JOB_COMPLETED", "rowsAffected": 12], "params": ["query": "SELECT 1"],
        "x_unknown": true,
    ]

    @Test func everyDocumentedMemberIsReadIntoItsField() throws {
        let job = try ConnectJob(wire: WireObject(.object(Self.members), what: "a job"))
        #expect(job.id == "7")
        #expect(job.name == "Orders")
        #expect(job.jobType?.rawValue == "caching")
        #expect(job.enabled == false)
        let dates = [job.created, job.lastModified, job.nextRunTime, job.definedNextRun]
        #expect(dates == (1...4).map { WireDate.parse("2024-01-0\($0)T00:00:00Z") })
        #expect(job.intervalUnit?.rawValue == "HOURS")
        #expect(job.intervalValue == 6)
        #expect(job.logVerbosity == 3)
        #expect(job.lastRun?.status == "JOB_COMPLETED")
        #expect(job.lastRun?.rowsAffected == 12)
        #expect(job.params.values["query"] == "SELECT 1")
        #expect(job.raw == .object(Self.members))
    }

    @Test func ofSeveralBadMembersTheFirstInDocumentedOrderIsReported() throws {
        var bad = Self.members
        bad["name"] = 5
        bad["intervalValue"] = "six"
        bad["params"] = "none"
        for _ in 0..<5 {
            let error = #expect(throws: DecodingError.self) {
                try ConnectJob(wire: WireObject(.object(bad), what: "a job"))
            }
            guard case .typeMismatch(_, let context)? = error else {
                Issue.record("expected a type mismatch, got \(String(describing: error))")
                return
            }
            #expect(context.codingPath.map(\.stringValue) == ["name"])
        }
        var noID = Self.members
        noID["id"] = nil
        let missing = #expect(throws: DecodingError.self) {
            try ConnectJob(wire: WireObject(.object(noID), what: "a job"))
        }
        #expect("\(String(describing: missing))".contains("has no id"))
    }

    @Test func portableParamsAreTheOnesTheTableNames() throws {
        var portable = ConnectMapping.PortableParams()
        for key in ConnectMapping.portableParams {
            let taken = portable.take(key, "v")
            #expect(taken, "\(key)")
        }
        for key in ["", "query ", "Query", "sourceTables", "destinationTable", "timeCheckColumn", "mergeKeys"] {
            let taken = portable.take(key, "v")
            #expect(!taken, "\(key)")
        }
        var params = ConnectJobParams()
        for (index, key) in ConnectMapping.portableParams.sorted().enumerated() { params[key] = .string("v\(index)") }
        params["sourceTable"] = 5  // not a string: read as absent, and still not a setting
        let read = ConnectMapping.PortableParams(params)
        #expect(read.sourceConnection == params.sourceConnection)
        #expect(read.sourceConnectionName == params.sourceConnectionName)
        #expect(read.sourceName == params.sourceName)
        #expect(read.sourceSchema == params.sourceSchema)
        #expect(read.sourceTable == nil)
        #expect(read.query == params.query)
        #expect(read.destinationConnectionName == params.destinationConnectionName)
        var members = Self.members
        members["params"] = .object(params.values.merging(["x_setting": 1]) { first, _ in first })
        let job = ConnectMapping.job(
            try ConnectJob(wire: WireObject(.object(members), what: "a job")), cacheConnection: nil)
        #expect(job.settings == ["x_setting": 1, "logVerbosity": 3])
    }

    @Test func aListingIsTheMappingOfTheNativeJobs() async throws {
        var other = Self.members
        other["id"] = "8"
        other["jobType"] = "ScheduledQuery"
        other["params"] = ["query": "SELECT 1", "destinationConnectionName": "Cache"]
        let body = try String(
            decoding: JSONValue.object(["jobs": [.object(Self.members), .object(other)]]).data(), as: UTF8.self)
        let cache = ConnectionRef(id: "cache-id", name: "CacheConnection")
        let client = try FixedAnswer(body).client()
        let listed = try await ConnectProvider(client: client, cacheConnection: cache).jobs().collect()
        let natives = try await client.jobs()
        #expect(listed.map(\.id) == ["7", "8"])
        #expect(listed == natives.map { ConnectMapping.job($0, cacheConnection: cache) })
        #expect(listed.first?.destination == cache)
        let empty = try await ConnectProvider(client: try FixedAnswer(#"{"jobs": null}"#).client()).jobs().collect()
        #expect(empty.isEmpty)
        let bad = try FixedAnswer(#"{"jobs": [{"id": "1"}, {"name": "no id"}]}"#).client()
        let error = await #expect(throws: JobBridgeError.self) {
            try await ConnectProvider(client: bad).jobs().collect()
        }
        #expect(error?.code == .badResponse)
        #expect(error?.field == "jobs[1].id")
    }
}
