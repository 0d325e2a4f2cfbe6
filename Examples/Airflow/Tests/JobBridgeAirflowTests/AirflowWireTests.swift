import Foundation
import JobBridge
import JobBridgeAirflow
import JobBridgeAirflowSimulator
import JobBridgeTesting
import Testing

/// What goes on the wire and how Airflow's documented shapes read.
@Suite struct AirflowWireTests {
    /// The DAG example of the stable API's documents, verbatim in shape.
    @Test func aDocumentedDAGDecodes() throws {
        let body = Data(
            #"""
            {"dag_id": "example_bash_operator", "dag_display_name": "example_bash_operator", "root_dag_id": null,
             "is_paused": true, "is_active": true, "is_subdag": false, "last_parsed_time": "2024-03-01T10:00:00+00:00",
             "last_pickled": null, "last_expired": null, "scheduler_lock": null, "pickle_id": null,
             "default_view": "grid", "fileloc": "/opt/airflow/dags/example_bash_operator.py",
             "file_token": "Ii9vcHQv", "owners": ["airflow"], "description": null,
             "schedule_interval": {"__type": "CronExpression", "value": "0 0 * * *"},
             "timetable_description": "At 00:00", "tags": [{"name": "example"}, {"name": "example2"}],
             "max_active_tasks": 16, "max_active_runs": 16, "has_task_concurrency_limits": false,
             "has_import_errors": false, "next_dagrun": "2024-03-02T00:00:00+00:00",
             "next_dagrun_data_interval_start": "2024-03-01T00:00:00+00:00",
             "next_dagrun_data_interval_end": "2024-03-02T00:00:00+00:00",
             "next_dagrun_create_after": "2024-03-02T00:00:00+00:00", "timezone": "Timezone('UTC')"}
            """#.utf8)
        let dag = try JSONDecoder().decode(AirflowDAG.self, from: body)
        #expect(dag.dagID == "example_bash_operator")
        #expect(dag.isPaused == true)
        #expect(dag.tags == ["example", "example2"])
        #expect(dag.scheduleInterval == .cron("0 0 * * *"))
        let job = AirflowMapping.job(from: dag)
        #expect(!job.isEnabled)
        guard case .cron(let cron) = job.schedule else {
            Issue.record("expected cron, read \(job.schedule)")
            return
        }
        #expect(cron.timeZone.identifier == "UTC" || cron.timeZone.identifier == "GMT")
        #expect(job.nextRunAt == WireDate.parse("2024-03-02T00:00:00+00:00"))
    }

    @Test func aTimeDeltaStartsAtTheDAGsStartDate() async throws {
        var object = AirflowSeeds.dag("d", schedule: AirflowSeeds.timeDelta(seconds: 21_600)).objectValue ?? [:]
        object["start_date"] = "2025-01-01T03:00:00+01:00"
        let start = try #require(WireDate.parse("2025-01-01T02:00:00Z"))
        let dag = try JSONDecoder().decode(AirflowDAG.self, from: JSONValue.object(object).data())
        #expect(dag.startDate == start)
        #expect(AirflowMapping.job(from: dag).schedule == .interval(IntervalSchedule(every: 6, .hour, firstRun: start)))
        // Through the provider too: the details answer carries the seeded `start_date`.
        let fixture = try AirflowFixture(clock: SimulatedClock())
        await fixture.simulator.insertDAG(.object(object), timezone: "Europe/Paris")
        let job = try await fixture.provider.job("d")
        #expect(job.schedule == .interval(IntervalSchedule(every: 6, .hour, firstRun: start)))
        #expect(try await fixture.provider.jobs().collect().first?.schedule == job.schedule)
    }

    @Test func scheduleIntervalsReadInTheDAGsZone() throws {
        func schedule(_ interval: JSONValue, zone: String?) throws -> Schedule {
            var object = AirflowSeeds.dag("d", schedule: interval).objectValue ?? [:]
            if let zone { object["timezone"] = .string(zone) }
            return AirflowMapping.job(
                from: try JSONDecoder().decode(AirflowDAG.self, from: JSONValue.object(object).data())
            )
            .schedule
        }
        let paris = try schedule(AirflowSeeds.cron("0 9 * * *"), zone: "Europe/Paris")
        #expect(
            paris
                == .cron(
                    try CronSchedule(
                        "0 9 * * *", dialect: .airflow, timeZone: TimeZone(identifier: "Europe/Paris") ?? .gmt)))
        #expect(
            try schedule(AirflowSeeds.timeDelta(days: 1, seconds: 0), zone: "UTC")
                == .interval(IntervalSchedule(every: 1, .day)))
        #expect(
            try schedule(AirflowSeeds.timeDelta(days: 14, seconds: 0), zone: "UTC")
                == .interval(IntervalSchedule(every: 2, .week)))
        #expect(try schedule(AirflowSeeds.timeDelta(seconds: 90), zone: "UTC").kind == .unreadable)
        #expect(try schedule(AirflowSeeds.timeDelta(seconds: 60, microseconds: 5), zone: "UTC").kind == .unreadable)
        #expect(try schedule(["__type": "RelativeDelta", "months": 1], zone: "UTC").kind == .unreadable)
        #expect(try schedule(AirflowSeeds.cron("0 9 * * *"), zone: "Mars/Olympus").kind == .unreadable)
        #expect(try schedule(nil, zone: "UTC") == .manual)
        #expect(AirflowMapping.timeZone("+05:30")?.secondsFromGMT() == 19_800)
        #expect(AirflowMapping.timeZone("Timezone('Asia/Tokyo')")?.identifier == "Asia/Tokyo")
    }

    @Test func aTriggerSendsItsOwnRunIDAndAPauseSendsTheUpdateMask() async throws {
        let clock = SimulatedClock()
        let fixture = try AirflowFixture(clock: clock)
        await fixture.simulator.insertDAG(AirflowSeeds.dag("d1", schedule: nil))
        let provider = AirflowProvider(client: fixture.client, makeRunID: { "jobbridge__fixed" })
        let run = try await provider.runJob("d1")
        #expect(run.runID == "jobbridge__fixed")
        #expect(run.status.phase == .queued)
        _ = try await provider.updateJob("d1", with: JobUpdate(isEnabled: false))
        let requests = fixture.simulator.router.receivedRequests
        let trigger = requests.first { $0.method == .post }
        #expect(try JSONValue(data: trigger?.body ?? Data()) == ["dag_run_id": "jobbridge__fixed", "conf": [:]])
        let patch = requests.first { $0.method == .patch }
        #expect(patch?.url.query == "update_mask=is_paused")
        #expect(try JSONValue(data: patch?.body ?? Data()) == ["is_paused": true])
        #expect(patch?.headers["Authorization"] == "Basic YWRtaW46YWRtaW4=")
    }

    @Test func runsAreAskedForNewestFirstAPageAtATime() async throws {
        let clock = SimulatedClock()
        let fixture = try AirflowFixture(clock: clock, pageSize: 2)
        await fixture.simulator.insertDAG(AirflowSeeds.dag("d1", schedule: nil))
        for (index, state) in ["success", "failed", "success"].enumerated() {
            await fixture.simulator.insertRun(
                AirflowSeeds.run(
                    "r\(index)", dag: "d1", state: state, start: clock.date.addingTimeInterval(Double(index) * 60)))
        }
        let runs = try await fixture.provider.runs(of: "d1").collect()
        #expect(runs.map(\.runID) == ["r2", "r1", "r0"])
        let queries = fixture.simulator.router.receivedRequests.filter { $0.url.path.hasSuffix("/dagRuns") }
            .map { $0.url.query ?? "" }
        #expect(queries == ["limit=2&offset=0&order_by=-execution_date", "limit=2&offset=2&order_by=-execution_date"])
    }

    @Test func problemDetailsBecomeTheErrorsCodeAndMessage() async throws {
        let clock = SimulatedClock()
        let fixture = try AirflowFixture(clock: clock)
        do {
            _ = try await fixture.provider.job("missing")
            Issue.record("expected notFound")
        } catch let error as JobBridgeError {
            #expect(error.code == .notFound)
            #expect(error.providerCode == AirflowSimulator.problemTypeBase + "NotFound")
            #expect(error.message.contains("NotFound: DAG with dag_id: 'missing' not found"))
            #expect(error.operation == .getJob)
            #expect(error.provider == "Airflow (contract)")
        }
    }

    @Test func aPageSizeBelowOneIsAConfigurationError() {
        #expect(throws: JobBridgeError.self) {
            _ = try AirflowClient(baseURL: AirflowFixture.baseURL, credentials: nil, pageSize: 0)
        }
    }

    @Test func wrongCredentialsAreUnauthorized() async throws {
        let clock = SimulatedClock()
        let simulator = AirflowSimulator(now: clock.dateSource)
        let client = try AirflowClient(
            baseURL: AirflowFixture.baseURL, credentials: BasicCredentials(user: "admin", password: Secret("nope")),
            transport: simulator, clock: clock)
        await #expect(throws: JobBridgeError.self) { _ = try await client.dags().collect() }
        do {
            _ = try await client.dags().collect()
        } catch let error as JobBridgeError {
            #expect(error.code == .unauthorized)
            #expect(!error.description.contains("nope"))
        }
    }
}
