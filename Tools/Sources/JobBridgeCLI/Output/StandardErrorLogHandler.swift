import Foundation
import Logging

/// A swift-log handler that writes one line per message to a command's standard error:
/// `--verbose` output (the messages come from `HTTPLogObserver`, already redacted).
struct StandardErrorLogHandler: LogHandler {
    let sink: OutputSink
    var logLevel: Logger.Level = .debug
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.keys.sorted().map { "\($0)=\(merged[$0].map { "\($0)" } ?? "")" }.joined(separator: " ")
        sink.write("[\(event.level)] \(event.message)" + (fields.isEmpty ? "" : " \(fields)") + "\n")
    }
}
