import Foundation
import Testing

@testable import JobBridge

/// `WireDate.format(_:fractionDigits:)` writes UTC dates of the years 0–9999 straight as
/// bytes; it must write what the general form (a zone and a zone style) writes.
@Suite struct WireDateUTCFormatTests {
    @Test(arguments: [0, 3, 6, 9])
    func theUTCFormMatchesTheGeneralForm(fractionDigits: Int) {
        var instants: [TimeInterval] = [
            0, -1, -0.5, 0.000_001, 1_768_473_000, 1_768_473_000.123_456_789, 1_768_473_000.999_999_9,
            -62_167_219_200, -62_167_219_199.5, 253_402_300_799, 253_402_300_799.999_999_9, 951_782_400,
            -2_208_988_800.25,
        ]
        // A spread over the whole range, with fractions.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let span = 253_402_300_800.0 + 62_167_219_200.0
            instants.append(-62_167_219_200 + Double(seed >> 11) / Double(1 << 53) * span)
        }
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(
                WireDate.format(date, fractionDigits: fractionDigits)
                    == WireDate.format(date, fractionDigits: fractionDigits, timeZone: .gmt, zone: .z),
                "\(instant)")
        }
    }

    @Test func datesOutsideTheFourDigitYearsAreWrittenAsBefore() {
        for instant in [-62_167_219_201.0, -70_000_000_000, 253_402_300_800, 300_000_000_000] {
            let date = Date(timeIntervalSince1970: instant)
            #expect(
                WireDate.format(date, fractionDigits: 6)
                    == WireDate.format(date, fractionDigits: 6, timeZone: .gmt, zone: .z))
        }
        #expect(
            WireDate.format(Date(timeIntervalSince1970: 1_768_473_000.25), fractionDigits: 6)
                == "2026-01-15T10:30:00.250000Z")
    }
}
