import Foundation
import JobBridge
import JobBridgeNX1
import Testing

/// Native ↔ portable, both ways.
@Suite struct NX1MappingTests {
    private static func wire(
        type: String = "airflow.dataeng", schedule: String? = nil, properties: String? = nil, status: String? = "new",
        started: String? = nil, completed: String? = nil, failed: String? = nil, message: String? = nil
    ) throws -> NX1Job {
        var object: [String: JSONValue] = [
            "id": "3c90c3cc-0d44-4b50-8888-8dd25736052a", "job_name": "Orders", "job_type": .string(type),
            "source": "s3://landing/orders", "destination": "lakehouse.raw.orders",
            "created_at": "2026-01-01T00:00:00Z", "owner_id": "u-1",
        ]
        object["schedule"] = schedule.map(JSONValue.string) ?? .null
        object["properties_json"] = properties.map(JSONValue.string) ?? .null
        object["status"] = status.map(JSONValue.string) ?? .null
        object["last_started_at"] = started.map(JSONValue.string) ?? .null
        object["last_completed_at"] = completed.map(JSONValue.string) ?? .null
        object["last_failed_at"] = failed.map(JSONValue.string) ?? .null
        object["status_message"] = message.map(JSONValue.string) ?? .null
        return try JSONDecoder().decode(NX1Job.self, from: try JSONValue.object(object).data())
    }

    // MARK: native → portable

    @Test(arguments: [
        ("airflow.dataeng", JobCategory.workflow), ("airflow.nlp", .workflow), ("airflow.ingest", .workflow),
        ("airflow.airbyte", .workflow), ("airflow.future", .workflow), ("mirror", .mirror), ("spark.batch", .other),
    ])
    func kinds(type: String, category: JobCategory) throws {
        let job = NX1Mapping.job(from: try Self.wire(type: type))
        #expect(job.kind == JobKind(category, providerValue: type))
    }

    @Test func fieldsOfAJob() throws {
        let job = NX1Mapping.job(
            from: try Self.wire(schedule: "0 */6 * * *", properties: #"{"retries":3,"pool":"etl"}"#))
        #expect(job.id == "3c90c3cc-0d44-4b50-8888-8dd25736052a")
        #expect(job.name == "Orders")
        #expect(job.source == ConnectionRef(name: "s3://landing/orders"))
        #expect(job.destination == ConnectionRef(name: "lakehouse.raw.orders"))
        #expect(job.schedule == .cron(try CronSchedule("0 */6 * * *", dialect: .airflow, timeZone: .gmt)))
        #expect(job.isEnabled)
        #expect(job.tasks.isEmpty)
        #expect(job.settings == ["retries": 3, "pool": "etl"])
        #expect(job.createdAt == Date(timeIntervalSince1970: 1_767_225_600))
        #expect(job.providerData?["owner_id"] == "u-1")
        #expect(job.providerData?["properties_json"] == .string(#"{"retries":3,"pool":"etl"}"#))
    }

    @Test(arguments: ["@daily", "@hourly", "@weekly", "@monthly", "@yearly", "@once"])
    func airflowPresetsStayText(preset: String) throws {
        guard case .cron(let cron) = NX1Mapping.job(from: try Self.wire(schedule: preset)).schedule else {
            Issue.record("\(preset) did not map to a cron schedule")
            return
        }
        #expect(cron.text == preset)
        #expect(cron.dialect == .airflow)
        let request = try NX1Mapping.request(
            for: JobDefinition(name: "x", kind: JobKind(.workflow), schedule: .cron(cron)))
        #expect(request.schedule == preset)
    }

    @Test func nullOrBlankScheduleIsManual() throws {
        #expect(NX1Mapping.job(from: try Self.wire(schedule: nil)).schedule == .manual)
        #expect(NX1Mapping.job(from: try Self.wire(schedule: " ")).schedule == .manual)
    }

    @Test func nonObjectPropertiesAreKeptUnderTheirWireName() throws {
        let job = NX1Mapping.job(from: try Self.wire(properties: "[1,2]"))
        #expect(job.settings == ["properties_json": [1, 2]])
        let request = try NX1Mapping.request(for: job.definition)
        #expect(request.propertiesJSON == "[1,2]")
    }

    @Test func neverStartedNewJobHasNoRun() throws {
        #expect(NX1Mapping.lastRun(of: try Self.wire(status: "new")) == nil)
        #expect(NX1Mapping.lastRun(of: try Self.wire(status: nil)) == nil)
    }

    @Test func pendingRunningAndFinishedRuns() throws {
        let pending = try #require(NX1Mapping.lastRun(of: try Self.wire(status: "pending")))
        #expect(pending.status == RunStatus(.queued, providerValue: "pending"))
        #expect(pending.startedAt == nil)

        let running = try #require(
            NX1Mapping.lastRun(of: try Self.wire(status: "running", started: "2026-01-02T00:00:00Z")))
        #expect(running.status == RunStatus(.running, providerValue: "running"))
        #expect(running.startedAt == (try NX1Test.date("2026-01-02T00:00:00Z")))
        #expect(running.endedAt == nil)

        let done = try #require(
            NX1Mapping.lastRun(
                of: try Self.wire(
                    status: "completed", started: "2026-01-02T00:00:00Z", completed: "2026-01-02T00:01:30Z")))
        #expect(done.status == RunStatus(.succeeded, providerValue: "completed"))
        #expect(done.endedAt == (try NX1Test.date("2026-01-02T00:01:30Z")))
        #expect(done.duration == .seconds(90))
        #expect(done.runID == nil)

        let failed = try #require(
            NX1Mapping.lastRun(
                of: try Self.wire(
                    status: "error", started: "2026-01-02T00:00:00Z", completed: "2026-01-01T00:01:00Z",
                    failed: "2026-01-02T00:00:10Z", message: "task failed")))
        #expect(failed.status == RunStatus(.failed, providerValue: "error"))
        #expect(failed.endedAt == (try NX1Test.date("2026-01-02T00:00:10Z")))
        #expect(failed.message == "task failed")

