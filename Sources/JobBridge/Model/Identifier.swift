/// A string identifier typed by what it identifies, so that a task id can never be passed
/// where a job id is expected.
///
/// Ids stay strings whatever they look like: CData Sync's task ids are 18-digit numbers
/// that a `Double` would round.
public struct Identifier<Tag: IdentifierTag>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    /// The provider's id, exactly as it sent it.
    public let rawValue: String

    /// Wraps a provider's id.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps a provider's id.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// Wraps an id written as a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The id itself.
    public var description: String { rawValue }

    /// Orders ids by their text.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What an ``Identifier`` identifies. Only a marker; conforming types are never created.
public protocol IdentifierTag: Sendable {}

/// The tag of ``JobID``.
public enum JobIDTag: IdentifierTag {}
/// The tag of ``TaskID``.
public enum TaskIDTag: IdentifierTag {}
/// The tag of ``RunID``.
public enum RunIDTag: IdentifierTag {}
/// The tag of ``ConnectionID``.
public enum ConnectionIDTag: IdentifierTag {}

/// The id of a job.
public typealias JobID = Identifier<JobIDTag>
/// The id of a task within a job.
public typealias TaskID = Identifier<TaskIDTag>
/// The id of one run of a job.
public typealias RunID = Identifier<RunIDTag>
/// The id of a connection (a data source or destination) at a provider.
public typealias ConnectionID = Identifier<ConnectionIDTag>
