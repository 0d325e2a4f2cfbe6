import Foundation
import JobBridge
import JobBridgeSync
import Testing

/// ``SyncMapping`` field by field, native → portable and portable → native.
@Suite struct SyncMappingTests {
    static let newYork = SyncFixture.newYork

    static func job(_ json: JSONValue) throws -> SyncJob { try SyncJob(json: json, timeZone: newYork) }

    // MARK: Kind

    @Test(arguments: [
        ("Standard", JobCategory.replication), ("SyncAll", .replicateAll), ("LoadFolder", .loadFolder),
        ("ChangeDataCapture", .changeDataCapture), ("ReverseETL", .reverseETL),
    ])
    func kindBothWays(_ type: String, _ category: JobCategory) throws {
        let kind = SyncMapping.kind(SyncJobType(rawValue: type))
        #expect(kind == JobKind(category, providerValue: type))
        #expect(try SyncMapping.type(for: kind).rawValue == type)
        #expect(try SyncMapping.type(for: JobKind(category)).rawValue == type)
    }

    @Test func unknownKindIsKeptAsOther() throws {
        let kind = SyncMapping.kind(SyncJobType(rawValue: "Transformation"))
        #expect(kind == JobKind(.other, providerValue: "Transformation"))
        #expect(try SyncMapping.type(for: kind).rawValue == "Transformation")
        #expect(SyncMapping.kind(nil) == JobKind(.other))
    }

    @Test(arguments: ["CHANGEDATACAPTURE", "changeDataCapture", "changedatacapture", "ChangeDataCapture"])
    func aTypeInAnyCaseKeepsItsCategoryAndItsSpelling(_ type: String) {
        #expect(SyncMapping.kind(SyncJobType(rawValue: type)) == JobKind(.changeDataCapture, providerValue: type))
    }

