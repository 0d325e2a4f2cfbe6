import Foundation
import JobBridgeSimulation

/// The simulator's own reading of NX1's wire formats (independent of the adapter's).
enum NX1SimulatorWire {
    /// `job_type` values the documents (`airflow.dataeng`, `airflow.nlp`, `airflow.ingest`,
    /// `mirror`) and the SDK (`airflow.airbyte`) name. The simulator refuses others on create.
    static let jobTypes = ["airflow.dataeng", "airflow.nlp", "airflow.ingest", "airflow.airbyte", "mirror"]

    /// Airflow's presets.
    static let presets: Set<String> = ["@once", "@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@annually"]

    /// Whether the text is an Airflow preset or five cron fields made of cron characters.
    static func isValidCron(_ text: String) -> Bool {
        if presets.contains(text.trimmingWhitespace()) { return true }
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        let allowed = Set("0123456789*/,-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return fields.count == 5 && fields.allSatisfy { $0.allSatisfy(allowed.contains) }
    }

    /// A date as the simulator writes it: UTC with `Z`, and six fraction digits when the
    /// date has a fraction (as Python's `isoformat()` does).
    static func date(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.formatOptions = [.withInternetDateTime]
        let whole = date.timeIntervalSince1970.rounded(.down)
        let micros = Int(((date.timeIntervalSince1970 - whole) * 1_000_000).rounded())
        let base = formatter.string(from: Date(timeIntervalSince1970: whole))
        guard micros > 0, micros < 1_000_000, base.hasSuffix("Z") else { return base }
        return String(base.dropLast()) + "." + String(format: "%06d", micros) + "Z"
    }

    /// The fields of an `application/x-www-form-urlencoded` body.
    static func form(_ body: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            guard let name = parts.first else { continue }
            fields[decode(name)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    /// 16 hex digits.
    static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// A random (seeded) version-4 UUID, lower case.
    static func uuid(_ generator: inout SplitMix64) -> String {
        let high = (generator.next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (generator.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let text = Array(hex(high) + hex(low))
        return [text[0..<8], text[8..<12], text[12..<16], text[16..<20], text[20..<32]].map { String($0) }.joined(
            separator: "-")
    }
}
