/// The state of a run: a portable phase, and the provider's own word for it.
///
/// A status string the adapter does not know never fails a decode: it becomes
/// ``Phase/unknown`` with the string kept in ``providerValue``.
public struct RunStatus: Hashable, Sendable, CustomStringConvertible {
    /// The portable phase.
    public var phase: Phase
    /// The provider's own status string (`"JOB_QUEUED"`, `"SUCCESS"`, `"completed"`), when
    /// the status came from a provider.
    public var providerValue: String?

    /// Creates a status.
    public init(_ phase: Phase, providerValue: String? = nil) {
        self.phase = phase
        self.providerValue = providerValue
    }

    /// Whether the run has ended (succeeded, failed, cancelled or skipped).
    public var isFinished: Bool { phase.isFinished }

    /// The phase, followed by the provider's word when it differs.
    public var description: String {
        guard let providerValue, providerValue != phase.rawValue else { return phase.rawValue }
        return "\(phase.rawValue) (\(providerValue))"
    }

    /// The portable phases of a run.
    public enum Phase: String, Hashable, Sendable, CaseIterable, Codable {
        /// Accepted, waiting to start.
        case queued
        /// In progress.
        case running
        /// Ended without error.
        case succeeded
        /// Ended with an error.
        case failed
        /// Stopped on request before it ended.
        case cancelled
        /// Not run: a scheduled tick was skipped (for example because the previous run
        /// was still going).
        case skipped
        /// A status the adapter does not know; see ``RunStatus/providerValue``.
        case unknown

        /// Whether this phase is an end state.
        public var isFinished: Bool {
            switch self {
            case .succeeded, .failed, .cancelled, .skipped: return true
            case .queued, .running, .unknown: return false
            }
        }
    }
}

extension RunStatus {
    /// Queued, with no provider value.
    public static let queued = RunStatus(.queued)
    /// Running, with no provider value.
    public static let running = RunStatus(.running)
    /// Succeeded, with no provider value.
    public static let succeeded = RunStatus(.succeeded)
    /// Failed, with no provider value.
    public static let failed = RunStatus(.failed)
    /// Cancelled, with no provider value.
    public static let cancelled = RunStatus(.cancelled)
    /// Skipped, with no provider value.
    public static let skipped = RunStatus(.skipped)
}