    @Test func aJobTypeIsABareStringOnTheWireKnownOrNot() throws {
        let types = try JSONDecoder().decode([SyncJobType].self, from: Data(#"["ReverseETL","Transformation"]"#.utf8))
        #expect(types == [.reverseETL, SyncJobType(rawValue: "Transformation")])
        #expect(String(decoding: try JSONEncoder().encode(types), as: UTF8.self) == #"["ReverseETL","Transformation"]"#)
    }

    @Test func providerValueWinsAndForeignValuesFallBackToTheCategory() async throws {
        #expect(try SyncMapping.type(for: JobKind(.replication, providerValue: "syncall")) == .syncAll)
        #expect(try SyncMapping.type(for: JobKind(.replication, providerValue: "Caching")) == .standard)
        let error = await syncError { _ = try SyncMapping.type(for: JobKind(.workflow, providerValue: "airflow.nlp")) }
        #expect(error?.code == .invalidDefinition)
        #expect(error?.field == "kind")
    }

    // MARK: Connections, name, id, dates, settings, providerData

    @Test func jobFieldsRead() throws {
        let raw: JSONValue = [
            "id": "j-1", "workspace_id": "ws-main", "name": "Accounts", "type": "Standard",
            "source_connection_id": "c-sf", "destination_connection_id": "c-pg",
            "schedule": ["enabled": true, "cron": "0 6 * * ?"], "verbosity": 3, "x_new_option": ["a": 1],
            "created_at": "2026-01-15T10:30:00Z", "modified_at": "2026-01-16 08:00:00",
        ]
        let job = SyncMapping.job(try Self.job(raw), serverTimeZone: Self.newYork)
        #expect(job.id == "j-1")
        #expect(job.name == "Accounts")
        #expect(job.source == ConnectionRef(id: "c-sf"))
        #expect(job.destination == ConnectionRef(id: "c-pg"))
        #expect(job.createdAt == Date(timeIntervalSince1970: 1_768_473_000))
        // A zone-less date is server time: 08:00 in New York is 13:00 UTC in January.
        #expect(job.modifiedAt == Date(timeIntervalSince1970: 1_768_568_400))
        #expect(job.settings == ["verbosity": 3, "x_new_option": ["a": 1]])
        #expect(job.providerData == raw)
        #expect(job.tasks.isEmpty)
    }

    @Test func definitionWritesEveryPortableField() throws {
        let cron = try CronSchedule("15 2 * * ?", dialect: .sync, timeZone: Self.newYork)
        let definition = JobDefinition(
            name: "Nightly", kind: JobKind(.replicateAll), source: ConnectionRef(id: "c-sf"),
            destination: ConnectionRef(id: "c-pg"), schedule: .cron(cron), isEnabled: false,
            tasks: [TaskDefinition(query: "REPLICATE [A]"), TaskDefinition(table: TableRef(schema: "s", name: "B]x"))],
            settings: ["batch_size": 500, "x_unknown": true])
        let settings = try SyncMapping.settings(
            for: definition, sourceID: "c-sf", destinationID: "c-pg", serverTimeZone: Self.newYork)
        #expect(
            settings.json == [
                "name": "Nightly", "type": "SyncAll", "source_connection_id": "c-sf",
                "destination_connection_id": "c-pg", "schedule": ["enabled": false, "cron": "15 2 * * ?"],
                "queries": ["REPLICATE [A]", "REPLICATE [s].[B]]x]"], "batch_size": 500, "x_unknown": true,
            ])
    }

    @Test func settingsThatPortableFieldsCarryAreRefused() async {
        var definition = SyncFixture.definition()
        definition.settings = ["type": "SyncAll"]
        let error = await syncError {
            _ = try SyncMapping.settings(for: definition, sourceID: nil, destinationID: nil, serverTimeZone: .gmt)
        }
        #expect(error?.field == "settings.type")
        definition.settings = ["verbosity": "loud"]
        let typed = await syncError {
            _ = try SyncMapping.settings(for: definition, sourceID: nil, destinationID: nil, serverTimeZone: .gmt)
        }
        #expect(typed?.code == .invalidDefinition)
        #expect(typed?.field == "settings.verbosity")
    }

    // MARK: Schedule and enabled flag

    @Test func scheduleRead() throws {
        func read(_ json: JSONValue) throws -> (Schedule, Bool) {
            var raw: JSONValue = ["id": "j", "name": "n"]
            if let schedule = json["schedule"] { raw["schedule"] = schedule }
            if let gmt = json["use_gmt_datetime"] { raw["use_gmt_datetime"] = gmt }
            let settings = try Self.job(raw).settings
            let (schedule, enabled) = SyncMapping.schedule(settings, serverTimeZone: Self.newYork)
            return (schedule, enabled)
        }
        let serverCron = try CronSchedule("0 */6 * * ?", dialect: .sync, timeZone: Self.newYork)
        let gmtCron = try CronSchedule("0 */6 * * ?", dialect: .sync, timeZone: .gmt)
        let local = try read(["schedule": ["enabled": true, "cron": "0 */6 * * ?"]])
        #expect(local.0 == .cron(serverCron) && local.1)
        let gmt = try read(["schedule": ["enabled": false, "cron": "0 */6 * * ?"], "use_gmt_datetime": true])
        #expect(gmt.0 == .cron(gmtCron) && !gmt.1)
        let manual = try read(["schedule": ["enabled": false, "cron": ""]])
        #expect(manual.0 == .manual && !manual.1)
        let absent = try read([:])
        #expect(absent.0 == .manual && absent.1)
        let unreadable = try read(["schedule": ["enabled": true, "cron": "every day"]])
        // A cron the parser refuses is unreadable, with its text, dialect and zone: never manual.
        #expect(
            unreadable.0
                == .unreadable(
                    UnreadableSchedule(
                        text: "every day",
                        reason: "a sync cron expression has 5 fields (minute hour day-of-month month day-of-week); "
                            + "'every day' has 2",
                        dialect: .sync, timeZone: Self.newYork)))
        #expect(unreadable.1)
    }

