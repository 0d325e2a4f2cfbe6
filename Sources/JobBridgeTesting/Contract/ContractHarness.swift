import Foundation
import JobBridge

/// What an adapter's tests provide so that the contract suite can run against it.
///
/// Implement it in your test target, then run every case as one parameterized test:
/// ```swift
/// @Test(arguments: ContractSuite.cases(for: MyHarness()))
/// func contract(_ contractCase: ContractCase) async throws {
///     try await contractCase.run(MyHarness())
/// }
/// ```
/// Each call of ``makeProvider()`` must return a provider against fresh state (a new
/// simulator), so that cases never see each other's jobs.
///
/// A provider that cannot create jobs (or any provider, to test reads of jobs it did not
/// make) gets its behaviour cases on jobs that already exist: set ``seedsJobs`` and make
/// ``makeSeededProvider()`` seed them into a fresh simulator and say what to expect of
/// each (``SeededJob``: fields, schedule with its time zone, tasks, past runs in order).
public protocol ContractHarness: Sendable {
    /// A provider against fresh, empty state.
    func makeProvider() async throws -> any JobProvider
    /// The capabilities the provider declares; cases are derived from them.
    var capabilities: ProviderCapabilities { get }
    /// What the provider declares it does with each field (``ProviderDescriptor/fields``);
    /// cases are derived from it. Defaults to ``FieldCapabilities/all``.
    var fields: FieldCapabilities { get }
    /// Whether ``makeSeededProvider()`` seeds jobs; the `*.seeded*` cases run when it does.
    /// Defaults to `false`. A harness whose provider cannot create jobs must seed them,
    /// or case `seeded.required` fails.
    var seedsJobs: Bool { get }
    /// A provider against fresh state that holds jobs seeded by the harness (straight into
    /// the simulator, not through the provider), with what the suite should expect of
    /// them. The first job must be able to run; together the jobs should cover what the
    /// provider reads: a cron schedule in a time zone other than UTC when the provider
    /// reads cron, two or more tasks, two or more past runs, and more jobs than
    /// ``pageSize`` when it pages.
    func makeSeededProvider() async throws -> SeededState
    /// How many jobs a page of ``JobProvider/jobs()`` holds in the seeded state, when the
    /// provider pages; the seeded listing must span pages of exactly this size (never
    /// silently ignored). `nil` (the default) when the provider does not page.
    var pageSize: Int? { get }
    /// A valid definition, different for each `number` (at least in its name), using
    /// connections that exist in the fresh state.
    func definition(_ number: Int) -> JobDefinition
    /// A definition that sets every portable field in ``roundTripFields`` to a value that
    /// is not a default, so that a field the adapter drops is noticed.
    var richDefinition: JobDefinition { get }
    /// The portable fields that survive a create and a read on this provider (by default
    /// ``FieldCapabilities/roundTrip`` of ``fields``).
    var roundTripFields: Set<JobField> { get }
    /// Valid tasks (at least three, all different) for the task cases.
    var sampleTasks: [TaskDefinition] { get }
    /// The most tasks a job can have on this provider (CData Connect: one implied task);
    /// `nil` when there is no limit. Task cases give a new job at most this many of
    /// ``sampleTasks``.
    var maximumTasksPerJob: Int? { get }
    /// An id that no job has.
    var nonexistentJobID: JobID { get }
    /// How many jobs it takes to need more than one page of ``JobProvider/jobs()``;
    /// `nil` if the provider does not page.
    var jobsSpanningPages: Int? { get }
    /// The clock the provider's runs advance on; waiting cases sleep on it.
    var clock: any Clock<Duration> { get }
    /// The longest a run in the fresh state takes to finish.
    var runTimeout: Duration { get }
}

extension ContractHarness {
    /// Three query tasks.
    public var sampleTasks: [TaskDefinition] {
        [
            TaskDefinition(query: "REPLICATE [Accounts] SELECT * FROM [Accounts]"),
            TaskDefinition(query: "REPLICATE [Contacts] SELECT * FROM [Contacts]"),
            TaskDefinition(query: "REPLICATE [Leads] SELECT * FROM [Leads]"),
        ]
    }
    /// No limit.
    public var maximumTasksPerJob: Int? { nil }
    /// An id no provider is expected to have.
    public var nonexistentJobID: JobID { "jobbridge-contract-nonexistent-0" }
    /// One hour.
    public var runTimeout: Duration { .seconds(3600) }
    /// Every field read, created and updated.
    public var fields: FieldCapabilities { .all }
    /// The fields that ``fields`` says survive a create and a read.
    public var roundTripFields: Set<JobField> { fields.roundTrip }
    /// No seeded jobs.
    public var seedsJobs: Bool { false }
    /// Throws a ``ContractFailure``: the harness seeds nothing.
    public func makeSeededProvider() async throws -> SeededState {
        throw ContractFailure("the harness declares no seeded jobs (seedsJobs is false)")
    }
    /// The provider does not page.
    public var pageSize: Int? { nil }
}
