import JobBridge

/// Which source jobs a plan covers.
public enum JobSelection: Sendable {
    /// Every job the source lists.
    case all
    /// The jobs with these ids (an id the source does not have is an error).
    case ids([JobID])
    /// The listed jobs for which the predicate is true.
    case matching(@Sendable (Job) -> Bool)
}
