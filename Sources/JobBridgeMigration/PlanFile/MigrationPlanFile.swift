import Foundation
import JobBridge

/// A plan on disk as JSON lines: a ``MigrationPlanHeader`` on the first line, then one
/// ``PlannedJob`` per line in the plan's order, each in canonical JSON (sorted keys), so
/// that the same plan always gives the same bytes.
///
/// The engine reads it as it goes (``MigrationEngine/apply(_:journal:mapping:)-(MigrationPlanFile,_,_)``
/// and the other phases), holding a few planned jobs at a time instead of the whole plan.
/// Opening a file reads its header only; ``jobs`` reads the jobs in chunks.
///
/// ```swift
/// let file = try MigrationPlanFile.write(plan, to: url)   // from memory to disk
/// let again = try MigrationPlanFile(at: url).plan()        // and back
/// for try await job in file.jobs { print(job.sourceID, job.verdict) }
/// ```
///
/// A line longer than ``maximumLineLength``, a line that is not a planned job, a last line
/// cut short (a file not completely written), or fewer or more jobs than the header counts
/// is refused with a `JobBridgeError` (`invalidDefinition`) whose field names the line
/// (`line 7`).
public struct MigrationPlanFile: Hashable, Sendable {
    /// The default ``maximumLineLength``: 16 MiB, far above any planned job.
    public static let defaultMaximumLineLength = 16 * 1024 * 1024

    /// The file.
    public let url: URL
    /// The plan's header (its first line).
    public let header: MigrationPlanHeader
    /// The longest line read, in bytes.
    public let maximumLineLength: Int

    /// Opens a streamed plan file and reads its header.
    ///
    /// - Throws: `JobBridgeError.Code.invalidDefinition` naming `line 1` when the file is
    ///   not a streamed plan (or is a plan of another format version); naming `plan` when
    ///   it cannot be read.
    public init(at url: URL, maximumLineLength: Int = Self.defaultMaximumLineLength) throws {
        self.url = url
        self.maximumLineLength = maximumLineLength
        var lines = try Self.lines(url, maximumLineLength)
        defer { lines.close() }
        header = try Self.header(from: &lines, name: url.lastPathComponent)
    }

    /// Whether the file at `url` is a streamed plan (its first bytes are a header's), as
    /// opposed to a whole-JSON ``MigrationPlan`` (or no plan at all).
    public static func isStreamed(at url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let prefix = Data("{\"format\":\"\(MigrationPlanHeader.streamedFormat)\"".utf8)
        guard let start = try? handle.read(upToCount: prefix.count) else { return false }
        return start == prefix
    }

    /// The planned jobs, in order, read from the file in chunks as they are asked for.
    public var jobs: PlannedJobs { PlannedJobs(file: self) }

    /// The whole plan in memory (every job read).
    ///
    /// - Throws: what reading ``jobs`` throws.
    public func plan() throws -> MigrationPlan {
        let reader = try PlannedJobReader(self)
        var jobs: [PlannedJob] = []
        while let job = try reader.next() { jobs.append(job) }
        return header.plan(jobs: jobs)
    }

    /// Writes a plan held in memory as a streamed plan file (replacing `url` atomically)
    /// and returns the file.
    ///
    /// - Throws: `JobBridgeError.Code.configuration` when the file cannot be written.
    @discardableResult
    public static func write(_ plan: MigrationPlan, to url: URL) throws -> MigrationPlanFile {
        try PlanFileOutput.write(header: MigrationPlanHeader(plan), to: url) { output in
            for job in plan.jobs { try output.append(job) }
        }
        return try MigrationPlanFile(at: url)
    }

    // MARK: Reading

    static func lines(_ url: URL, _ limit: Int) throws -> LineReader {
        do {
            return try LineReader(url: url, maximumLength: limit)
        } catch {
            throw JobBridgeError(
                .invalidDefinition, "cannot read the plan file \(url.lastPathComponent)", field: "plan")
        }
    }

