import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// The model's small parts: fingerprints, snapshots, scrubbing, table statements.
@Suite struct ModelTests {
    @Test func fingerprintsAreFNV1aOfCanonicalJSON() throws {
        // The published FNV-1a 64 test vectors.
        #expect(Fingerprint(text: "").rawValue == "cbf29ce484222325")
        #expect(Fingerprint(text: "a").rawValue == "af63dc4c8601ec8c")
        #expect(Fingerprint(text: "foobar").rawValue == "85944171f73967e8")
        // Member order does not matter: the JSON is canonical (sorted keys).
        let a: JSONValue = ["b": 1, "a": [true, "x"]]
        let b: JSONValue = ["a": [true, "x"], "b": 1]
        #expect(try Fingerprint(of: a) == Fingerprint(of: b))
        #expect(try Fingerprint(of: a) != Fingerprint(of: ["b": 2, "a": [true, "x"]] as JSONValue))
    }

    @Test func snapshotsGoBackToTheModel() throws {
        let cron = try CronSchedule(
            "0 9 ? * MON-FRI", dialect: .sync, timeZone: TimeZone(identifier: "Europe/Berlin") ?? .gmt)
        let job = Job(
            id: "7", name: "Orders", kind: JobKind(.replication, providerValue: "Standard"),
            source: ConnectionRef(id: "c-sf"), destination: ConnectionRef(id: "c-sn", name: "Snowflake"),
            schedule: .cron(cron), isEnabled: false,
            tasks: [
                JobTask(id: "2", index: 1, query: "REPLICATE [B]"),
                JobTask(id: "1", index: 0, table: TableRef(name: "A")),
            ], settings: ["verbosity": 3, "api_token": "secret-value"])
        let snapshot = JobSnapshot(job)
        #expect(snapshot.tasks.map(\.id) == ["1", "2"])
        #expect(snapshot.settings["api_token"] == .string(Redactor.placeholder))
        let back = try snapshot.definition()
        #expect(back.schedule == job.schedule)
        #expect(back.tasks == job.definition.tasks)
        #expect(back.kind == job.kind && back.isEnabled == false)
        let data = try CanonicalJSON.data(snapshot)
        #expect(try CanonicalJSON.decoder().decode(JobSnapshot.self, from: data) == snapshot)
        // Interval, manual and unreadable schedules too.
        for schedule in [
            Schedule.interval(IntervalSchedule(every: 6, .hour, firstRun: Date(timeIntervalSince1970: 1_704_067_200))),
            .manual, .unreadable(UnreadableSchedule(text: "*/0 * * * *", reason: "step 0")),
        ] {
            #expect(try ScheduleSnapshot(schedule).schedule() == schedule)
        }
        let definition = JobDefinition(
            name: "D", kind: JobKind(.workflow), tasks: [TaskDefinition(table: TableRef(name: "T"))])
        #expect(try DefinitionSnapshot(definition).definition() == definition)
    }

    @Test func secretsAreScrubbedFromKeptJSON() {
        let value: JSONValue = [
            "password": "p", "nested": ["client_secret": "s", "plain": "Server=x;Password=hunter2;"],
            "list": [["token": "t"]],
            "fine": 3,
        ]
        let scrubbed = SecretScrubber.scrub(value)
        let text = "\(scrubbed)"
        for secret in ["\"p\"", "\"s\"", "hunter2", "\"t\""] { #expect(!text.contains(secret), "\(secret)") }
        #expect(scrubbed["fine"] == 3)
    }

    @Test func tableTasksAreReadFromPlainReplicateStatementsOnly() {
        let key = ProvenanceKey(sourceProvider: "S", sourceScope: "", sourceJobID: "1", splitIndex: 0)
        func matches(_ query: String, _ table: TableRef) -> Bool {
            let job = Job(
                id: "x", name: "x", kind: JobKind(.replication), source: ConnectionRef(id: "c"),
                tasks: [JobTask(id: "1", index: 0, query: query)])
            return TargetLookup(strategy: .naturalKey, key: key, sourceConnection: "c", table: table).matches(job)
        }
        #expect(matches("REPLICATE [dbo].[Orders]", TableRef(schema: "dbo", name: "Orders")))
        #expect(matches("replicate [Orders]", TableRef(name: "Orders")))
        #expect(matches("REPLICATE Orders", TableRef(name: "Orders")))
        #expect(matches("REPLICATE [A]]B] SELECT * FROM [A]]B];", TableRef(name: "A]B")))
        #expect(!matches("REPLICATE [Orders] SELECT Id FROM [Orders]", TableRef(name: "Orders")))
        #expect(!matches("REPLICATE [Orders] SELECT * FROM [Other]", TableRef(name: "Orders")))
        #expect(!matches("SELECT * FROM [Orders]", TableRef(name: "Orders")))
        #expect(!matches("REPLICATE [Orders", TableRef(name: "Orders")))
        #expect(!matches("REPLICATEOrders", TableRef(name: "Orders")))
    }

    @Test func aMigrationErrorIsOneRedactedLineWithItsRemedy() {
        let error = MigrationError(.lockHeld, "held by pid 42 on host a\nsince 10:00 Password=hunter2")
        #expect(!error.description.contains("\n"))
        #expect(!error.description.contains("hunter2"))
        #expect(error.description.hasPrefix("LOCK_HELD: "))
        #expect(error.description.contains(LossCode.lockHeld.remedy))
    }
}
