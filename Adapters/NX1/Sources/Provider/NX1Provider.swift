import Foundation
import JobBridge

/// NX1 behind ``JobProvider``: list, get, create, delete, run (trigger) and status.
///
/// NX1 documents no update, cancel, run history or tasks, so those operations keep the
/// protocol's defaults and throw ``JobBridgeError/Code/unsupported``. Jobs that NX1 lists
/// with `is_deleted: true` are not live jobs: they never appear in ``jobs()`` and reading
/// one is ``JobBridgeError/Code/notFound``. The mapping is ``NX1Mapping``; the native
/// client, for everything NX1 has that the portable model does not, is ``client``; the
/// ``NX1Job`` behind a portable job is ``native(_:)``.
///
/// ```swift
/// let credentials = try NX1Auth.clientCredentials(client: "acme", clientID: "bot", clientSecret: secret)
/// let provider = NX1Provider(client: try NX1Client(client: "acme", credentials: credentials))
/// for try await job in provider.jobs() { print(job.name, job.schedule) }
/// ```
public struct NX1Provider: JobProvider {
    /// The operations NX1 supports.
    public static let capabilities: ProviderCapabilities = [
        .listJobs, .getJob, .createJob, .deleteJob, .runJob, .status,
    ]

    /// The native client, for everything the portable model does not cover.
    public let client: NX1Client
    /// Name `NX1` (or the one given), ``capabilities``, manual and cron schedules.
    public let descriptor: ProviderDescriptor
    private let now: @Sendable () -> Date

    /// Creates the provider.
    ///
    /// - Parameters:
    ///   - client: The native client to send requests with.
    ///   - name: The provider's name in errors and listings (default `NX1`).
    ///   - now: The wall clock, used to bound the search for a job whose create failed
    ///     ambiguously (a ``SimulatedClock``'s date source in tests).
    public init(
        client: NX1Client, name: String = NX1Client.providerName, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.now = now
        self.descriptor = ProviderDescriptor(
            name: name, capabilities: Self.capabilities, scheduleKinds: [.manual, .cron],
            fields: Self.fieldCapabilities, migration: Self.migrationTraits)
    }

    /// What NX1 does with each field: it reads and creates name, kind, source, destination,
    /// schedule and settings (`properties_json`); it has no enabled flag and no tasks, and
    /// no update at all. Schedules read back as manual or cron (Airflow's dialect, UTC,
    /// presets). It cannot cancel a run, so the cancelled phase is only the default.
    public static let fieldCapabilities = FieldCapabilities(
        readable: [.name, .kind, .source, .destination, .schedule, .settings],
        creatable: [.name, .kind, .source, .destination, .schedule, .settings], updatable: [],
        scheduleKindsRead: [.manual, .cron])

    /// Every live job (NX1 does not page: one request).
    ///
    /// Each job is mapped as it is read from the answer, and the deleted ones are skipped
    /// on the way, rather than building the native jobs first.
    public func jobs() -> PagedSequence<Job> {
        let client = client
        return stamping(.listJobs, .single { try await client.listedJobs() })
    }

    /// One live job.
    ///
    /// - Throws: ``JobBridgeError/Code/notFound`` for an unknown or deleted job.
    public func job(_ id: JobID) async throws -> Job {
        try await stamping(.getJob) { NX1Mapping.job(from: try await liveJob(id)) }
    }

    /// Creates a job after validating the definition (see ``NX1Mapping/request(for:)``).
    ///
    /// `POST` is never repeated blindly (the core's ``WriteRecovery``): after a failure that
    /// may have acted (no answer, a 500/502/504, an unreadable answer) the live jobs are
    /// listed, and a job with the same fields created since the request was sent (allowing
    /// five minutes of clock skew) is returned as the one created. When none is, the create
    /// did not take effect and is sent again.
    public func createJob(_ definition: JobDefinition) async throws -> Job {
        try await stamping(.createJob) {
            try definition.validate(for: descriptor)
            let request = try NX1Mapping.request(for: definition)
            let sentAt = now()
            let created = try await recovery.perform(
                .createJob, provider: descriptor.name, checking: "the jobs named '\(request.jobName)'"
            ) {
                try await client.createJob(request)
            } check: {
                try await findCreated(request, since: sentAt.addingTimeInterval(-300))
            }
            return NX1Mapping.job(from: created)
        }
    }

    /// Deletes a live job (NX1 keeps it, marked `is_deleted`). The job is read first, so
    /// that deleting a deleted job is ``JobBridgeError/Code/notFound``; a delete whose
    /// answer was lost succeeds when the job reads as deleted.
    ///
    /// - Throws: ``JobBridgeError/Code/notFound`` for an unknown or already deleted job.
    public func deleteJob(_ id: JobID) async throws {
        try await stamping(.deleteJob) {
            _ = try await liveJob(id)
            try await recovery.perform(.deleteJob, provider: descriptor.name, checking: "job \(id)") {
                try await client.deleteJob(id.rawValue, retrying: false)
            } check: {
                try await .gone { _ = try await liveJob(id) }
            }
        }
    }

