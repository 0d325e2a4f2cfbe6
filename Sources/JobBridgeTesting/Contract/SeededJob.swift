import Foundation
import JobBridge

/// A provider against fresh state holding jobs that the harness seeded, and what the
/// contract suite should expect of each: what ``ContractHarness/makeSeededProvider()``
/// returns.
public struct SeededState: Sendable {
    /// The provider, against the seeded state.
    public var provider: any JobProvider
    /// The seeded jobs, the first of them able to run.
    public var jobs: [SeededJob]

    /// Creates a seeded state.
    public init(provider: any JobProvider, jobs: [SeededJob]) {
        self.provider = provider
        self.jobs = jobs
    }
}

/// A job that exists before a case starts, and what reading it must give.
///
/// The suite compares ``expected`` with what the provider reads on every field the
/// provider declares readable (``FieldCapabilities/readable``): the schedule with its time
/// zone, the tasks in order with their active flags, settings key by key (only the keys
/// given).
public struct SeededJob: Sendable {
    /// The job's id in the seeded state.
    public var id: JobID
    /// What the job's portable fields must read as.
    public var expected: JobDefinition
    /// The job's past runs, newest first (empty when it never ran).
    public var pastRuns: [SeededRun]

    /// Creates a seeded job's expectations.
    public init(id: JobID, expected: JobDefinition, pastRuns: [SeededRun] = []) {
        self.id = id
        self.expected = expected
        self.pastRuns = pastRuns
    }
}

/// A past run of a seeded job, as the provider must read it back.
public struct SeededRun: Sendable, Hashable {
    /// Its id, when the provider has run ids (compared when given).
    public var id: RunID?
    /// When it started, as the provider reports it (``JobRun/startedAt``, else
    /// ``JobRun/requestedAt``); compared when given.
    public var startedAt: Date?
    /// How it ended.
    public var phase: RunStatus.Phase

    /// Creates a past run's expectations.
    public init(id: RunID? = nil, startedAt: Date? = nil, phase: RunStatus.Phase) {
        self.id = id
        self.startedAt = startedAt
        self.phase = phase
    }
}
