import Foundation
import JobBridge
import Testing

@testable import JobBridgeNX1

/// `NX1Job.json` is exactly what encoding the job writes: every field and every unknown
/// member; a portable job keeps the JSON as it came (`NX1Job.raw`) as its `providerData`.
@Suite struct NX1JobJSONTests {
    @Test func isWhatEncodingWrites() throws {
        let full = try JSONValue(
            data: Data(
                #"""
                {"id": "3c90c3cc-0d44-4b50-8888-8dd25736052a", "job_name": "Ingest", "job_type": "airflow.ingest",
                 "source": "s3://in", "destination": "warehouse.t", "schedule": "0 */6 * * *",
                 "properties_json": "{\"retries\": 2}", "owner_id": 42, "status": "error", "status_message": "upstream",
                 "created_at": "2023-11-07T05:31:56Z", "last_started_at": "2024-01-02T05:31:56.250Z",
                 "last_completed_at": null, "last_failed_at": "2024-01-02T06:00:00Z", "is_deleted": true,
                 "deleted_at": "2024-02-01T00:00:00Z", "x_extra": {"a": [1, 2.5, null]}, "tags": ["t"]}
                """#.utf8))
        let minimal: JSONValue = ["id": "j", "job_name": "n", "job_type": "mirror"]
        for json in [full, minimal] {
            let job = try JSONDecoder().decode(NX1Job.self, from: try json.data())
            let encoded = try JSONValue(data: try JSONEncoder().encode(job))
            #expect(job.json == encoded)
            // The portable job keeps the JSON as it came, as the other adapters do.
            #expect(job.raw == json)
            #expect(NX1Mapping.job(from: job).providerData == json)
            var made = job
            made.raw = nil
            #expect(NX1Mapping.job(from: made).providerData == encoded)
        }
    }

    /// The members are met in one pass in no fixed order, then read in the documented order:
    /// of several bad members, the same one is reported every time, and every documented
    /// member lands in its own field.
    @Test func everyDocumentedMemberIsReadIntoItsFieldAndErrorsComeInOrder() throws {
        let dates = ["created_at", "last_started_at", "last_completed_at", "last_failed_at", "deleted_at"]
        var members: [String: JSONValue] = [
            "id": "j", "job_name": "n", "job_type": "mirror", "source": "s", "destination": "d", "schedule": "@daily",
            "properties_json": "{}", "owner_id": "o", "status": "running", "status_message": "m", "is_deleted": "true",
        ]
        for (offset, key) in dates.enumerated() { members[key] = .string("2024-01-0\(offset + 1)T00:00:00Z") }
        let job = try NX1Job(wire: WireObject(.object(members), what: "a job"))
        #expect([job.id, job.jobName, job.jobType.rawValue] == ["j", "n", "mirror"])
        #expect([job.source, job.destination, job.schedule, job.propertiesJSON] == ["s", "d", "@daily", "{}"])
        #expect([job.ownerID, job.status?.rawValue, job.statusMessage] == ["o", "running", "m"])
        #expect(job.isDeleted)
        let read = [job.createdAt, job.lastStartedAt, job.lastCompletedAt, job.lastFailedAt, job.deletedAt]
        #expect(read == dates.indices.map { WireDate.parse("2024-01-0\($0 + 1)T00:00:00Z") })
        #expect(job.additionalFields.isEmpty)

        // Bad: job_name and source and a date; the first in documented order is reported.
        var bad = members
        bad["job_name"] = 7
        bad["source"] = 8
        bad["deleted_at"] = "yesterday"
        for _ in 0..<5 {
            let error = #expect(throws: DecodingError.self) {
                try NX1Job(wire: WireObject(.object(bad), what: "a job"))
            }
            guard case .typeMismatch(_, let context)? = error else {
                Issue.record("expected a type mismatch, got \(String(describing: error))")
                return
            }
            #expect(context.codingPath.map(\.stringValue) == ["job_name"])
        }
    }
}
