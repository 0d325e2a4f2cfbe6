import Foundation
import Testing

@testable import JobBridge

@Suite struct WireDateTests {
    static let instant = Date(timeIntervalSince1970: 1_768_473_000)  // 2026-01-15T10:30:00Z
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    @Test(arguments: [
        "2026-01-15T10:30:00Z", "2026-01-15t10:30:00z", "2026-01-15 10:30:00Z", "2026-01-15T12:30:00+02:00",
        "2026-01-15T12:30:00+0200", "2026-01-15T12:30:00+02", "2026-01-15T05:30:00-05:00", " 2026-01-15T10:30Z ",
        "/Date(1768473000000)/", "/Date(1768473000000+0100)/",
    ])
    func acceptedForms(_ text: String) {
        #expect(WireDate.parse(text) == Self.instant)
    }

    @Test func fractionsAndZonelessTimes() {
        #expect(WireDate.parse("2026-01-15T10:30:00.250Z") == Self.instant.addingTimeInterval(0.25))
        #expect(WireDate.parse("2026-01-15T10:30:00.1234567Z")?.timeIntervalSince(Self.instant) ?? 0 > 0.1234)
        // Without a zone: read in the given zone (New York is UTC-5 in January, UTC-4 in July).
        #expect(WireDate.parse("2026-01-15 05:30:00", timeZone: Self.newYork) == Self.instant)
        #expect(
            WireDate.parse("2026-07-15T06:30:00", timeZone: Self.newYork)
                == Date(timeIntervalSince1970: 1_784_111_400))
        #expect(WireDate.parse("2026-01-15", timeZone: .gmt) == Date(timeIntervalSince1970: 1_768_435_200))
        #expect(WireDate.parse("2024-02-29T00:00:00Z") == Date(timeIntervalSince1970: 1_709_164_800))
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2025-02-29", "2026-01-15T24:00:00Z",
        "2026-01-15T10:30:00Zjunk", "2026-1-15", "2026-01-15T10:30:00.Z", "/Date()/", "2026-01-15T10:30:00+25:00",
    ])
    func refusedForms(_ text: String) {
        #expect(WireDate.parse(text) == nil)
    }

    @Test func formatRoundTrips() {
        #expect(WireDate.format(Self.instant) == "2026-01-15T10:30:00Z")
        #expect(WireDate.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        for seconds in stride(from: -4_000_000_000.0, to: 8_000_000_000, by: 86_399 * 37) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(WireDate.parse(WireDate.format(date)) == date)
        }
    }
}
