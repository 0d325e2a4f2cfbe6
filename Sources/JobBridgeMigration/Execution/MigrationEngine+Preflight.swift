import Foundation
import JobBridge

extension MigrationEngine {
    /// Refuses the run (`PREFLIGHT_FAILED`, naming the capability and provider) when a
    /// provider does not declare an operation the phase needs.
    func preflight(_ plan: MigrationPlan, needs: (source: [JobOperation], target: [JobOperation])) async throws {
        for (calls, operations) in [(sourceCalls, needs.source), (targetCalls, needs.target)] {
            for operation in operations where !calls.supports(operation) {
                throw MigrationError(
                    .preflightFailed, "\(calls.name) does not support \(operation.rawValue), which this step needs",
                    subject: operation.rawValue)
            }
        }
    }

    /// The preflight refusal for a failed read: auth invalid (`401`, `403`), an endpoint
    /// missing (`404`, `501`, unsupported) or the provider unreachable; other errors as they are.
    func preflightFailure(_ error: JobBridgeError, provider: String, capability: JobOperation) -> any Error {
        let reason: String
        switch error.code {
        case .unauthorized, .forbidden: reason = "its credentials were refused (HTTP \(error.httpStatus ?? 401))"
        case .notFound, .unsupported: reason = "the endpoint is missing (HTTP \(error.httpStatus ?? 404))"
        case .transport, .timeout, .serviceUnavailable: reason = "it is unreachable (\(error.code))"
        default: return error
        }
        return MigrationError(
            .preflightFailed, "\(provider) cannot \(capability.rawValue): \(reason)", subject: capability.rawValue)
    }

    /// Refuses a plan whose sources, mapping or target names changed since it was made
    /// (`PLAN_STALE`, every reason listed), by the plan side's rules
    /// (``PlanStaleness``): each planned source job is read again (concurrently), the
    /// target's listing is the one apply already made.
    func refuseIfStale(_ plan: MigrationPlan, mapping: ConnectionMapping, targetJobs: [Job]) async throws {
        // Each source job is read and fingerprinted as it arrives; only the changed or
        // missing ones are kept. The plan side's rules then see an unchanged job as the
        // plan's own snapshot, so memory does not hold every source job at once.
        let read = ReadJobs()
        try await forEach(plan.jobs, concurrency: options.concurrency) { job in
            do {
                let current = try await self.sourceCalls.call { try await $0.job(JobID(job.sourceID)) }
                if JobSnapshot(current).fingerprint != job.sourceFingerprint {
                    read.set(job.sourceID, .success(current))
                }
            } catch let error as JobBridgeError where error.code == .notFound && error.httpStatus != 501 {
                read.set(job.sourceID, .failure(error))
            } catch let error as JobBridgeError {
                throw self.preflightFailure(error, provider: self.source.descriptor.name, capability: .getJob)
            }
        }
        let reasons = try await PlanBridge.staleReasons(
            plan, changed: read.all, source: source.descriptor, targetJobs: targetJobs, target: target.descriptor,
            mapping: mapping)
        guard reasons.isEmpty else {
            throw MigrationError(
                .planStale, "plan \(plan.planID) is stale: \(reasons.count) change(s) since it was made; \(reasons[0])",
                subject: plan.planID, details: reasons)
        }
    }
}

/// Jobs read by concurrent workers.
final class ReadJobs: @unchecked Sendable {
    private let lock = NSLock()
    private var jobs: [String: Result<Job, JobBridgeError>] = [:]

    func set(_ id: String, _ result: Result<Job, JobBridgeError>) { lock.withLock { jobs[id] = result } }

    var all: [String: Result<Job, JobBridgeError>] { lock.withLock { jobs } }
}
