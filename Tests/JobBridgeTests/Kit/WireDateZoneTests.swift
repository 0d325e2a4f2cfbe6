import Foundation
import JobBridge
import Testing

/// `WireDate.format` in a time zone, with `Z` or an offset.
@Suite struct WireDateZoneTests {
    static let instant = Date(timeIntervalSince1970: 1_768_473_000.25)  // 2026-01-15T10:30:00.25Z

    @Test func utcWritesZOrAnOffsetAsAsked() {
        #expect(WireDate.format(Self.instant) == "2026-01-15T10:30:00Z")
        #expect(WireDate.format(Self.instant, timeZone: .gmt) == "2026-01-15T10:30:00Z")
        #expect(WireDate.format(Self.instant, timeZone: .gmt, zone: .offset) == "2026-01-15T10:30:00+00:00")
        #expect(
            WireDate.format(Self.instant, fractionDigits: 3, timeZone: .gmt, zone: .offset)
                == "2026-01-15T10:30:00.250+00:00")
    }

    @Test func aZoneWritesItsWallTimeAndOffset() throws {
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))
        #expect(WireDate.format(Self.instant, timeZone: newYork) == "2026-01-15T05:30:00-05:00")
        #expect(WireDate.format(Self.instant, timeZone: kolkata, zone: .offset) == "2026-01-15T16:00:00+05:30")
        // Summer time: the offset of that date.
        let july = Date(timeIntervalSince1970: 1_783_938_600)  // 2026-07-13T10:30:00Z
        #expect(WireDate.format(july, timeZone: newYork) == "2026-07-13T06:30:00-04:00")
    }

    @Test func everyTextReadsBackAsTheSameInstant() throws {
        let zones = ["America/New_York", "Asia/Kathmandu", "Europe/Paris", "Pacific/Chatham", "UTC"]
        for name in zones {
            let zone = try #require(TimeZone(identifier: name))
            for style in [WireDate.ZoneStyle.z, .offset] {
                let text = WireDate.format(Self.instant, fractionDigits: 2, timeZone: zone, zone: style)
                #expect(WireDate.parse(text) == Self.instant, "\(name) \(style): \(text)")
            }
        }
    }

    @Test func anOffsetWithSecondsIsCutToTheMinuteAndKeepsTheInstant() throws {
        // Amsterdam's local mean time in 1900 was +00:19:32.
        let amsterdam = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        let old = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01T00:00:00Z
        let text = WireDate.format(old, timeZone: amsterdam)
        #expect(text.hasSuffix("+00:19") || text.hasSuffix("Z"))
        #expect(WireDate.parse(text) == old)
    }

    @Test func durationsInSecondsKeepTheirFraction() {
        #expect(Duration.milliseconds(1_500).inSeconds == 1.5)
        #expect(Duration.seconds(-2).inSeconds == -2)
        #expect(Duration.nanoseconds(1).inSeconds == 1e-9)
        #expect(Duration.zero.inSeconds == 0)
    }
}