    /// Reads and checks the header line.
    static func header(from lines: inout LineReader, name: String) throws -> MigrationPlanHeader {
        guard let line = try next(&lines, name: name) else {
            throw PlanFileErrors.line(name, 1, "is missing: the file is empty, not a streamed plan")
        }
        guard line.terminated else { throw PlanFileErrors.line(name, 1, "is cut short: the file is incomplete") }
        let header: MigrationPlanHeader
        do {
            header = try CanonicalJSON.decoder().decode(MigrationPlanHeader.self, from: line.bytes)
        } catch {
            throw PlanFileErrors.line(name, 1, "is not a plan header: the file is not a streamed plan")
        }
        guard header.format == MigrationPlanHeader.streamedFormat else {
            throw PlanFileErrors.line(name, 1, "names format '\(header.format.prefix(60))', not a streamed plan")
        }
        guard header.formatVersion == JobBridgeMigration.formatVersion else {
            throw PlanFileErrors.line(
                name, 1,
                "has format version \(header.formatVersion); this JobBridgeMigration reads version "
                    + "\(JobBridgeMigration.formatVersion) only: plan again with this version")
        }
        return header
    }

    /// The next line, a line over the limit refused naming it.
    static func next(_ lines: inout LineReader, name: String) throws -> LineReader.Line? {
        do {
            return try lines.next()
        } catch let error as LineReader.TooLong {
            throw PlanFileErrors.line(name, error.line, "is longer than \(error.limit) bytes")
        } catch {
            throw JobBridgeError(.invalidDefinition, "cannot read the plan file \(name)", field: "plan")
        }
    }
}

/// The planned jobs of a ``MigrationPlanFile``, read in chunks as they are iterated: an
/// `AsyncSequence` that holds one line at a time.
public struct PlannedJobs: AsyncSequence, Sendable {
    /// Each element is one job line.
    public typealias Element = PlannedJob

    /// The file read.
    public let file: MigrationPlanFile

    /// Reads the file's jobs, one line at a time.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var reader: PlannedJobReader?
        let file: MigrationPlanFile

        /// The next planned job, or `nil` after the last.
        ///
        /// - Throws: `JobBridgeError.Code.invalidDefinition` naming the line (see
        ///   ``MigrationPlanFile``).
        public mutating func next() async throws -> PlannedJob? {
            if reader == nil { reader = try PlannedJobReader(file) }
            return try reader?.next()
        }
    }

    /// An iterator that opens the file on its first ``AsyncIterator/next()``.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: nil, file: file) }
}

/// Reads a plan file's job lines in order (the header is read again and must not have
/// changed), checking each line and, at the end, the count against the header.
final class PlannedJobReader {
    private var lines: LineReader
    private let name: String
    private let expected: Int
    private var count = 0
    private var done = false
    private let decoder = CanonicalJSON.decoder()

    init(_ file: MigrationPlanFile) throws {
        name = file.url.lastPathComponent
        lines = try MigrationPlanFile.lines(file.url, file.maximumLineLength)
        let header = try MigrationPlanFile.header(from: &lines, name: name)
        guard header == file.header else {
            lines.close()
            throw PlanFileErrors.line(name, 1, "changed since the file was opened: the plan was replaced")
        }
        expected = header.totals.jobs
    }

    deinit { lines.close() }

    /// The next job, or `nil` after the last.
    func next() throws -> PlannedJob? {
        guard !done else { return nil }
        guard let line = try MigrationPlanFile.next(&lines, name: name) else {
            done = true
            guard count == expected else {
                throw PlanFileErrors.line(
                    name, lines.lineNumber + 1,
                    "is missing: the file holds \(count) jobs, its header counts \(expected)")
            }
            return nil
        }
        guard line.terminated else {
            throw PlanFileErrors.line(name, line.number, "is cut short (no newline): the file is incomplete")
        }
        guard !line.bytes.isEmpty else { throw PlanFileErrors.line(name, line.number, "is empty") }
        let job: PlannedJob
        do {
            job = try decoder.decode(PlannedJob.self, from: line.bytes)
        } catch {
            throw PlanFileErrors.line(name, line.number, "is not a planned job (malformed JSON or a missing member)")
        }
        count += 1
        guard count <= expected else {
            throw PlanFileErrors.line(name, line.number, "is one job more than the \(expected) its header counts")
        }
        return job
    }
}

/// The errors of plan files: bad input, naming the file and the line.
enum PlanFileErrors {
    static func line(_ name: String, _ number: Int, _ what: String) -> JobBridgeError {
        JobBridgeError(.invalidDefinition, "plan file \(name) line \(number) \(what)", field: "line \(number)")
    }
}
