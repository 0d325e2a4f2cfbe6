/// NX1's `job_type`: what a job is. An unknown type is kept as sent, never rejected.
public struct NX1JobType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The type as on the wire, such as `airflow.nlp`.
    public let rawValue: String

    /// Wraps a type as on the wire.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// An Airflow data-engineering pipeline [doc].
    public static let dataEngineering = NX1JobType(rawValue: "airflow.dataeng")
    /// An Airflow natural-language-processing pipeline [doc].
    public static let nlp = NX1JobType(rawValue: "airflow.nlp")
    /// An Airflow ingestion pipeline [doc].
    public static let ingest = NX1JobType(rawValue: "airflow.ingest")
    /// An Airflow job that drives Airbyte [sdk].
    public static let airbyte = NX1JobType(rawValue: "airflow.airbyte")
    /// A mirror of a data set [doc].
    public static let mirror = NX1JobType(rawValue: "mirror")

    /// The types the documents and the SDK name.
    public static let known: [NX1JobType] = [.dataEngineering, .nlp, .ingest, .airbyte, .mirror]

    /// Whether the type runs on Airflow (its name starts with `airflow.`).
    public var isAirflow: Bool { rawValue.hasPrefix("airflow.") }

    /// The type as on the wire.
    public var description: String { rawValue }
}

/// NX1's job `status`. An unknown status is kept as sent, never rejected.
public struct NX1JobStatus: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The status as on the wire, such as `running`.
    public let rawValue: String

    /// Wraps a status as on the wire.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Created, never triggered [sdk].
    public static let new = NX1JobStatus(rawValue: "new")
    /// Triggered, waiting for Airflow to start it [sdk].
    public static let pending = NX1JobStatus(rawValue: "pending")
    /// In progress [sdk].
    public static let running = NX1JobStatus(rawValue: "running")
    /// Ended without error [sdk].
    public static let completed = NX1JobStatus(rawValue: "completed")
    /// Ended with an error [sdk].
    public static let failed = NX1JobStatus(rawValue: "failed")
    /// Ended without error, as some pollers report it [sdk].
    public static let success = NX1JobStatus(rawValue: "success")
    /// Ended with an error, as some pollers report it [sdk].
    public static let error = NX1JobStatus(rawValue: "error")

    /// The status as on the wire.
    public var description: String { rawValue }
}
