import Foundation
import JobBridge
import Testing

@Suite struct ModelTests {
    @Test func identifiersStayStrings() throws {
        let id: TaskID = "870237973789151200"
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["870237973789151200"]"#)
        #expect(try JSONDecoder().decode([TaskID].self, from: data) == [id])
    }

    @Test func jsonValueKeepsEveryKindOfValue() throws {
        let text = #"{"big":9007199254740993,"f":1.5,"s":"x","n":null,"b":true,"a":[1,{"k":"v"}]}"#
        let value = try JSONValue(data: Data(text.utf8))
        #expect(value["big"] == .int(9_007_199_254_740_993))
        #expect(value["f"] == .double(1.5))
        #expect(value["n"]?.isNull == true)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?[1]?["k"]?.stringValue == "v")
        #expect(try JSONValue(data: value.data()) == value)
    }

    @Test func jsonValueRejectsBrokenDocumentsWithATypedError() {
        #expect(throws: JobBridgeError.self) { try JSONValue(data: Data("{\"a\":".utf8)) }
    }

    @Test func jsonValueDescriptionRedactsSecrets() {
        let value: JSONValue = ["connectionString": "Server=db;Password=hunter2;", "name": "cache"]
        #expect(!value.description.contains("hunter2"))
        #expect(value.description.contains("cache"))
    }

    @Test func runStatusKeepsTheProviderValue() {
        let status = RunStatus(.unknown, providerValue: "JOB_NOCHANGE")
        #expect(!status.isFinished)
        #expect(status.description == "unknown (JOB_NOCHANGE)")
        #expect(RunStatus(.succeeded, providerValue: "SUCCESS").isFinished)
        #expect(RunStatus.Phase.allCases.filter(\.isFinished) == [.succeeded, .failed, .cancelled, .skipped])
    }

    @Test func updateAppliesOnlyWhatIsSet() {
        var job = Job(
            id: "1", name: "A", kind: JobKind(.replication), source: ConnectionRef(name: "s"),
            settings: ["verbosity": 1, "prefix": "x"])
        JobUpdate(name: "B", settings: ["verbosity": 3, "prefix": .null]).apply(to: &job)
        #expect(job.name == "B")
        #expect(job.source == ConnectionRef(name: "s"))
        #expect(job.settings == ["verbosity": 3])
        #expect(JobUpdate().isEmpty)
        #expect(!JobUpdate(isEnabled: false).isEmpty)
    }

    @Test func definitionOfAJobListsTasksInOrder() {
        let job = Job(
            id: "1", name: "A", kind: JobKind(.replication),
            tasks: [JobTask(id: "b", index: 1, query: "second"), JobTask(id: "a", index: 0, query: "first")])
        #expect(job.definition.tasks.map(\.query) == ["first", "second"])
    }

    @Test func capabilitiesFollowOperations() {
        #expect(ProviderCapabilities.all.operations == JobOperation.allCases)
        let set: ProviderCapabilities = [.listJobs, .moveTask]
        #expect(set.operations == [.listJobs, .moveTask])
        #expect(set.description == "[listJobs, moveTask]")
        #expect(Set(JobOperation.allCases.map(\.capability.rawValue)).count == JobOperation.allCases.count)
    }

    @Test func secretsNeverShowThemselves() {
        let secret: Secret = "tok-SECRET-123"
        #expect("\(secret)" == Redactor.placeholder)
        #expect(String(reflecting: secret) == Redactor.placeholder)
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("SECRET"))
        #expect(secret.revealed == "tok-SECRET-123")
    }

    @Test func whitespaceIsTrimmedScalarByScalar() {
        #expect("  a b \n".trimmingWhitespace() == "a b")
        #expect("x \u{301}".trimmingWhitespace() == "x \u{301}")
        #expect("\u{A0}x\u{2028}".trimmingWhitespace() == "x")
        #expect(" \t\n".trimmingWhitespace() == "")
        #expect("0 * * * *".trimmingWhitespace() == "0 * * * *")
    }

    @Test func schedulesPrintReadably() throws {
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        #expect("\(Schedule.manual)" == "manual")
        #expect(
            "\(Schedule.cron(try CronSchedule("0 9 * * 1-5", timeZone: newYork)))"
                == "cron 0 9 * * 1-5 (America/New_York)")
        #expect(
            "\(try CronSchedule("0 */6 * * ?", dialect: .sync, timeZone: .gmt))" == "cron 0 */6 * * ? (sync, GMT)")
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        #expect(
            "\(try CronSchedule("30 2 * * *", dialect: .standard, timeZone: berlin, dstPolicy: .kubernetes))"
                == "cron 30 2 * * * (Europe/Berlin, DST kubernetes)")
        #expect("\(Schedule.interval(IntervalSchedule(every: 6, .hour)))" == "every 6 hours")
        let first = Date(timeIntervalSince1970: 1_767_258_000)
        #expect(
            "\(Schedule.interval(IntervalSchedule(every: 1, .day, firstRun: first)))"
                == "every 1 day from 2026-01-01T09:00:00Z")
    }
}
