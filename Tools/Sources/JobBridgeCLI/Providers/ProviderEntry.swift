import Foundation
import JobBridge

/// A provider the tool talks to, with what commands need besides the provider itself.
public struct ProviderEntry: Sendable {
    /// What the command line names it by (`sync`, or the configuration table's key).
    public var handle: String
    /// The configured kind.
    public var kind: ProviderKind
    /// The provider.
    public var provider: any JobProvider
    /// The zone an interval schedule's next run is counted in.
    public var timeZone: TimeZone
    /// Whether it is an embedded simulator (no account, demo data).
    public var isSimulator: Bool

    /// Creates an entry.
    public init(
        handle: String, kind: ProviderKind, provider: any JobProvider, timeZone: TimeZone = .gmt,
        isSimulator: Bool = false
    ) {
        self.handle = handle
        self.kind = kind
        self.provider = provider
        self.timeZone = timeZone
        self.isSimulator = isSimulator
    }

    /// The provider's display name.
    public var name: String { provider.descriptor.name }
}

/// The providers a command works with, and the clock their waits run on (a simulated
/// clock for the embedded simulators: a run's minutes pass at once).
public struct ProviderSet: Sendable {
    /// The providers, in configuration order.
    public var entries: [ProviderEntry]
    /// The clock waits and time limits are measured on.
    public var clock: any Clock<Duration>
    /// The current date, on the same clock as the providers'.
    public var now: @Sendable () -> Date
    /// Where the providers came from: the configuration file, or `embedded simulators`.
    public var origin: String

    /// Creates a set.
    public init(
        entries: [ProviderEntry], clock: any Clock<Duration>, now: @escaping @Sendable () -> Date, origin: String
    ) {
        self.entries = entries
        self.clock = clock
        self.now = now
        self.origin = origin
    }

    /// The provider a command line names: by handle, else by display name (either without
    /// regard to case).
    ///
    /// - Throws: ``ToolExit`` (usage) listing the names there are.
    public func entry(named name: String) throws -> ProviderEntry {
        if let entry = entries.first(where: { $0.handle == name })
            ?? entries.first(where: { $0.handle.lowercased() == name.lowercased() })
            ?? entries.first(where: { $0.name.lowercased() == name.lowercased() })
        {
            return entry
        }
        let known = entries.map(\.handle).joined(separator: ", ")
        throw ToolExit.usage("no provider named '\(name)' in \(origin) (there are: \(known))")
    }
}
