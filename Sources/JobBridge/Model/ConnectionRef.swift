/// A reference to where a job reads from or writes to.
///
/// Providers name these differently: CData Sync by connection id, CData Connect by id and
/// name, NX1 by free text (kept as the name). At least one of the two is set.
public struct ConnectionRef: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The provider's connection id, when the provider has one.
    public var id: ConnectionID?
    /// The connection's name, or the provider's free-text description of it.
    public var name: String?

    /// Creates a reference by id, name, or both.
    public init(id: ConnectionID? = nil, name: String? = nil) {
        self.id = id
        self.name = name
    }

    /// The name when there is one, else the id.
    public var description: String { name ?? id?.rawValue ?? "(none)" }
}

/// A table, named by its schema (when the provider has schemas) and its name.
public struct TableRef: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The schema, when there is one.
    public var schema: String?
    /// The table's name.
    public var name: String

    /// Creates a table reference.
    public init(schema: String? = nil, name: String) {
        self.schema = schema
        self.name = name
    }

    /// `schema.name`, or the name alone.
    public var description: String { schema.map { "\($0).\(name)" } ?? name }
}
