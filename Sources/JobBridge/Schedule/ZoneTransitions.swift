import Foundation

/// A time zone's UTC offsets as a table of transitions, so that mapping between instants
/// and wall-clock times needs a binary search, not a `Calendar` or `TimeZone` call.
///
/// The table covers 1900 to 2400; outside that range the first or last offset applies.
final class ZoneTransitions: Sendable {
    /// Instants (seconds since 1970) at which the offset changes, ascending.
    let instants: [Int64]
    /// `offsets[i]` is the offset in seconds in effect before `instants[i]` and from
    /// `instants[i - 1]`; it has one more element than `instants`.
    let offsets: [Int64]
    /// For each bucket of 2^22 seconds (about 48 days) from 1900, the number of transitions
    /// before the bucket's start: a lookup plus a short scan instead of a binary search.
    private let buckets: [Int32]
    private static let base: Int64 = -2_208_988_800  // 1900-01-01
    private static let bucketShift: Int64 = 22

    fileprivate init(_ zone: TimeZone) {
        var instants: [Int64] = []
        var offsets: [Int64] = []
        let start = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
        let end = Date(timeIntervalSince1970: 13_569_465_600)  // 2400-01-01
        offsets.append(Int64(zone.secondsFromGMT(for: start)))
        var cursor = start
        var guardCount = 0
        while guardCount < 4_000, let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            guardCount += 1
            let offset = Int64(zone.secondsFromGMT(for: next))
            let instant = Int64(next.timeIntervalSince1970.rounded(.down))
            if offset != offsets[offsets.count - 1] {
                instants.append(instant)
                offsets.append(offset)
            }
            cursor = next
        }
        self.instants = instants
        self.offsets = offsets
        let bucketCount = Int((13_569_465_600 - ZoneTransitions.base) >> ZoneTransitions.bucketShift) + 1
        var buckets: [Int32] = []
        buckets.reserveCapacity(bucketCount)
        var index = 0
        for bucket in 0..<bucketCount {
            let start = ZoneTransitions.base + (Int64(bucket) << ZoneTransitions.bucketShift)
            while index < instants.count && instants[index] < start { index += 1 }
            buckets.append(Int32(index))
        }
        self.buckets = buckets
    }

    /// The index of the segment that contains an instant: the number of transitions at or before it.
    @inline(__always)
    func segment(containing instant: Int64) -> Int {
        let bucket = (instant - ZoneTransitions.base) >> ZoneTransitions.bucketShift
        if bucket >= 0 && bucket < Int64(buckets.count) {
            var index = Int(buckets[Int(bucket)])
            while index < instants.count && instants[index] <= instant { index += 1 }
            return index
        }
        var low = 0
        var high = instants.count
        while low < high {
            let middle = (low + high) >> 1
            if instants[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The offset at an instant.
    @inline(__always)
    func offset(at instant: Int64) -> Int64 { offsets[segment(containing: instant)] }

    /// The number of segments.
    var segmentCount: Int { offsets.count }

    /// The table for a time zone, built once per zone identifier and shared.
    static func table(for zone: TimeZone) -> ZoneTransitions { ZoneCache.shared.table(for: zone) }
}

/// The process-wide cache of zone tables, guarded by a lock.
private final class ZoneCache: @unchecked Sendable {
    static let shared = ZoneCache()
    private let lock = NSLock()
    private var tables: [String: ZoneTransitions] = [:]

    func table(for zone: TimeZone) -> ZoneTransitions {
        lock.lock()
        defer { lock.unlock() }
        if let table = tables[zone.identifier] { return table }
        let table = ZoneTransitions(zone)
        tables[zone.identifier] = table
        return table
    }
}
