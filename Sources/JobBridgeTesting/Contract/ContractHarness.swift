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
public protocol ContractHarness: Sendable {
    /// A provider against fresh, empty state.
    func makeProvider() async throws -> any JobProvider
    /// The capabilities the provider declares; cases are derived from them.
    var capabilities: ProviderCapabilities { get }
    /// A valid definition, different for each `number` (at least in its name), using
    /// connections that exist in the fresh state.
    func definition(_ number: Int) -> JobDefinition
    /// A definition that sets every portable field in ``roundTripFields`` to a value that
    /// is not a default, so that a field the adapter drops is noticed.
    var richDefinition: JobDefinition { get }
    /// The portable fields that survive a create and a read on this provider.
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
}

/// A portable field of ``Job``, for saying which fields a provider keeps.
public enum JobField: String, Hashable, Sendable, CaseIterable {
    /// ``Job/name``.
    case name
    /// ``Job/kind`` (its category and provider value).
    case kind
    /// ``Job/source``.
    case source
    /// ``Job/destination``.
    case destination
    /// ``Job/schedule``.
    case schedule
    /// ``Job/isEnabled``.
    case isEnabled
    /// ``Job/tasks`` (queries, tables and active flags, in order).
    case tasks
    /// ``Job/settings``.
    case settings
}
