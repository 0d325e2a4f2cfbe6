/// A job's `type`. Sync documents five; another value is kept as it came.
public struct SyncJobType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The type's name on the wire.
    public let rawValue: String
    /// Wraps a type name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Standard`: replicates the chosen tables.
    public static let standard = SyncJobType(rawValue: "Standard")
    /// `SyncAll`: replicates every table of the source.
    public static let syncAll = SyncJobType(rawValue: "SyncAll")
    /// `LoadFolder`: loads the files of a folder.
    public static let loadFolder = SyncJobType(rawValue: "LoadFolder")
    /// `ChangeDataCapture`: streams changes as they happen.
    public static let changeDataCapture = SyncJobType(rawValue: "ChangeDataCapture")
    /// `ReverseETL`: writes warehouse data back into an application.
    public static let reverseETL = SyncJobType(rawValue: "ReverseETL")

    /// The five documented types.
    public static let documented: [SyncJobType] = [.standard, .syncAll, .loadFolder, .changeDataCapture, .reverseETL]

    /// The type's name.
    public var description: String { rawValue }
}
