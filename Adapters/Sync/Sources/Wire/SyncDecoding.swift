import Foundation
import JobBridge

extension JSONDecoder {
    /// A decoder for Sync's answers: zone-less dates are read in `serverTimeZone`.
    static func sync(serverTimeZone: TimeZone) -> JSONDecoder {
        let decoder = JSONDecoder()
        if let key = SyncDecoding.serverTimeZoneKey { decoder.userInfo[key] = serverTimeZone }
        return decoder
    }
}

/// What the wire types need to know while decoding.
enum SyncDecoding {
    /// `userInfo` key of the server's time zone (a `TimeZone`). The initializer is failable
    /// only in signature; were it ever `nil`, dates would be read in GMT.
    static let serverTimeZoneKey = CodingUserInfoKey(rawValue: "JobBridgeSync.serverTimeZone")

    /// The server's time zone from a decoder's `userInfo`, GMT when not set.
    static func serverTimeZone(_ decoder: any Decoder) -> TimeZone {
        guard let key = serverTimeZoneKey else { return .gmt }
        return decoder.userInfo[key] as? TimeZone ?? .gmt
    }
}

extension SyncDecoding {
    /// A date-time text read with ``WireDate`` (zone-less texts in `timeZone`); `nil` for
    /// anything else: Sync's dates are not documented, so an unreadable one is left out
    /// (the job's JSON keeps it) rather than failing the read.
    static func date(_ value: JSONValue?, timeZone: TimeZone) -> Date? {
        value?.stringValue.flatMap { WireDate.parse($0, timeZone: timeZone) }
    }
}
