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

    /// Refuses a plan whose sources or mapping changed since it was made (`PLAN_STALE`,
    /// every stale job named), reading each source job the plan writes for again.
    func refuseIfStale(_ plan: MigrationPlan, mapping: ConnectionMapping?) async throws {
        var reasons: [String] = []
        if let mapping, mapping.fingerprint != plan.mappingFingerprint {
            reasons.append("the connection mapping changed")
        }
        let writing = plan.jobs.filter { [.create, .update, .adopt].contains($0.action) }
        let stale = StaleList()
        try await forEach(writing, concurrency: options.concurrency) { job in
            do {
                let current = try await self.sourceCalls.call { try await $0.job(JobID(job.sourceID)) }
                if JobSnapshot(current).fingerprint != job.sourceFingerprint {
                    stale.add("source job \(job.sourceID) changed since the plan")
                }
            } catch let error as JobBridgeError where error.code == .notFound && error.httpStatus != 501 {
                stale.add("source job \(job.sourceID) is gone")
            } catch let error as JobBridgeError {
                throw self.preflightFailure(error, provider: self.source.descriptor.name, capability: .getJob)
            }
        }
        reasons += stale.sorted
        guard reasons.isEmpty else {
            throw MigrationError(
                .planStale, "the plan is stale: \(reasons.count) change(s) since it was made; \(reasons[0])",
                subject: plan.planID, details: reasons)
        }
    }
}

/// Reasons collected by concurrent checks.
final class StaleList: @unchecked Sendable {
    private let lock = NSLock()
    private var reasons: [String] = []

    func add(_ reason: String) { lock.withLock { reasons.append(reason) } }

    var sorted: [String] { lock.withLock { reasons.sorted() } }
}