    @Test func scheduleWritten() throws {
        func write(_ schedule: Schedule, _ enabled: Bool, clearing: Bool = false, zone: TimeZone = Self.newYork) throws
            -> JSONValue?
        {
            try SyncMapping.syncSchedule(
                schedule, isEnabled: enabled, current: nil, cronTimeZone: zone, clearing: clearing)?.json
        }
        #expect(try write(.manual, true) == nil)
        #expect(try write(.manual, false) == ["enabled": false, "cron": ""])
        #expect(try write(.manual, true, clearing: true) == ["enabled": true, "cron": ""])
        let sync = try CronSchedule("0 6 L * ?", dialect: .sync, timeZone: Self.newYork)
        #expect(try write(.cron(sync), true) == ["enabled": true, "cron": "0 6 L * ?"])
        let utc = try CronSchedule("0 6 * * *", timeZone: TimeZone(identifier: "UTC") ?? .gmt)
        #expect(try write(.cron(utc), true, zone: .gmt) == ["enabled": true, "cron": "0 6 * * ?"])
    }

    @Test func unknownScheduleMembersSurviveAnUpdate() throws {
        var settings = try Self.job([
            "id": "j", "schedule": ["enabled": true, "cron": "0 6 * * ?", "x_hint": "keep"],
        ]).settings
        try SyncMapping.apply(JobUpdate(isEnabled: false), to: &settings, serverTimeZone: Self.newYork)
        #expect(settings.schedule?.json == ["enabled": false, "cron": "0 6 * * ?", "x_hint": "keep"])
        try SyncMapping.apply(JobUpdate(schedule: .manual), to: &settings, serverTimeZone: Self.newYork)
        #expect(settings.schedule?.json == ["enabled": false, "cron": "", "x_hint": "keep"])
    }

    @Test func aCronInAnotherZoneIsRefused() async throws {
        let cron = try CronSchedule("0 6 * * ?", dialect: .sync, timeZone: .gmt)
        var definition = SyncFixture.definition()
        definition.schedule = .cron(cron)
        let error = await syncError {
            _ = try SyncMapping.settings(
                for: definition, sourceID: nil, destinationID: nil, serverTimeZone: Self.newYork)
        }
        #expect(error?.field == "schedule.timeZone")
        // With use_gmt_datetime the job's cron is read in GMT, so the same schedule fits.
        definition.settings = ["use_gmt_datetime": true]
        let settings = try SyncMapping.settings(
            for: definition, sourceID: nil, destinationID: nil, serverTimeZone: Self.newYork)
        #expect(settings.schedule?.cron == "0 6 * * ?")
    }

    // Rendered by the cron engine: weekday names, `?` in the day field left free (Quartz
    // requires one), presets expanded.
    @Test(arguments: [
        ("0 9 * * 1-5", "0 9 ? * MON-FRI"), ("30 2 * * 0", "30 2 ? * SUN"), ("0 0 * * 7", "0 0 ? * SUN"),
        ("*/15 * * * *", "*/15 * * * ?"), ("0 0 1 * *", "0 0 1 * ?"), ("0 12 * * */2", "0 12 ? * SUN,TUE,THU,SAT"),
        ("0 0 * * sat,sun", "0 0 ? * SUN,SAT"), ("0 0 * * 0-7", "0 0 ? * SUN-SAT"), ("@daily", "0 0 * * ?"),
        ("@weekly", "0 0 ? * SUN"), ("0 0 * * 1#2", "0 0 ? * MON#2"),
    ])
    func unixCronIsTranslated(_ unix: String, _ sync: String) throws {
        let dialect: CronDialect = unix.hasPrefix("@") ? .airflow : .standard
        #expect(try SyncCron.text(for: CronSchedule(unix, dialect: dialect)) == sync)
    }

