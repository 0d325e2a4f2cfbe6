import JobBridge

/// A job's `params`: an open object. The documented keys have typed properties; every
/// key, documented or not, is kept in ``values`` and sent back as it came.
public struct ConnectJobParams: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Every member, by its wire name.
    public var values: [String: JSONValue]

    /// Creates params from members.
    public init(_ values: [String: JSONValue] = [:]) { self.values = values }

    /// The member with this name.
    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set {
            if let newValue { values[key] = newValue } else { values.removeValue(forKey: key) }
        }
    }

    /// Decodes any JSON object (`null` as an empty one).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        values = container.decodeNil() ? [:] : try WireObject(from: decoder, what: "params").members
    }

    /// Encodes every member (in sorted order).
    public func encode(to encoder: any Encoder) throws { try WireObject(values).encode(to: encoder) }

    /// The members as JSON, with secret-named members redacted.
    public var description: String { JSONValue.object(values).description }

    // MARK: Documented keys (wire names)

    /// The documented keys of a Caching job's params.
    public enum Key {
        /// `sourceConnection`: the source connection's id (a UUID).
        public static let sourceConnection = "sourceConnection"
        /// `sourceConnectionName`.
        public static let sourceConnectionName = "sourceConnectionName"
        /// `sourceName`: the source connection's name.
        public static let sourceName = "sourceName"
        /// `sourceSchema`.
        public static let sourceSchema = "sourceSchema"
        /// `sourceTable`.
        public static let sourceTable = "sourceTable"
        /// `timeCheckColumn`: `""` for a full refresh, else the incremental column.
        public static let timeCheckColumn = "timeCheckColumn"
        /// `autoTruncateStrings`: the *string* `"true"` or `"false"`.
        public static let autoTruncateStrings = "autoTruncateStrings"
        /// `mergeKeys`: `[{colName, colType, isPrimaryKey}]`.
        public static let mergeKeys = "mergeKeys"
        /// `query` (ScheduledQuery).
        public static let query = "query"
        /// `destinationWriteScheme` (ScheduledQuery): `Overwrite` or `Append`.
        public static let destinationWriteScheme = "destinationWriteScheme"
        /// `destinationConnectionName` (ScheduledQuery).
        public static let destinationConnectionName = "destinationConnectionName"
        /// `destinationSchema` (ScheduledQuery).
        public static let destinationSchema = "destinationSchema"
        /// `destinationTable` (ScheduledQuery).
        public static let destinationTable = "destinationTable"
    }

    /// `sourceConnection`: the source connection's id.
    public var sourceConnection: String? {
        get { string(Key.sourceConnection) }
        set { self[Key.sourceConnection] = newValue.map(JSONValue.string) }
    }
    /// `sourceConnectionName`.
    public var sourceConnectionName: String? {
        get { string(Key.sourceConnectionName) }
        set { self[Key.sourceConnectionName] = newValue.map(JSONValue.string) }
    }
    /// `sourceName`.
    public var sourceName: String? {
        get { string(Key.sourceName) }
        set { self[Key.sourceName] = newValue.map(JSONValue.string) }
    }
    /// `sourceSchema`.
    public var sourceSchema: String? {
        get { string(Key.sourceSchema) }
        set { self[Key.sourceSchema] = newValue.map(JSONValue.string) }
    }
    /// `sourceTable`.
    public var sourceTable: String? {
        get { string(Key.sourceTable) }
        set { self[Key.sourceTable] = newValue.map(JSONValue.string) }
    }
    /// `timeCheckColumn`: `""` means a full refresh.
    public var timeCheckColumn: String? {
        get { string(Key.timeCheckColumn) }
        set { self[Key.timeCheckColumn] = newValue.map(JSONValue.string) }
    }
    /// `autoTruncateStrings`, read from `"true"`/`"false"` (or a Boolean) and written as
    /// the string the provider uses.
    public var autoTruncateStrings: Bool? {
        get { values[Key.autoTruncateStrings]?.lenientBool }
        set { self[Key.autoTruncateStrings] = newValue.map { .string($0 ? "true" : "false") } }
    }
    /// `mergeKeys`; entries that are not objects are skipped here but kept in ``values``.
    public var mergeKeys: [ConnectMergeKey]? {
        get { values[Key.mergeKeys]?.arrayValue?.compactMap(ConnectMergeKey.init(json:)) }
        set { self[Key.mergeKeys] = newValue.map { .array($0.map(\.json)) } }
    }
    /// `query` (ScheduledQuery).
    public var query: String? {
        get { string(Key.query) }
        set { self[Key.query] = newValue.map(JSONValue.string) }
    }
    /// `destinationWriteScheme` (ScheduledQuery): `Overwrite` or `Append`.
    public var destinationWriteScheme: String? {
        get { string(Key.destinationWriteScheme) }
        set { self[Key.destinationWriteScheme] = newValue.map(JSONValue.string) }
    }
    /// `destinationConnectionName` (ScheduledQuery).
    public var destinationConnectionName: String? {
        get { string(Key.destinationConnectionName) }
        set { self[Key.destinationConnectionName] = newValue.map(JSONValue.string) }
    }
    /// `destinationSchema` (ScheduledQuery).
    public var destinationSchema: String? {
        get { string(Key.destinationSchema) }
        set { self[Key.destinationSchema] = newValue.map(JSONValue.string) }
    }
    /// `destinationTable` (ScheduledQuery).
    public var destinationTable: String? {
        get { string(Key.destinationTable) }
        set { self[Key.destinationTable] = newValue.map(JSONValue.string) }
    }

    private func string(_ key: String) -> String? { values[key]?.stringValue }
}

/// One entry of `params.mergeKeys`: a column the cache merges rows on.
public struct ConnectMergeKey: Hashable, Sendable {
    /// `colName`.
    public var columnName: String
    /// `colType`, as the provider names the type.
    public var columnType: String?
    /// `isPrimaryKey` (a Boolean, or the string `"true"`/`"false"`).
    public var isPrimaryKey: Bool?
    /// Members beyond the documented three, kept.
    public var additional: [String: JSONValue]

    /// Creates a merge key.
    public init(
        columnName: String, columnType: String? = nil, isPrimaryKey: Bool? = nil, additional: [String: JSONValue] = [:]
    ) {
        self.columnName = columnName
        self.columnType = columnType
        self.isPrimaryKey = isPrimaryKey
        self.additional = additional
    }

    /// Reads an entry; `nil` if it is not an object with a `colName` string.
    public init?(json: JSONValue) {
        guard var members = json.objectValue, let name = members.removeValue(forKey: "colName")?.stringValue else {
            return nil
        }
        columnName = name
        columnType = members.removeValue(forKey: "colType")?.stringValue
        isPrimaryKey = members.removeValue(forKey: "isPrimaryKey")?.lenientBool
        additional = members
    }

    /// The entry as JSON.
    public var json: JSONValue {
        var members = additional
        members["colName"] = .string(columnName)
        if let columnType { members["colType"] = .string(columnType) }
        if let isPrimaryKey { members["isPrimaryKey"] = .bool(isPrimaryKey) }
        return .object(members)
    }
}
