import Foundation

/// One execution of a job (or of some of its tasks).
public struct JobRun: Hashable, Sendable, Identifiable {
    /// The run's id, when the provider gives runs ids (CData Sync's history does; CData
    /// Connect and NX1 do not, and their runs have `nil`).
    public var runID: RunID?
    /// The job that ran.
    public var jobID: JobID
    /// Where the run is.
    public var status: RunStatus
    /// When the run was asked for, when known.
    public var requestedAt: Date?
    /// When it started, when known.
    public var startedAt: Date?
    /// When it ended, when it has and the provider says.
    public var endedAt: Date?
    /// How long it took (or has taken so far), when the provider says.
    public var duration: Duration?
    /// Rows read, written or changed, as the provider counts them.
    public var rowsAffected: Int64?
    /// The provider's message: an error, a summary.
    public var message: String?
    /// The tasks this run covered, when it ran chosen tasks or the provider lists them.
    public var taskIDs: [TaskID]?
    /// The provider's own JSON for this run, whole.
    public var providerData: JSONValue?

    /// Creates a run.
    public init(
        runID: RunID? = nil,
        jobID: JobID,
        status: RunStatus,
        requestedAt: Date? = nil,
        startedAt: Date? = nil,
        endedAt: Date? = nil,
        duration: Duration? = nil,
        rowsAffected: Int64? = nil,
        message: String? = nil,
        taskIDs: [TaskID]? = nil,
        providerData: JSONValue? = nil
    ) {
        self.runID = runID
        self.jobID = jobID
        self.status = status
        self.requestedAt = requestedAt
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.duration = duration
        self.rowsAffected = rowsAffected
        self.message = message
        self.taskIDs = taskIDs
        self.providerData = providerData
    }

    /// The run id when there is one, else the job id and the start: unique enough to tell
    /// runs of one job apart in a list.
    public var id: String {
        if let runID { return runID.rawValue }
        return "\(jobID.rawValue)@\(startedAt?.timeIntervalSince1970 ?? requestedAt?.timeIntervalSince1970 ?? 0)"
    }
}