    // (A weekday 8 never gets this far: the cron engine rejects it when parsing, naming
    // `cron.dayOfWeek`; its parse tests cover that.)
    @Test(arguments: ["0 0 1 * 1", "@once"])
    func whatSyncCannotExpressIsRefused(_ unix: String) async {
        let error = await syncError {
            _ = try SyncCron.text(for: CronSchedule(unix, dialect: unix.hasPrefix("@") ? .airflow : .standard))
        }
        #expect(error?.code == .invalidDefinition)
        #expect(error?.field == "schedule")
    }

    // MARK: Updates

    @Test func updatesRefuseCreateOnlyChangesAndPortableKeys() async throws {
        var settings = try Self.job(["id": "j", "worker_pool": 4, "verbosity": 1]).settings
        // The same value is no change, so it passes.
        try SyncMapping.apply(JobUpdate(settings: ["worker_pool": 4]), to: &settings, serverTimeZone: .gmt)
        let changed = await syncError {
            try SyncMapping.apply(JobUpdate(settings: ["worker_pool": 8]), to: &settings, serverTimeZone: .gmt)
        }
        #expect(changed?.field == "settings.worker_pool")
        let portable = await syncError {
            try SyncMapping.apply(JobUpdate(settings: ["name": "x"]), to: &settings, serverTimeZone: .gmt)
        }
        #expect(portable?.field == "settings.name")
        try SyncMapping.apply(
            JobUpdate(name: "Renamed", settings: ["verbosity": nil, "batch_size": 10]), to: &settings,
            serverTimeZone: .gmt)
        #expect(settings.name == "Renamed")
        #expect(settings.verbosity == nil)
        #expect(settings.batchSize == 10)
    }

    // MARK: Settings, every documented member

    static let everyMember: JSONValue = [
        "name": "All", "type": "ChangeDataCapture", "source_connection_id": "c-1", "destination_connection_id": "c-2",
        "schedule": ["enabled": true, "cron": "0 * * * ?"], "send_email": true, "email_to": "ops@example.com",
        "email_subject": "Sync", "email_error_only": true, "enable_parallel_processing": true, "worker_pool": 4,
        "verbosity": 5, "destination_schema": "dbo", "table_name_prefix": "sf_", "use_gmt_datetime": false,
        "history_mode": true, "truncate_table_data": false, "drop_table": false, "auto_truncate_strings": true,
        "continue_on_error": true, "deletion_behavior": "HardDelete", "alter_schema": true, "replicate_interval": 2,
        "replicate_interval_unit": "days", "replicate_start_date": "2024-01-01", "batch_size": 1000,
        "pre_job_event": "<api:script/>", "post_job_event": "<api:notify/>",
        "cdc_engine_settings": ["Name": "LogMiner", "Schema": "cdc"], "labels": ["crm", "nightly"],
        "pipeline_id": "p-9", "queries": ["REPLICATE [A]"],
    ]

    @Test func everyDocumentedMemberIsTyped() throws {
        let settings = try SyncJobSettings(json: Self.everyMember)
        #expect(settings.additionalFields.isEmpty)
        #expect(settings.name == "All")
        #expect(settings.type == .changeDataCapture)
        #expect(settings.sourceConnectionID == "c-1")
        #expect(settings.destinationConnectionID == "c-2")
        #expect(settings.schedule == SyncSchedule(enabled: true, cron: "0 * * * ?"))
        #expect(settings.sendEmail == true)
        #expect(settings.emailTo == "ops@example.com")
        #expect(settings.emailSubject == "Sync")
        #expect(settings.emailErrorOnly == true)
        #expect(settings.enableParallelProcessing == true)
        #expect(settings.workerPool == 4)
        #expect(settings.verbosity == 5)
        #expect(settings.destinationSchema == "dbo")
        #expect(settings.tableNamePrefix == "sf_")
        #expect(settings.useGMTDateTime == false)
        #expect(settings.historyMode == true)
        #expect(settings.truncateTableData == false)
        #expect(settings.dropTable == false)
        #expect(settings.autoTruncateStrings == true)
        #expect(settings.continueOnError == true)
        #expect(settings.deletionBehavior == "HardDelete")
        #expect(settings.alterSchema == true)
        #expect(settings.replicateInterval == 2)
        #expect(settings.replicateIntervalUnit == "days")
        #expect(settings.replicateStartDate == "2024-01-01")
        #expect(settings.batchSize == 1000)
        #expect(settings.preJobEvent == "<api:script/>")
        #expect(settings.postJobEvent == "<api:notify/>")
        #expect(settings.cdcEngineSettings == ["Name": "LogMiner", "Schema": "cdc"])
        #expect(settings.labels == ["crm", "nightly"])
        #expect(settings.pipelineID == "p-9")
        #expect(settings.queries == ["REPLICATE [A]"])
        // And back, exactly.
        #expect(settings.json == Self.everyMember)
        #expect(SyncJobSettings.documentedKeys == Set(Self.everyMember.objectValue?.keys.map { $0 } ?? []))
    }

