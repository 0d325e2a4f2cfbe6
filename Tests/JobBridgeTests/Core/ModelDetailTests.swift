import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// Details of the core model that no other test pinned: what kinds print, which numbers
/// are integers, the name limit, and which status a wait takes for its run. Found by
/// mutation testing (#15).
@Suite struct ModelDetailTests {
    @Test func aKindPrintsTheProvidersOwnTypeWhenItHasOne() {
        #expect("\(JobKind(.reverseETL, providerValue: "ReverseETL"))" == "ReverseETL")
        #expect("\(JobKind(.replication))" == "replication")
        #expect("\(RunStatus(.failed, providerValue: "JOB_FAILED"))" == "failed (JOB_FAILED)")
        #expect("\(RunStatus(.failed, providerValue: "failed"))" == "failed")
    }

    @Test func onlyWholeNumbersAreIntegers() {
        #expect(JSONValue.double(2.5).intValue == nil)
        #expect(JSONValue.double(-0.5).intValue == nil)
        #expect(JSONValue.double(3).intValue == 3)
        #expect(JSONValue.int(7).intValue == 7)
        #expect(JSONValue.string("7").intValue == nil)
        #expect(JSONValue.string("").isNull == false)
    }

    @Test func theNameLimitIsInclusive() throws {
        let descriptor = ProviderDescriptor(name: "Limited", capabilities: .all, maximumNameLength: 10)
        try JobDefinition(name: String(repeating: "a", count: 10), kind: JobKind(.replication))
            .validate(for: descriptor)
        let error = #expect(throws: JobBridgeError.self) {
            try JobDefinition(name: String(repeating: "a", count: 11), kind: JobKind(.replication))
                .validate(for: descriptor)
        }
        #expect(error?.field == "name")
        #expect(throws: JobBridgeError.self) {
            try JobUpdate(name: String(repeating: "a", count: 11)).validate(for: descriptor)
        }
    }

    @Test(arguments: ["\tabc", "\u{0B}abc", "\nabc", " abc", "\rabc", "abc\t", "\u{A0}abc\u{2003}"])
    func whiteSpaceIsTrimmedAtEitherEnd(_ text: String) throws {
        #expect(text.trimmingWhitespace() == "abc")
        #expect(
            try CronSchedule(text.replacingOccurrences(of: "abc", with: "0 6 * * *")).nextRun(
                after: Date(timeIntervalSince1970: 0)) != nil)
    }

    @Test(arguments: ["2026-01-15T10:30:00+01:60", "2026-01-15T10:30:00+0175", "2026-01-15T10:30:00-00:99"])
    func anOffsetWithSixtyMinutesOrMoreIsRefused(_ text: String) {
        #expect(WireDate.parse(text) == nil)
        #expect(WireDate.parse("2026-01-15T11:29:00+00:59") == WireDate.parse("2026-01-15T10:30:00Z"))
    }

    @Test func http410IsNotFound() {
        #expect(JobBridgeError.Code(httpStatus: 410) == .notFound)
        #expect(JobBridgeError.Code(httpStatus: 404) == .notFound)
        #expect(JobBridgeError.Code(httpStatus: 409) == .conflict)
    }

    @Test func contextFillsOnlyWhatIsMissing() {
        let named = JobBridgeError(.notFound, "gone", provider: "CData Sync", operation: .getJob)
        let kept = named.context(provider: "Other", operation: .deleteJob)
        #expect(kept.provider == "CData Sync")
        #expect(kept.operation == .getJob)
        let filled = JobBridgeError(.notFound, "gone").context(provider: "CData Sync", operation: .deleteJob)
        #expect(filled.provider == "CData Sync")
        #expect(filled.operation == .deleteJob)
    }

    @Test func theFirstRegisteredProviderOfANameIsTheOneFound() {
        var only = InMemoryProvider.Configuration(name: "Twin")
        only.capabilities = [.listJobs]
        let registry = ProviderRegistry([
            InMemoryProvider(configuration: .init(name: "Twin")), InMemoryProvider(configuration: only),
        ])
        #expect(
            registry.provider(named: "Twin")?.descriptor.capabilities == InMemoryProvider.Configuration().capabilities)
    }

    @Test func aConnectionNeedsAnIDOrANameThatIsNotBlank() throws {
        let descriptor = ProviderDescriptor(name: "P", capabilities: .all)
        for ref in [ConnectionRef(name: "  "), ConnectionRef(id: "", name: "")] {
            let error = #expect(throws: JobBridgeError.self) {
                try JobDefinition(name: "n", kind: JobKind(.replication), source: ref).validate(for: descriptor)
            }
            #expect(error?.field == "source")
        }
    }
}

/// A provider whose status answers come from a list, one per poll (the last repeats).
private actor StatusList {
    var answers: [JobRun?]
    init(_ answers: [JobRun?]) { self.answers = answers }
    func next() -> JobRun? { answers.count > 1 ? answers.removeFirst() : answers[0] }
}

private struct ListedStatusProvider: JobProvider {
    let list: StatusList
    var capabilities: ProviderCapabilities = [.status]
    var descriptor: ProviderDescriptor { ProviderDescriptor(name: "Listed", capabilities: capabilities) }
    func status(of id: JobID) async throws -> JobRun? { await list.next() }
    func run(_ runID: RunID, of jobID: JobID) async throws -> JobRun {
        guard let run = await list.next() else { throw JobBridgeError(.notFound, "no run \(runID)") }
        return run
    }
}

/// Which run a wait takes for the one it waits for.
@Suite struct RunWaitingIdentityTests {
    let requested = Date(timeIntervalSince1970: 1_000_000)

    @Test func aRunThatStartedJustBeforeTheRequestIsAnotherRun() async throws {
        let clock = SimulatedClock()
        let earlier = JobRun(jobID: "j", status: .failed, startedAt: requested.addingTimeInterval(-0.5))
        let mine = JobRun(jobID: "j", status: .succeeded, startedAt: requested)
        let provider = ListedStatusProvider(list: StatusList([earlier, mine]))
        let waited = JobRun(jobID: "j", status: .queued, requestedAt: requested)
        let finished = try await provider.waitForCompletion(of: waited, pollInterval: .seconds(1), clock: clock)
        #expect(finished == mine)
    }

    @Test func aRunWithAnotherIDIsAnotherRun() async throws {
        let clock = SimulatedClock()
        let other = JobRun(runID: "r-1", jobID: "j", status: .failed, startedAt: requested)
        let mine = JobRun(runID: "r-2", jobID: "j", status: .succeeded, startedAt: requested)
        let provider = ListedStatusProvider(list: StatusList([other, mine]))
        let waited = JobRun(runID: "r-2", jobID: "j", status: .queued, requestedAt: requested)
        let finished = try await provider.waitForCompletion(of: waited, pollInterval: .seconds(1), clock: clock)
        #expect(finished == mine)
    }

    @Test func aTimeoutWhileReadingByIDNamesGetRun() async throws {
        let clock = SimulatedClock()
        let running = JobRun(runID: "r-2", jobID: "j", status: .running, startedAt: requested)
        var provider = ListedStatusProvider(list: StatusList([running]))
        provider.capabilities = [.status, .getRun]
        let waited = JobRun(runID: "r-2", jobID: "j", status: .queued, requestedAt: requested)
        let error = await #expect(throws: JobBridgeError.self) {
            try await provider.waitForCompletion(
                of: waited, pollInterval: .seconds(10), timeout: .seconds(30), clock: clock)
        }
        #expect(error?.code == .timeout)
        #expect(error?.operation == .getRun)
    }
}