        let success = try #require(
            NX1Mapping.lastRun(of: try Self.wire(status: "success", started: "2026-01-02T00:00:00Z")))
        #expect(success.status.phase == .succeeded)
    }

    @Test func aStatusThatSaysNoRunTakesThePhaseOfTheLatestEnd() throws {
        let run = try #require(
            NX1Mapping.lastRun(
                of: try Self.wire(
                    status: "new", started: "2026-01-02T00:00:00Z", completed: "2026-01-02T00:05:00Z",
                    failed: "2026-01-01T00:00:00Z")))
        #expect(run.status == RunStatus(.succeeded, providerValue: "new"))
        let unknown = try #require(
            NX1Mapping.lastRun(of: try Self.wire(status: "paused", started: "2026-01-02T00:00:00Z")))
        #expect(unknown.status == RunStatus(.unknown, providerValue: "paused"))
    }

    // MARK: portable → native

    @Test func aDefinitionBecomesTheCreateBody() throws {
        let definition = JobDefinition(
            name: "Tickets", kind: JobKind(.workflow, providerValue: "airflow.nlp"),
            source: ConnectionRef(name: "zendesk"), destination: ConnectionRef(id: "lake-1"),
            schedule: .cron(try CronSchedule("15 3 * * 1-5", dialect: .airflow, timeZone: .gmt)),
            settings: ["model": "topic-v3", "batch": 500])
        let request = try NX1Mapping.request(for: definition)
        #expect(request.jobType == .nlp)
        #expect(request.jobName == "Tickets")
        #expect(request.source == "zendesk")
        #expect(request.destination == "lake-1")
        #expect(request.schedule == "15 3 * * 1-5")
        #expect(request.propertiesJSON == #"{"batch":500,"model":"topic-v3"}"#)
        let manual = try NX1Mapping.request(for: JobDefinition(name: "m", kind: JobKind(.mirror)))
        #expect(manual.jobType == .mirror)
        #expect(manual.schedule == nil)
        #expect(manual.propertiesJSON == nil)
    }

    @Test func aJobReadFromNX1RoundTrips() throws {
        let native = try Self.wire(type: "spark.batch", schedule: "@weekly", properties: #"{"a":{"b":true}}"#)
        let request = try NX1Mapping.request(for: NX1Mapping.job(from: native).definition)
        #expect(request.jobType == native.jobType)
        #expect(request.jobName == native.jobName)
        #expect(request.source == native.source)
        #expect(request.destination == native.destination)
        #expect(request.schedule == native.schedule)
        #expect(try NX1Properties.parse(request.propertiesJSON) == (try native.properties()))
    }

    @Test func categoriesWithoutAnNX1TypeMapOrAreRefused() throws {
        #expect(
            try NX1Mapping.request(for: JobDefinition(name: "w", kind: JobKind(.workflow))).jobType == .dataEngineering)
        // A Sync kind name is not an NX1 type of the same category: the category decides.
        let sync = JobDefinition(name: "r", kind: JobKind(.replication, providerValue: "Standard"))
        let error = try #require(throws: JobBridgeError.self) { try NX1Mapping.request(for: sync) }
        #expect(error.code == .invalidDefinition)
        #expect(error.field == "kind")
    }

    @Test func whatNX1CannotHoldIsRefusedNamingTheField() throws {
        let utcCron = Schedule.cron(try CronSchedule("0 1 * * *", dialect: .standard, timeZone: .gmt))
        let cases: [(JobDefinition, String)] = [
            (
                JobDefinition(
                    name: "t", kind: JobKind(.workflow), tasks: [TaskDefinition(query: "SELECT 1")]), "tasks"
            ),
            (
                JobDefinition(
                    name: "s", kind: JobKind(.workflow),
                    schedule: .cron(try CronSchedule("0 0 * * 1", dialect: .sync, timeZone: .gmt))), "schedule"
            ),
            (
                JobDefinition(
                    name: "z", kind: JobKind(.workflow),
                    schedule: .cron(
                        try CronSchedule("0 1 * * *", timeZone: try #require(TimeZone(identifier: "Europe/Paris"))))),
                "schedule.timeZone"
            ),
            (JobDefinition(name: "d", kind: JobKind(.workflow), schedule: utcCron, isEnabled: false), "isEnabled"),
        ]
        for (definition, field) in cases {
            let error = try #require(throws: JobBridgeError.self) { try NX1Mapping.request(for: definition) }
            #expect(error.code == .invalidDefinition)
            #expect(error.field == field)
        }
        // A standard-dialect cron in UTC is fine, and a disabled manual job too.
        #expect(
            try NX1Mapping.request(for: JobDefinition(name: "ok", kind: JobKind(.workflow), schedule: utcCron)).schedule
                == "0 1 * * *")
        #expect(
            try NX1Mapping.request(for: JobDefinition(name: "m", kind: JobKind(.mirror), isEnabled: false)).schedule
                == nil)
    }

    @Test func runStatuses() {
        let expected: [(NX1JobStatus, RunStatus.Phase)] = [
            (.new, .unknown), (.pending, .queued), (.running, .running), (.completed, .succeeded),
            (.success, .succeeded), (.failed, .failed), (.error, .failed), (NX1JobStatus(rawValue: "x"), .unknown),
        ]
        for (status, phase) in expected {
            #expect(NX1Mapping.runStatus(for: status) == RunStatus(phase, providerValue: status.rawValue))
        }
    }
}
