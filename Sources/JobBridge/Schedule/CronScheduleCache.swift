import Foundation

/// The process-wide cache of parsed cron schedules behind
/// ``CronSchedule/cached(_:dialect:timeZone:)``, keyed by text, dialect and zone, guarded by
/// a lock and bounded.
///
/// Parsing is pure (the same text in the same dialect and zone always gives the same
/// schedule), so a cached schedule is the one parsing would give. Only schedules that
/// parsed are kept: a refused text is parsed again each time, so its error is always the
/// parser's own. When the cache holds ``capacity`` schedules it is emptied before the next
/// one is stored, so memory stays bounded whatever texts a provider sends, and a listing's
/// few dozen distinct crons are parsed once each.
final class CronScheduleCache: @unchecked Sendable {
    /// The cache ``CronSchedule/cached(_:dialect:timeZone:)`` uses.
    static let shared = CronScheduleCache()

    /// How many schedules the cache holds at most.
    static let capacity = 512

    /// Texts longer than this are not cached (a cron is a few dozen characters; a long text
    /// is most likely not a cron, and would make the key expensive to hash).
    static let longestCachedText = 128

    private struct Key: Hashable {
        var text: String
        var dialect: CronDialect
        var zone: String
    }

    private let lock = NSLock()
    private var schedules: [Key: CronSchedule] = [:]

    /// The cached schedule for `text` in `dialect` and the zone named `zone`, if it was
    /// parsed before.
    func schedule(_ text: String, _ dialect: CronDialect, _ zone: String) -> CronSchedule? {
        guard text.utf8.count <= Self.longestCachedText else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return schedules[Key(text: text, dialect: dialect, zone: zone)]
    }

    /// Keeps `schedule` as what `text` parses to in `dialect` and the zone named `zone`.
    func store(_ schedule: CronSchedule, _ text: String, _ dialect: CronDialect, _ zone: String) {
        guard text.utf8.count <= Self.longestCachedText else { return }
        lock.lock()
        defer { lock.unlock() }
        if schedules.count >= Self.capacity { schedules.removeAll(keepingCapacity: true) }
        schedules[Key(text: text, dialect: dialect, zone: zone)] = schedule
    }

    /// How many schedules the cache holds now (for tests).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return schedules.count
    }

    /// Empties the cache (for tests).
    func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        schedules.removeAll()
    }
}
