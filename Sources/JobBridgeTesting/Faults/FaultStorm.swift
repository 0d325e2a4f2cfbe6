import Foundation
import JobBridge

/// Create → run → wait → delete sequences through a provider behind a
/// ``FaultInjectingTransport``, each write compared with what the server really did
/// (``ServerLedger``): the proof that the core's write rule tells callers the truth.
///
/// A write is **misreported** when the caller was told it failed (an error other than
/// ``JobBridgeError/Code/outcomeUncertain``) although the server acted, or told it
/// succeeded although the server did not act. A **duplicate** is a write the server
/// carried out more than once for one call. A wait **ended by a bad poll** is a
/// `waitForCompletion` that threw anything but a time-out.
public struct FaultStorm: Sendable {
    /// The fault mix of the reliability issue: latency 20 %, 429 with `Retry-After` 5 %,
    /// 503 4 %, 500 2 %, dropped before the server 3 %, after it 3 %, malformed 2 %,
    /// truncated 2 %.
    public static let standardMix: [(fault: Fault, probability: Double)] = [
        (.latency(.milliseconds(200)), 0.20), (.rateLimited(retryAfterSeconds: 5), 0.05),
        (.serverError(status: 503), 0.04), (.serverError(status: 500), 0.02), (.dropBeforeServer, 0.03),
        (.dropAfterServer, 0.03), (.malformedBody, 0.02), (.truncatedBody, 0.02),
    ]

    /// Which requests are which write, by method and path.
    public struct Writes: Sendable {
        /// Whether a request creates a job.
        public var isCreate: @Sendable (ServerLedger.Entry) -> Bool
        /// Whether a request runs a job.
        public var isRun: @Sendable (ServerLedger.Entry) -> Bool
        /// Whether a request deletes a job.
        public var isDelete: @Sendable (ServerLedger.Entry) -> Bool

        /// Writes told apart by predicates on the requests the server answered.
        public init(
            isCreate: @escaping @Sendable (ServerLedger.Entry) -> Bool,
            isRun: @escaping @Sendable (ServerLedger.Entry) -> Bool,
            isDelete: @escaping @Sendable (ServerLedger.Entry) -> Bool
        ) {
            self.isCreate = isCreate
            self.isRun = isRun
            self.isDelete = isDelete
        }
    }

    /// What a fault run found.
    public struct Report: Sendable, CustomStringConvertible {
        /// How many sequences ran.
        public var sequences = 0
        /// Each write whose outcome was misreported, in words.
        public var misreported: [String] = []
        /// Each write the server carried out more than once for one call.
        public var duplicates: [String] = []
        /// Each wait that ended on an error other than a time-out.
        public var waitsEndedByABadPoll: [String] = []
        /// How many writes ended ``JobBridgeError/Code/outcomeUncertain`` (truthful, counted apart).
        public var uncertain = 0
        /// How many writes failed truthfully (the server did not act), by operation.
        public var honestFailures: [String: Int] = [:]
        /// How many faults were injected.
        public var faultsInjected = 0

        /// One line with every count.
        public var description: String {
            "\(sequences) sequences, \(faultsInjected) faults: \(misreported.count) misreported, "
                + "\(duplicates.count) duplicates, \(waitsEndedByABadPoll.count) waits ended by a bad poll, "
                + "\(uncertain) uncertain, honest failures \(honestFailures.sorted { $0.key < $1.key })"
        }
    }

    /// The provider under test (its transport is `faults`, in front of `ledger`).
    public var provider: any JobProvider
    /// The fault injector in front of the ledger.
    public var faults: FaultInjectingTransport
    /// The ledger in front of the server.
    public var ledger: ServerLedger
    /// Which requests are creates, runs and deletes.
    public var writes: Writes
    /// The clock the provider, the faults and the server share.
    public var clock: any Clock<Duration>
    /// The definition of sequence `n`'s job (a distinct name per sequence).
    public var definition: @Sendable (Int) -> JobDefinition
    /// How often a wait polls (default 60 s: a few polls per simulated run).
    public var pollInterval: Duration = .seconds(60)

    /// Creates a fault run.
    public init(
        provider: any JobProvider, faults: FaultInjectingTransport, ledger: ServerLedger, writes: Writes,
        clock: any Clock<Duration>, definition: @escaping @Sendable (Int) -> JobDefinition
    ) {
        self.provider = provider
        self.faults = faults
        self.ledger = ledger
        self.writes = writes
        self.clock = clock
        self.definition = definition
    }

    /// Runs `count` sequences, one after the other, and reports what it found.
    public func run(sequences count: Int) async -> Report {
        var report = Report()
        for number in 0..<count {
            report.sequences += 1
            await sequence(number, into: &report)
        }
        report.faultsInjected = faults.injectedFaults.filter { !$0.isEmpty }.count
        return report
    }

    private func sequence(_ number: Int, into report: inout Report) async {
        let what = "sequence \(number)"
        let created = await write("create", of: what, counting: writes.isCreate, into: &report) {
            try await provider.createJob(definition(number))
        }
        guard let job = created else { return }
        let run = await write("run", of: what, counting: writes.isRun, into: &report) {
            try await provider.runJob(job.id)
        }
        if let run {
            do {
                _ = try await provider.waitForCompletion(
                    of: run, pollInterval: pollInterval, timeout: .seconds(3_600), clock: clock)
            } catch let error as JobBridgeError where error.code == .timeout {
                report.waitsEndedByABadPoll.append("\(what): the wait timed out: \(error)")
            } catch {
                report.waitsEndedByABadPoll.append("\(what): \(error)")
            }
        }
        _ = await write("delete", of: what, counting: writes.isDelete, into: &report) {
            try await provider.deleteJob(job.id)
        }
    }

    /// Performs one write and compares what the caller was told with the ledger.
    private func write<Value>(
        _ operation: String, of what: String, counting isWrite: @Sendable (ServerLedger.Entry) -> Bool,
        into report: inout Report, _ body: () async throws -> Value
    ) async -> Value? {
        let before = ledger.acted(isWrite)
        let result: Result<Value, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        let acted = ledger.acted(isWrite) - before
        if acted > 1 { report.duplicates.append("\(what): the server carried out \(acted) \(operation)s") }
        switch result {
        case .success(let value):
            if acted == 0 { report.misreported.append("\(what): \(operation) reported done, the server did not act") }
            return value
        case .failure(let error as JobBridgeError) where error.code == .outcomeUncertain:
            report.uncertain += 1
        case .failure(let error):
            if acted > 0 {
                report.misreported.append("\(what): \(operation) reported failed although it took effect: \(error)")
            } else {
                report.honestFailures[operation, default: 0] += 1
            }
        }
        return nil
    }
}
