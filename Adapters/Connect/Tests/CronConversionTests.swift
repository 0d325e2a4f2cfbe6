import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// A cron schedule given to Connect, which schedules by interval only, is converted with
/// the cron engine's verdict: exact silently, approximate only when allowed, impossible
/// never; a refusal happens before any request is sent.
@Suite struct CronConversionTests {
    private static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    private func definition(_ cron: String, in timeZone: TimeZone = .gmt) throws -> JobDefinition {
        JobDefinition(
            name: "Cron job", kind: JobKind(.replication, providerValue: "Caching"),
            source: ConnectionRef(id: "f6f3cfe6-72e2-4edb-914f-4409c01c1418", name: "MailChimp1"),
            destination: TestSupport.cacheConnection, schedule: .cron(try CronSchedule(cron, timeZone: timeZone)),
            tasks: [TaskDefinition(table: TableRef(schema: "MailChimp", name: "Conversations"))])
    }

    @Test func anExactConversionIsSilent() async throws {
        let simulator = ConnectSimulator()
        let job = try await TestSupport.provider(simulator).createJob(try definition("0 */6 * * *"))
        guard case .interval(let interval) = job.schedule else {
            Issue.record("expected an interval schedule, got \(job.schedule)")
            return
        }
        #expect(interval.unit == .hour)
        #expect(interval.count == 6)
        let native = try TestSupport.provider(simulator).native(job)
        #expect(native.intervalUnit == .hour)
        #expect(native.intervalValue == 6)
    }

    @Test func anApproximateConversionIsRefusedWithItsDifferences() async throws {
        let simulator = ConnectSimulator()
        let error = await #expect(throws: JobBridgeError.self) {
            // Every six hours from midnight, in New York: an interval drifts by an hour
            // against the wall clock on each daylight-saving transition.
            try await TestSupport.provider(simulator).createJob(try definition("0 */6 * * *", in: Self.newYork))
        }
        #expect(error?.code == .invalidDefinition)
        #expect(error?.field == "schedule")
        #expect(error?.message.contains("only approximately") == true)
        #expect(error?.message.contains("daylight-saving transition day") == true)
        #expect(try await TestSupport.provider(simulator).jobs().collect().allSatisfy { $0.name != "Cron job" })
    }

    @Test func anApproximateConversionIsAcceptedWhenAllowed() async throws {
        let simulator = ConnectSimulator()
        let provider = ConnectProvider(
            client: try TestSupport.client(simulator), cacheConnection: TestSupport.cacheConnection,
            allowsApproximateSchedules: true)
        let job = try await provider.createJob(try definition("0 */6 * * *", in: Self.newYork))
        #expect(job.schedule.kind == .interval)
        #expect(try provider.native(job).intervalUnit == .hour)
        #expect(try provider.native(job).intervalValue == 6)
    }

    @Test(arguments: ["0 9 * * 1-5", "0 */5 * * *"])
    func anImpossibleConversionIsRefusedWithTheReason(_ cron: String) async throws {
        let simulator = ConnectSimulator()
        let provider = ConnectProvider(
            client: try TestSupport.client(simulator), cacheConnection: TestSupport.cacheConnection,
            allowsApproximateSchedules: true)
        let error = await #expect(throws: JobBridgeError.self) { try await provider.createJob(try definition(cron)) }
        #expect(error?.code == .invalidDefinition)
        #expect(error?.field == "schedule")
        #expect(error?.message.contains("cannot be an interval schedule") == true)
        #expect(error?.message.contains("not evenly spaced") == true)
        #expect(try await provider.jobs().collect().allSatisfy { $0.name != "Cron job" })
    }

    @Test func anUpdateConvertsToo() async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        var first = try definition("0 */6 * * *")
        first.schedule = .interval(IntervalSchedule(every: 1, .hour))
        let job = try await provider.createJob(first)
        let updated = try await provider.updateJob(
            job.id, with: JobUpdate(schedule: .cron(try CronSchedule("0 0 * * *"))))
        #expect(try provider.native(updated).intervalUnit == .day)
        #expect(try provider.native(updated).intervalValue == 1)
    }
}
