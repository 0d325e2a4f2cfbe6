import JobBridge

/// The errors a configuration file gets: one line, naming the file and the line.
enum ConfigurationError {
    /// A `JobBridgeError` (`configuration`) at `file:line`, with the key as its field.
    static func at(_ file: String, line: Int?, key: String?, _ message: String) -> JobBridgeError {
        let place = line.map { "\(file):\($0)" } ?? file
        return JobBridgeError(.configuration, "\(place): \(message)", field: key)
    }
}
