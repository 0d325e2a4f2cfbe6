/// What a job does: a portable category, and the provider's own name for it.
///
/// The category is what code that spans providers switches on; ``providerValue`` is what
/// the provider calls it (`"Caching"`, `"ReverseETL"`, `"airflow.nlp"`), kept so that a
/// job read from one provider and written back to the same provider keeps its exact kind.
public struct JobKind: Hashable, Sendable, CustomStringConvertible {
    /// The portable category.
    public var category: JobCategory
    /// The provider's name for the kind, when the job came from (or is aimed at) a provider.
    public var providerValue: String?

    /// Creates a kind.
    public init(_ category: JobCategory, providerValue: String? = nil) {
        self.category = category
        self.providerValue = providerValue
    }

    /// The provider's name when known, else the category.
    public var description: String { providerValue ?? category.rawValue }
}

/// The portable categories of job. Extensible: an adapter for another platform may add its
/// own with ``init(rawValue:)``; an unknown category is kept, never rejected.
public struct JobCategory: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The category's name.
    public let rawValue: String
    /// Creates a category with the given name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Copies chosen tables from a source to a destination (Sync Standard, Connect Caching).
    public static let replication = JobCategory(rawValue: "replication")
    /// Copies every table of a source (Sync SyncAll).
    public static let replicateAll = JobCategory(rawValue: "replicateAll")
    /// Loads files from a folder (Sync LoadFolder).
    public static let loadFolder = JobCategory(rawValue: "loadFolder")
    /// Streams changes as they happen (Sync ChangeDataCapture).
    public static let changeDataCapture = JobCategory(rawValue: "changeDataCapture")
    /// Writes warehouse data back into an application (Sync ReverseETL).
    public static let reverseETL = JobCategory(rawValue: "reverseETL")
    /// Runs a query and stores its result (Connect ScheduledQuery).
    public static let scheduledQuery = JobCategory(rawValue: "scheduledQuery")
    /// Runs a workflow (NX1's Airflow jobs).
    public static let workflow = JobCategory(rawValue: "workflow")
    /// Mirrors a data set (NX1 mirror).
    public static let mirror = JobCategory(rawValue: "mirror")
    /// A kind the adapter could not place in any category; see ``JobKind/providerValue``.
    public static let other = JobCategory(rawValue: "other")

    /// The category's name.
    public var description: String { rawValue }
}
