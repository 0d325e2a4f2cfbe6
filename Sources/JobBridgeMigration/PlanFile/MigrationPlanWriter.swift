import Foundation
import JobBridge

/// Writes a streamed plan file (``MigrationPlanFile``) job by job, as jobs are planned,
/// without holding the plan: each ``add(_:)`` writes one line to a spool file beside
/// `url`; ``finish(_:)`` writes the header (with the totals counted as jobs were added)
/// and copies the spooled lines after it, then renames the result over `url`, so that a
/// plan file is either complete or absent.
///
/// ```swift
/// let writer = try MigrationPlanWriter(to: url)
/// for job in jobs { try writer.add(job) }
/// let file = try writer.finish(header)
/// ```
public final class MigrationPlanWriter {
    /// The plan file written by ``finish(_:)``.
    public let url: URL
    /// The totals of the jobs added so far.
    public private(set) var totals = PlanTotals()
    private let spoolURL: URL
    private var spool: LineOutput?

    /// Starts a plan file at `url` (nothing is there until ``finish(_:)``).
    ///
    /// - Throws: `JobBridgeError.Code.configuration` when the spool file beside `url`
    ///   cannot be created.
    public init(to url: URL) throws {
        self.url = url
        spoolURL = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).jobs.partial")
        spool = try LineOutput(creating: spoolURL)
    }

    deinit { discard() }

    /// Writes one planned job (the next in the plan's order).
    ///
    /// - Throws: `JobBridgeError.Code.configuration` when the spool cannot be written or
    ///   the writer is finished.
    public func add(_ job: PlannedJob) throws {
        guard let spool else { throw LineOutput.failure("the plan writer for \(url.lastPathComponent) is finished") }
        try spool.append(job)
        totals.add(job)
    }

    /// Writes the plan file: `header` (its totals replaced by those of the jobs added),
    /// then the jobs, and returns it opened.
    ///
    /// - Throws: `JobBridgeError.Code.configuration` when a file cannot be written.
    @discardableResult
    public func finish(_ header: MigrationPlanHeader) throws -> MigrationPlanFile {
        try finish(header, transform: nil)
    }

    /// ``finish(_:)``, passing each job through `transform` on its way from the spool to
    /// the file (the planner fills in the plan id, known only once every job is planned).
    func finish(_ header: MigrationPlanHeader, transform: ((PlannedJob) -> PlannedJob)?) throws
        -> MigrationPlanFile
    {
        guard let spool else { throw LineOutput.failure("the plan writer for \(url.lastPathComponent) is finished") }
        try spool.close()
        self.spool = nil
        defer { try? FileManager.default.removeItem(at: spoolURL) }
        var header = header
        header.totals = totals
        let spoolURL = spoolURL
        try PlanFileOutput.write(header: header, to: url) { output in
            var lines = try LineReader(url: spoolURL, maximumLength: Int.max)
            defer { lines.close() }
            let decoder = CanonicalJSON.decoder()
            while let line = try lines.next() {
                if let transform {
                    try output.append(transform(try decoder.decode(PlannedJob.self, from: line.bytes)))
                } else {
                    try output.appendLine(line.bytes)
                }
            }
        }
        return try MigrationPlanFile(at: url)
    }

    /// Abandons the plan: removes the spool, writes nothing.
    public func discard() {
        try? spool?.close()
        spool = nil
        try? FileManager.default.removeItem(at: spoolURL)
    }
}

/// Writes the plan file itself: header, then job lines, to a partial file beside `url`,
/// flushed to disk and renamed over `url` once complete.
enum PlanFileOutput {
    static func write(header: MigrationPlanHeader, to url: URL, _ body: (LineOutput) throws -> Void) throws {
        let partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        let output = try LineOutput(creating: partial)
        do {
            try output.appendLine(try CanonicalJSON.data(header))
            try body(output)
            try output.close(synchronizing: true)
        } catch {
            try? output.close()
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        guard rename(partial.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: partial)
            throw LineOutput.failure("cannot write the plan file \(url.lastPathComponent)")
        }
    }
}

/// A file written line by line through a 64 KiB buffer.
final class LineOutput {
    private let handle: FileHandle
    private var buffer = Data()
    private let encoder = CanonicalJSON.encoder()
    private let name: String

    init(creating url: URL) throws {
        name = url.lastPathComponent
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: url)
        else { throw Self.failure("cannot create \(url.lastPathComponent)") }
        self.handle = handle
    }

    /// Appends a job as one canonical JSON line.
    func append(_ job: PlannedJob) throws { try appendLine(try encoder.encode(job)) }

    /// Appends bytes and a newline.
    func appendLine(_ line: Data) throws {
        buffer.append(line)
        buffer.append(0x0A)
        if buffer.count >= 64 * 1024 { try flush() }
    }

    /// Writes what is buffered and closes the file, flushed to disk when asked.
    func close(synchronizing: Bool = false) throws {
        try flush()
        do {
            if synchronizing { try handle.synchronize() }
            try handle.close()
        } catch {
            throw Self.failure("cannot write \(name)")
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw Self.failure("cannot write \(name)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    static func failure(_ message: String) -> JobBridgeError {
        JobBridgeError(.configuration, message, field: "plan")
    }
}