    @Test func updateBodyLeavesOutCreateOnlyMembers() throws {
        var members = Self.everyMember.objectValue ?? [:]
        members["x_unknown"] = 1
        let update = try SyncJobSettings(json: .object(members)).updateJSON.objectValue ?? [:]
        #expect(Set(update.keys) == Set(members.keys).subtracting(SyncJobSettings.createOnlyKeys))
        #expect(
            SyncJobSettings.createOnlyKeys == [
                "type", "source_connection_id", "destination_connection_id", "enable_parallel_processing",
                "worker_pool", "destination_schema", "history_mode", "deletion_behavior", "cdc_engine_settings",
                "queries",
            ])
        #expect(update["x_unknown"] == 1)
    }

    @Test func lenientReadingKeepsWhatDoesNotFit() throws {
        let settings = try SyncJobSettings(json: [
            "send_email": "TRUE", "batch_size": "250", "labels": "crm,nightly", "emailerroronly": true, "x": nil,
        ])
        #expect(settings.sendEmail == true)
        #expect(settings.batchSize == 250)
        #expect(settings.labels == nil)
        #expect(settings.emailErrorOnly == true)
        #expect(settings.additionalFields == ["labels": "crm,nightly", "x": nil])
        #expect(settings.json["email_error_only"] == true)
        #expect(settings.json["labels"] == "crm,nightly")
    }

    // MARK: Tasks

    @Test func tasksMapInIndexOrder() throws {
        let natives = try JSONDecoder().decode(
            [SyncTask].self,
            from: JSONValue.array([
                ["id": "870237973789151202", "index": 2, "query": "C", "is_active": false],
                ["id": "870237973789151200", "index": 0, "query": "A", "x_extra": 1],
                ["id": "870237973789151201", "index": 1, "query": "B", "is_active": true],
            ]).data())
        let tasks = SyncMapping.tasks(natives)
        #expect(tasks.map(\.id.rawValue) == ["870237973789151200", "870237973789151201", "870237973789151202"])
        #expect(tasks.map(\.index) == [0, 1, 2])
        #expect(tasks.map(\.isActive) == [true, true, false])
        #expect(tasks[0].providerData?["x_extra"] == 1)
        #expect(natives[1].settings.additionalFields == ["x_extra": 1])
        // Without indexes, the server's order is the order.
        let unindexed = try JSONDecoder().decode(
            [SyncTask].self, from: JSONValue.array([["id": "2", "query": "B"], ["id": "1", "query": "A"]]).data())
        #expect(SyncMapping.tasks(unindexed).map(\.query) == ["B", "A"])
    }

    @Test func integerIDsAreReadAndOtherNumbersRefused() throws {
        let big: JSONValue = ["id": .int(870_237_973_789_151_200), "query": "A"]
        #expect(try JSONDecoder().decode(SyncTask.self, from: big.data()).id == "870237973789151200")
        #expect(try Self.job(["id": 12]).id == "12")
        #expect(try SyncRun(json: ["task_id": 870_237_973_789_151_200]).taskID == "870237973789151200")
        #expect(try SyncRun(json: ["tasks": [1, 2]]).taskIDs == ["1", "2"])
        // A number that is not an exact integer may have lost digits already.
        let fraction: JSONValue = ["id": 1.5, "query": "A"]
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(SyncTask.self, from: fraction.data()) }
        #expect(throws: DecodingError.self) { _ = try Self.job(["id": 12.5]) }
        #expect(throws: DecodingError.self) { _ = try SyncRun(json: ["task_id": .double(8.702_379_737_891_512e17)]) }
        #expect(throws: DecodingError.self) { _ = try SyncRun(json: ["tasks": [1, 2.5]]) }
    }

    // MARK: Runs and statuses

    @Test(arguments: [
        ("Starting", RunStatus.Phase.queued), ("Queued", .queued), ("Testing", .running), ("Running", .running),
        ("In progress", .running), ("IN_PROGRESS", .running), ("Successful", .succeeded), ("SUCCESS", .succeeded),
        ("Failed", .failed), ("Error", .failed), ("ERROR", .failed), ("Cancelled", .cancelled),
        ("Canceled", .cancelled), ("SKIPPED", .skipped), ("Warning", .unknown), ("", .unknown),
    ])
    func statusStrings(_ text: String, _ phase: RunStatus.Phase) {
        #expect(SyncMapping.status(text) == RunStatus(phase, providerValue: text))
    }

    @Test func v1HistoryEntryMaps() throws {
        let raw: JSONValue = [
            "Id": 42, "JobId": "j-1", "RunStartDate": "2026-01-15T10:30:00Z", "Status": "SUCCESS",
            "Details": "3 tables", "Runtime": 65_500, "RecordsAffected": 1200,
        ]
        let run = SyncMapping.run(try SyncRun(json: raw), jobID: "j-1")
        #expect(run.runID == "42")
        #expect(run.status == RunStatus(.succeeded, providerValue: "SUCCESS"))
        #expect(run.startedAt == Date(timeIntervalSince1970: 1_768_473_000))
        #expect(run.duration == .milliseconds(65_500))
        #expect(run.endedAt == Date(timeIntervalSince1970: 1_768_473_065.5))
        #expect(run.rowsAffected == 1200)
        #expect(run.message == "3 tables")
        #expect(run.providerData == raw)
    }

    @Test func v2HistoryEntryMaps() throws {
        let raw: JSONValue = [
            "id": "910000000000000001", "status": "Running", "run_start_date": "2026-01-15 05:30:00",
            "runtime": "00:01:05.250", "records_affected": "10", "tasks": ["870237973789151200"],
        ]
        let run = SyncMapping.run(try SyncRun(json: raw, timeZone: Self.newYork), jobID: "j-1")
        #expect(run.runID == "910000000000000001")
        #expect(run.status.phase == .running)
        #expect(run.startedAt == Date(timeIntervalSince1970: 1_768_473_000))
        #expect(run.duration == .milliseconds(65_250))
        #expect(run.endedAt == nil)
        #expect(run.rowsAffected == 10)
        #expect(run.taskIDs == ["870237973789151200"])
    }

    @Test(arguments: [
        JSONValue.double(1e300), .double(-5), "nan", "inf", "-1", "1e300", "99999999999999.00:00:00", "00:-1:00",
        "00:00:nan", "1:2", "soon",
    ])
    func aRuntimeThatIsNoDurationIsLeftOut(_ runtime: JSONValue) throws {
        let run = try SyncRun(json: ["id": "r", "status": "Successful", "runtime": runtime])
        #expect(run.runtime == nil)
        #expect(run.raw["runtime"] == runtime)
    }

    @Test func emptyStatusMeansNeverRan() throws {
        #expect(try SyncRun(json: ["job_id": "j", "status": nil]).isEmpty)
        #expect(try SyncRun(json: [:]).isEmpty)
        #expect(try !SyncRun(json: ["status": "Failed"]).isEmpty)
    }
}
