import Foundation

/// A process's memory from `/proc/<pid>/status` (Linux; 0 elsewhere), in MB.
enum ProcessMemory {
    /// The peak resident memory (`VmHWM`) of this process, or of `pid`.
    static func peakMB(pid: Int32? = nil) -> Double { field("VmHWM:", pid: pid) }

    /// The resident memory now (`VmRSS`).
    static func residentMB(pid: Int32? = nil) -> Double { field("VmRSS:", pid: pid) }

    private static func field(_ name: String, pid: Int32?) -> Double {
        let path = "/proc/\(pid.map(String.init) ?? "self")/status"
        guard let status = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
            return kilobytes / 1024
        }
        return 0
    }
}
