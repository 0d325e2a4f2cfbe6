import Foundation
import JobBridge
import JobBridgeTesting
import Testing

@Suite struct UnreadableScheduleTests {
    static let zone = TimeZone(identifier: "America/New_York") ?? .gmt
    static let cron = UnreadableSchedule(
        text: "*/0 * * * *", reason: "the step of minute is 0", dialect: .sync, timeZone: zone)
    static let interval = UnreadableSchedule(
        text: "intervalUnit=Hour, intervalValue=0", reason: "an interval of 0 Hour never comes round")

    @Test func itDescribesItselfOnOneBoundedLine() {
        #expect(
            Schedule.unreadable(Self.cron).description
                == "unreadable cron \"*/0 * * * *\" (sync, America/New_York): the step of minute is 0")
        #expect(
            Schedule.unreadable(Self.interval).description
                == "unreadable schedule \"intervalUnit=Hour, intervalValue=0\": an interval of 0 Hour never comes round"
        )
        let long = UnreadableSchedule(text: String(repeating: "x", count: 100_000) + "\n", reason: "a\nb\u{0}c")
        let line = long.description
        #expect(!line.contains("\n") && !line.contains("\u{0}"))
        #expect(line.count < UnreadableSchedule.describedTextLimit + UnreadableSchedule.describedReasonLimit + 60)
        #expect(line.hasSuffix(": a?b?c"))
        #expect(long.text.count == 100_001)  // the value itself is kept whole
    }

    @Test func itRoundTripsThroughCodable() throws {
        for value in [Self.cron, Self.interval] {
            let data = try JSONEncoder().encode(value)
            #expect(try JSONDecoder().decode(UnreadableSchedule.self, from: data) == value)
        }
        let json = try JSONValue(data: JSONEncoder().encode(Self.cron))
        #expect(json["text"] == "*/0 * * * *")
        #expect(json["dialect"] == "sync")
    }

    @Test func itIsAKindOfItsOwnThatNoProviderAccepts() {
        #expect(Schedule.unreadable(Self.cron).kind == .unreadable)
        #expect(Schedule.Kind.writable == [.manual, .cron, .interval])
        #expect(ProviderDescriptor(name: "P", capabilities: .all).scheduleKinds == Schedule.Kind.writable)
        let listed = ProviderDescriptor(name: "P", capabilities: .all, scheduleKinds: Set(Schedule.Kind.allCases))
        #expect(!listed.scheduleKinds.contains(.unreadable))
    }

    @Test func itHasNoRunTimesAndConvertsToNothing() throws {
        let schedule = Schedule.unreadable(Self.cron)
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        #expect(schedule.nextRun(after: now) == nil)
        #expect(schedule.previousRun(before: now) == nil)
        for conversion in [schedule.convertedToInterval(), schedule.convertedToCron(dialect: .standard)] {
            #expect(conversion.schedule == nil)
            guard case .impossible(let reason) = conversion.verdict else {
                Issue.record("an unreadable schedule converted: \(conversion.verdict)")
                continue
            }
            #expect(reason.contains("*/0 * * * *"))
        }
    }

    @Test(arguments: [
        ProviderDescriptor(name: "Open", capabilities: .all),
        // Even a descriptor that tries to accept it does not let it through.
        {
            var descriptor = ProviderDescriptor(name: "Open", capabilities: .all)
            descriptor.scheduleKinds = Set(Schedule.Kind.allCases)
            return descriptor
        }(),
    ])
    func validationRefusesItInDefinitionsAndUpdates(_ descriptor: ProviderDescriptor) {
        let definition = JobDefinition(name: "Copy", kind: JobKind(.replication), schedule: .unreadable(Self.cron))
        let created = #expect(throws: JobBridgeError.self) { try definition.validate(for: descriptor) }
        #expect(created?.code == .invalidDefinition)
        #expect(created?.field == "schedule")
        #expect(created?.operation == .createJob)
        #expect(created?.message.contains("*/0 * * * *") == true)
        let update = JobUpdate(schedule: .unreadable(Self.interval))
        let updated = #expect(throws: JobBridgeError.self) { try update.validate(for: descriptor) }
        #expect(updated?.code == .invalidDefinition)
        #expect(updated?.field == "schedule")
        #expect(updated?.operation == .updateJob)
    }

    @Test func theInMemoryProviderWritesNothing() async throws {
        let provider = InMemoryProvider()
        let job = try await provider.createJob(JobDefinition(name: "Keep", kind: JobKind(.replication)))
        var copy = job.definition
        copy.schedule = .unreadable(Self.cron)
        let created = await #expect(throws: JobBridgeError.self) { try await provider.createJob(copy) }
        #expect(created?.field == "schedule")
        let updated = await #expect(throws: JobBridgeError.self) {
            try await provider.updateJob(job.id, with: JobUpdate(name: "Changed", schedule: .unreadable(Self.cron)))
        }
        #expect(updated?.field == "schedule")
        let jobs = try await provider.jobs().collect()
        #expect(jobs.map(\.name) == ["Keep"])
        #expect(jobs.first?.schedule == .manual)
    }
}