    /// Triggers a run (`POST /api/jobs/{job_id}/trigger`) and returns the run as the job
    /// reports it right after (usually `pending`). NX1 cannot run chosen tasks.
    ///
    /// The trigger is never repeated blindly: after a failure that may have acted the job
    /// is read, and if it is `pending` or `running`, or started later than before the
    /// trigger, the trigger took effect and its run is returned; otherwise it did not, and
    /// it is sent again. When the trigger succeeds but the read after it fails, a queued
    /// run is returned.
    public func runJob(_ id: JobID, tasks: [TaskID]?) async throws -> JobRun {
        if tasks != nil { throw unsupported(.runTasks) }
        return try await stamping(.runJob) {
            let before = try await liveJob(id)
            let seen = try await recovery.perform(
                .runJob, provider: descriptor.name, checking: "the status of job \(id)"
            ) { () -> NX1Job? in
                try await client.triggerJob(id.rawValue)
                return nil
            } check: { () -> WriteCheck<NX1Job?> in
                let after = try await client.job(id.rawValue)
                return Self.started(after, since: before) ? .tookEffect(after) : .didNotTakeEffect
            }
            // The trigger was accepted: a failed read afterwards must not report it as failed.
            let after: NX1Job?
            if let seen {
                after = seen
            } else {
                after = try await recovery.readAfterWrite { try await client.job(id.rawValue) }
            }
            guard let after else { return JobRun(jobID: id, status: RunStatus(.queued)) }
            return Self.newRun(after, since: before)
        }
    }

    /// The job's current or latest run from its status and `last_*_at` dates (see
    /// ``NX1Mapping/lastRun(of:)``); `nil` when it is `new` and never started.
    public func status(of id: JobID) async throws -> JobRun? {
        try await stamping(.status) { NX1Mapping.lastRun(of: try await liveJob(id)) }
    }

    // MARK: Helpers

    /// The core's rule for writes, with the client's retry policy and clock.
    private var recovery: WriteRecovery { client.rest.writeRecovery }

    /// Reads a job and refuses a deleted one as not found.
    private func liveJob(_ id: JobID) async throws -> NX1Job {
        let native = try await client.job(id.rawValue)
        guard !native.isDeleted else {
            let when = native.deletedAt.map { " at \(NX1Date.format($0))" } ?? ""
            throw JobBridgeError(.notFound, "job \(id) was deleted\(when)", outcome: .answered)
        }
        return native
    }

    /// After a create that may have acted: the live job it made, if exactly one job with
    /// the request's fields was created since `since`. No such job at all: it did not take
    /// effect. Look-alikes that cannot be told apart (older ones, when the two clocks may
    /// disagree; several recent ones): unknown.
    private func findCreated(_ request: NX1CreateJobRequest, since: Date) async throws -> WriteCheck<NX1Job> {
        let wanted = try? NX1Properties.parse(request.propertiesJSON)
        let matches = try await client.listJobs().filter { job in
            !job.isDeleted && job.jobName == request.jobName && job.jobType == request.jobType
                && job.source == request.source && job.destination == request.destination
                && job.schedule == request.schedule && (try? NX1Properties.parse(job.propertiesJSON)) == wanted
        }
        let recent = matches.filter { ($0.createdAt ?? .distantPast) >= since }
        if recent.count == 1, let job = recent.first { return .tookEffect(job) }
        if matches.isEmpty { return .didNotTakeEffect }
        let ids = matches.map(\.id).joined(separator: ", ")
        return .unknown("jobs with the same fields exist (\(ids)) and could be the one created")
    }

    /// Whether `after` shows a run that `before` did not. A job that was already pending
    /// or running before the trigger proves nothing by still being so.
    static func started(_ after: NX1Job, since before: NX1Job) -> Bool {
        let isGoing = { (job: NX1Job) in job.status == .pending || job.status == .running }
        if !isGoing(before), isGoing(after) { return true }
        guard let start = after.lastStartedAt else { return false }
        guard let previous = before.lastStartedAt else { return true }
        return start > previous
    }

    /// The run that a trigger started: the job's run when it shows a new one, else a
    /// queued run (the trigger was accepted but the job does not show it yet).
    static func newRun(_ after: NX1Job, since before: NX1Job) -> JobRun {
        if started(after, since: before), let run = NX1Mapping.lastRun(of: after) { return run }
        return JobRun(jobID: JobID(after.id), status: RunStatus(.queued))
    }
}
