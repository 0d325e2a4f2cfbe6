import Foundation
import JobBridge

/// NX1 behind ``JobProvider``: list, get, create, delete, run (trigger) and status.
///
/// NX1 documents no update, cancel, run history or tasks, so those operations keep the
/// protocol's defaults and throw ``JobBridgeError/Code/unsupported``. Jobs that NX1 lists
/// with `is_deleted: true` are not live jobs: they never appear in ``jobs()`` and reading
/// one is ``JobBridgeError/Code/notFound``. The mapping is ``NX1Mapping``; the native
/// client, for everything NX1 has that the portable model does not, is ``client``.
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

    /// The native client.
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
            name: name, capabilities: Self.capabilities, scheduleKinds: [.manual, .cron])
    }

    /// Every live job (NX1 does not page: one request).
    public func jobs() -> PagedSequence<Job> {
        let client = client
        let name = descriptor.name
        return .single {
            do {
                return try await client.listJobs().filter { !$0.isDeleted }.map(NX1Mapping.job(from:))
            } catch let error as JobBridgeError {
                throw Self.renamed(error, provider: name, operation: .listJobs)
            }
        }
    }

    /// One live job.
    ///
    /// - Throws: ``JobBridgeError/Code/notFound`` for an unknown or deleted job.
    public func job(_ id: JobID) async throws -> Job {
        NX1Mapping.job(from: try await liveJob(id, for: .getJob))
    }

    /// Creates a job after validating the definition (see ``NX1Mapping/request(for:)``).
    ///
    /// `POST` is never repeated blindly: after an ambiguous failure (no answer, a 5xx, an
    /// unreadable answer) the live jobs are listed, and a job with the same fields created
    /// since the request was sent (allowing five minutes of clock skew) is returned as the
    /// one created. Without one, the original error is thrown, its message saying whether
    /// no such job exists (creating it again is safe) or the jobs could not be listed.
    public func createJob(_ definition: JobDefinition) async throws -> Job {
        try definition.validate(for: descriptor)
        let request: NX1CreateJobRequest
        do {
            request = try NX1Mapping.request(for: definition)
        } catch let error as JobBridgeError {
            throw Self.renamed(error, provider: descriptor.name, operation: .createJob)
        }
        let sentAt = now()
        do {
            return NX1Mapping.job(from: try await client.createJob(request))
        } catch let error as JobBridgeError where Self.isAmbiguous(error) {
            var failure = Self.renamed(error, provider: descriptor.name, operation: .createJob)
            let search: NX1Job?
            do {
                search = try await findCreated(request, since: sentAt.addingTimeInterval(-300))
            } catch {
                failure.message += " (the jobs could not be listed to tell whether the job was created)"
                throw failure
            }
            guard let created = search else {
                failure.message += " (no such job exists, so creating it again is safe)"
                throw failure
            }
            return NX1Mapping.job(from: created)
        } catch let error as JobBridgeError {
            throw Self.renamed(error, provider: descriptor.name, operation: .createJob)
        }
    }

    /// Deletes a live job (NX1 keeps it, marked `is_deleted`). The job is read first, so
    /// that deleting a deleted job is ``JobBridgeError/Code/notFound``, and a retried
    /// `DELETE` whose first attempt worked is not reported as a failure.
    ///
    /// - Throws: ``JobBridgeError/Code/notFound`` for an unknown or already deleted job.
    public func deleteJob(_ id: JobID) async throws {
        _ = try await liveJob(id, for: .deleteJob)
        do {
            try await client.deleteJob(id.rawValue)
        } catch let error as JobBridgeError {
            // A DELETE is retried after a lost answer; the retry then finds the job gone.
            // The job was live a moment ago, so if it is now deleted, the delete worked.
            if error.code == .notFound, (try? await client.job(id.rawValue))?.isDeleted == true { return }
            throw Self.renamed(error, provider: descriptor.name, operation: .deleteJob)
        }
    }

    /// Triggers a run (`POST /api/jobs/{job_id}/trigger`) and returns the run as the job
    /// reports it right after (usually `pending`). NX1 cannot run chosen tasks.
    ///
    /// The trigger is never repeated blindly: after an ambiguous failure the job is read,
    /// and if it is `pending` or `running`, or started later than before the trigger, the
    /// trigger took effect and its run is returned; otherwise the original error is thrown,
    /// its message saying whether the job shows no new run (running it again is safe) or
    /// could not be read. When the trigger succeeds but the read after it fails, a queued
    /// run is returned.
    public func runJob(_ id: JobID, tasks: [TaskID]?) async throws -> JobRun {
        if tasks != nil { throw unsupported(.runTasks) }
        let before = try await liveJob(id, for: .runJob)
        do {
            try await client.triggerJob(id.rawValue)
        } catch let error as JobBridgeError where Self.isAmbiguous(error) {
            var failure = Self.renamed(error, provider: descriptor.name, operation: .runJob)
            guard let after = try? await client.job(id.rawValue) else {
                failure.message += " (the job could not be read to tell whether the trigger took effect)"
                throw failure
            }
            guard Self.started(after, since: before) else {
                failure.message += " (the job shows no new run, so triggering it again is safe)"
                throw failure
            }
            return Self.newRun(after, since: before)
        } catch let error as JobBridgeError {
            throw Self.renamed(error, provider: descriptor.name, operation: .runJob)
        }
        // The trigger was accepted: a failed read afterwards must not report it as failed.
        guard let after = try? await client.job(id.rawValue) else {
            return JobRun(jobID: id, status: RunStatus(.queued))
        }
        return Self.newRun(after, since: before)
    }

    /// The job's current or latest run from its status and `last_*_at` dates (see
    /// ``NX1Mapping/lastRun(of:)``); `nil` when it is `new` and never started.
    public func status(of id: JobID) async throws -> JobRun? {
        NX1Mapping.lastRun(of: try await liveJob(id, for: .status))
    }

    // MARK: Helpers

    /// Reads a job and refuses a deleted one as not found, errors naming `operation`.
    private func liveJob(_ id: JobID, for operation: JobOperation) async throws -> NX1Job {
        let native: NX1Job
        do {
            native = try await client.job(id.rawValue)
        } catch let error as JobBridgeError {
            throw Self.renamed(error, provider: descriptor.name, operation: operation)
        }
        guard !native.isDeleted else {
            let when = native.deletedAt.map { " at \(NX1Date.format($0))" } ?? ""
            throw JobBridgeError(
                .notFound, "job \(id) was deleted\(when)", provider: descriptor.name, operation: operation)
        }
        return native
    }

    /// The newest live job matching the request, created no earlier than `since`.
    private func findCreated(_ request: NX1CreateJobRequest, since: Date) async throws -> NX1Job? {
        let wanted = try? NX1Properties.parse(request.propertiesJSON)
        return try await client.listJobs().filter { job in
            guard !job.isDeleted, let created = job.createdAt, created >= since else { return false }
            return job.jobName == request.jobName && job.jobType == request.jobType && job.source == request.source
                && job.destination == request.destination && job.schedule == request.schedule
                && (try? NX1Properties.parse(job.propertiesJSON)) == wanted
        }.max { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
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

    /// Whether a failure leaves it unknown if the server acted on the request.
    static func isAmbiguous(_ error: JobBridgeError) -> Bool {
        [.transport, .serviceUnavailable, .serverError, .timeout, .badResponse].contains(error.code)
    }

    /// The error with this provider name and operation (the client's may differ).
    static func renamed(_ error: JobBridgeError, provider: String, operation: JobOperation) -> JobBridgeError {
        var copy = error
        copy.provider = provider
        copy.operation = operation
        return copy
    }
}
