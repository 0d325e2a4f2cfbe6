import Foundation
import JobBridge
import JobBridgeSync
import Testing

/// A job written back (its raw JSON with the settings laid over it) sends an aliased
/// setting under one spelling only.
@Suite struct SyncJobEncodingTests {
    @Test func anAliasReadFromTheServerIsWrittenBackUnderItsWireNameOnly() throws {
        let job = try SyncJob(json: ["id": "j1", "name": "A", "emailerroronly": true, "x-unknown": 1])
        let written = try JSONValue(data: JSONEncoder().encode(job))
        let keys = Set(written.objectValue?.keys.map { $0 } ?? [])
        #expect(keys.contains("email_error_only"))
        #expect(!keys.contains("emailerroronly"))
        #expect(written["x-unknown"] == 1)
        #expect(written["id"] == "j1")
    }
}
