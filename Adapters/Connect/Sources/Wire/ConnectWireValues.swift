/// A job's `jobType` on the wire. Unknown values are kept, never rejected.
public struct ConnectJobType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The provider's string.
    public let rawValue: String
    /// Wraps a provider's string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Caching`: copies one table of a source into the account's cache connection.
    public static let caching = ConnectJobType(rawValue: "Caching")
    /// `ScheduledQuery`: runs a query and writes its result to a table (removed from the
    /// provider's documents in 2026; still read).
    public static let scheduledQuery = ConnectJobType(rawValue: "ScheduledQuery")

    /// The provider's string.
    public var description: String { rawValue }
}

/// A job's `intervalUnit` on the wire (`Hour`, `Day`, `Week`, `Month`). Unknown values are kept.
public struct ConnectIntervalUnit: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The provider's string.
    public let rawValue: String
    /// Wraps a provider's string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Hour`.
    public static let hour = ConnectIntervalUnit(rawValue: "Hour")
    /// `Day`.
    public static let day = ConnectIntervalUnit(rawValue: "Day")
    /// `Week`.
    public static let week = ConnectIntervalUnit(rawValue: "Week")
    /// `Month`.
    public static let month = ConnectIntervalUnit(rawValue: "Month")
    /// The units the provider documents.
    public static let documented: [ConnectIntervalUnit] = [.hour, .day, .week, .month]

    /// The provider's string.
    public var description: String { rawValue }
}

/// The `status` of an Embed connection (`Authenticated`, `NotAuthenticated`,
/// `Conditional`). Unknown values are kept.
public struct ConnectEmbedConnectionStatus: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The provider's string.
    public let rawValue: String
    /// Wraps a provider's string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Authenticated`.
    public static let authenticated = ConnectEmbedConnectionStatus(rawValue: "Authenticated")
    /// `NotAuthenticated`.
    public static let notAuthenticated = ConnectEmbedConnectionStatus(rawValue: "NotAuthenticated")
    /// `Conditional`.
    public static let conditional = ConnectEmbedConnectionStatus(rawValue: "Conditional")

    /// The provider's string.
    public var description: String { rawValue }
}
