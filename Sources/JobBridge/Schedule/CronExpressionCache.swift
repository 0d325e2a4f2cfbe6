import Foundation

/// The process-wide cache of parsed cron expressions behind ``CronSchedule/cached(_:dialect:timeZone:)``,
/// keyed by text and dialect, guarded by a lock and bounded.
///
/// Parsing is pure (the same text in the same dialect always gives the same expression), so
/// a cached expression is the one parsing would give. Only expressions that parsed are kept:
/// a refused text is parsed again each time, so its error is always the parser's own. When
/// the cache holds ``capacity`` expressions it is emptied before the next one is stored, so
/// memory stays bounded whatever texts a provider sends, and a listing's few dozen distinct
/// crons are parsed once each.
final class CronExpressionCache: @unchecked Sendable {
    /// The cache ``CronSchedule/cached(_:dialect:timeZone:)`` uses.
    static let shared = CronExpressionCache()

    /// How many expressions the cache holds at most.
    static let capacity = 512

    /// Texts longer than this are not cached (a cron is a few dozen characters; a long text
    /// is most likely not a cron, and would make the key expensive to hash).
    static let longestCachedText = 128

    private struct Key: Hashable {
        var text: String
        var dialect: CronDialect
    }

    private let lock = NSLock()
    private var expressions: [Key: CronExpression] = [:]

    /// The cached expression for `text` in `dialect`, if it was parsed before.
    func expression(_ text: String, _ dialect: CronDialect) -> CronExpression? {
        guard text.utf8.count <= Self.longestCachedText else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return expressions[Key(text: text, dialect: dialect)]
    }

    /// Keeps `expression` as what `text` parses to in `dialect`.
    func store(_ expression: CronExpression, _ text: String, _ dialect: CronDialect) {
        guard text.utf8.count <= Self.longestCachedText else { return }
        lock.lock()
        defer { lock.unlock() }
        if expressions.count >= Self.capacity { expressions.removeAll(keepingCapacity: true) }
        expressions[Key(text: text, dialect: dialect)] = expression
    }

    /// How many expressions the cache holds now (for tests).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return expressions.count
    }

    /// Empties the cache (for tests).
    func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        expressions.removeAll()
    }
}
