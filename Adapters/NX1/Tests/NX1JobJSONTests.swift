import Foundation
import JobBridge
import Testing

@testable import JobBridgeNX1

/// `NX1Job.json`, which a portable job keeps as its `providerData`, is exactly what
/// encoding the job writes: every field and every unknown member.
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
            #expect(NX1Mapping.job(from: job).providerData == encoded)
        }
    }
}
