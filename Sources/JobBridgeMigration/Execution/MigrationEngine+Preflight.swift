import Foundation
import JobBridge

extension MigrationEngine {
    /// Refuses the run (`PREFLIGHT_FAILED`, naming the capability and provider) when a
    /// provider does not declare an operation the phase needs.
    func preflight(needs: (source: [JobOperation], target: [JobOperation])) async throws {
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
    func refuseIfStale(_ plan: PlanInput, mapping: ConnectionMapping, targetJobs: [Job]) async throws {
        // Each source job is read and fingerprinted as it arrives; only the ids of the
        // changed or missing ones are kept. A second pass over the plan then lists the
        // reasons in the plan's order, so memory holds neither the source jobs nor the plan.
        let read = ReadJobs()
        try await forEach(plan, concurrency: options.concurrency) { job in
            do {
                let current = try await self.sourceCalls.call { try await $0.job(JobID(job.sourceID)) }
                if JobSnapshot(current).fingerprint != job.sourceFingerprint {
                    read.set(job.sourceID, .changed)
                }
            } catch let error as JobBridgeError where error.code == .notFound && error.httpStatus != 501 {
                read.set(job.sourceID, .gone)
            } catch let error as JobBridgeError {
                throw self.preflightFailure(error, provider: self.source.descriptor.name, capability: .getJob)
            }
        }
        let found = read.all
        let reasons = try PlanStaleness.reasons(
            plan, status: { found[$0.sourceID] ?? .unchanged }, targetJobs: targetJobs, mapping: mapping)
        guard reasons.isEmpty else {
            throw MigrationError(
                .planStale, "plan \(plan.planID) is stale: \(reasons.count) change(s) since it was made; \(reasons[0])",
                subject: plan.planID, details: reasons)
        }
    }
}

/// What concurrent workers found of the source jobs that changed or are gone.
final class ReadJobs: @unchecked Sendable {
    private let lock = NSLock()
    private var jobs: [String: PlanStaleness.SourceStatus] = [:]

    func set(_ id: String, _ status: PlanStaleness.SourceStatus) { lock.withLock { jobs[id] = status } }

    var all: [String: PlanStaleness.SourceStatus] { lock.withLock { jobs } }
}
