import Foundation
import JobBridge

/// A write-ahead journal on disk: one JSON object per line, one file per plan.
///
/// ``append(_:)`` writes a record and its newline and flushes the file to disk
/// (`fsync`, one flush shared by concurrent appends) before it returns, so that a record the engine acted on
/// survives a crash. Opening a journal reads what is there: a last line cut short by a
/// crash is dropped (and cut off the file, so the next record starts on a fresh line); a
/// bad line before the last, a record of an unknown format version, or a journal of
/// another plan is refused. The caller chooses the path (beside the plan file, by
/// convention `<plan>.journal`).
public actor MigrationJournal {
    /// The journal's file.
    public nonisolated let url: URL
    /// The plan the journal belongs to.
    public nonisolated let planID: String
    /// Whether records are flushed to disk one by one (default); turn it off only for
    /// throwaway journals, such as a benchmark's in a temporary directory.
    public nonisolated let synchronizes: Bool
    private let handle: FileHandle
    private let mark = WriteMark()
    private let syncer: JournalSyncer
    private var count: Int
    private var folded: JournalState
    private let now: @Sendable () -> Date
    private let beforeWrite: (@Sendable (JournalRecord) throws -> Void)?

    /// Opens the journal at `url` for `planID`, creating it with a header when absent.
    ///
    /// - Parameters:
    ///   - url: The journal file (its folder must exist).
    ///   - planID: The plan's id; a journal of another plan is refused.
    ///   - synchronizes: Whether each record is flushed to disk before ``append(_:)``
    ///     returns.
    ///   - now: The clock records are stamped with.
    ///   - beforeWrite: Called before each record is written; what it throws is thrown by
    ///     ``append(_:)`` and nothing is written. For fault injection in tests (a crash
    ///     between a write's answer and its journal record); `nil` in production.
    public init(
        at url: URL, planID: String, synchronizes: Bool = true,
        now: @escaping @Sendable () -> Date = { Date() },
        beforeWrite: (@Sendable (JournalRecord) throws -> Void)? = nil
    ) throws {
        self.beforeWrite = beforeWrite
        self.url = url
        self.planID = planID
        self.synchronizes = synchronizes
        self.now = now
        let manager = FileManager.default
        var folded = JournalState(records: [])
        var count = 0
        if manager.fileExists(atPath: url.path) {
            // Folded record by record as it is read: memory holds the state, not the records.
            let contents = try JournalReader.scan(at: url) { record, index in
                if index == 0 {
                    guard record.kind == .header, record.planID == planID else {
                        throw ExecutionErrors.journal(
                            "journal \(url.lastPathComponent) belongs to plan \(record.planID ?? "?"), not \(planID)",
                            field: "planID")
                    }
                }
                folded.apply(record)
            }
            count = contents.recordCount
            if contents.validLength < contents.fileLength {
                // Cut the torn line off, so the next record starts on a line of its own.
                let fix = try FileHandle(forWritingTo: url)
                try fix.truncate(atOffset: UInt64(contents.validLength))
                try fix.close()
            }
        } else {
            guard manager.createFile(atPath: url.path, contents: nil) else {
                throw ExecutionErrors.journal("cannot create journal file \(url.path)", field: "journal")
            }
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        if count == 0 {
            let (header, line) = try Self.line(for: JournalRecord(.header, planID: planID), sequence: 0, now: now)
            try handle.write(contentsOf: line)
            if synchronizes { try handle.synchronize() }
            folded.apply(header)
            count = 1
        }
        self.handle = handle
        self.syncer = JournalSyncer(descriptor: handle.fileDescriptor, mark: mark)
        self.count = count
        self.folded = folded
    }

    /// What the journal says so far (the records read at opening and those appended since),
    /// folded: memory grows with the plan's targets, not with the records.
    public var state: JournalState { folded }

    /// How many records the journal holds.
    public var recordCount: Int { count }

    /// Writes a record (numbered, stamped and scrubbed of secrets) and returns once it is
    /// on disk. Concurrent appends share flushes (group commit): one `fsync` covers every
    /// record written before it started.
    @discardableResult
    public func append(_ record: JournalRecord) async throws -> JournalRecord {
        let written = try write(record)
        if synchronizes { try await syncer.sync(through: written.sequence) }
        return written
    }

    /// Closes the file.
    public func close() throws { try handle.close() }

    @discardableResult
    private func write(_ record: JournalRecord) throws -> JournalRecord {
        try beforeWrite?(record)
        let (written, line) = try Self.line(for: record, sequence: count, now: now)
        try handle.write(contentsOf: line)
        mark.set(written.sequence)
        count += 1
        folded.apply(written)
        return written
    }

    /// The record as written (numbered, stamped, scrubbed) and its line.
    private static func line(
        for record: JournalRecord, sequence: Int, now: @Sendable () -> Date
    ) throws -> (JournalRecord, Data) {
        var record = record
        record.version = JobBridgeMigration.formatVersion
        record.sequence = sequence
        if record.at == nil { record.at = now() }
        record.message = ArtifactRedaction.scrub(record.message)
        record.name = ArtifactRedaction.scrub(record.name)
        record.snapshot = record.snapshot.map(ArtifactRedaction.scrub)
        var line = try JournalReader.encoder.encode(record)
        line.append(0x0A)
        return (record, line)
    }
}

/// Reads a journal file (see ``MigrationJournal``).
public enum JournalReader {
    /// What a journal file holds.
    public struct Contents: Sendable {
        /// The complete records, in order.
        public var records: [JournalRecord]
        /// Whether the last line was cut short (and dropped).
        public var hadTornTail: Bool
        /// The bytes up to the end of the last complete record.
        public var validLength: Int
        /// The file's length.
        public var fileLength: Int
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// The longest journal line read, in bytes: far above any record (a snapshot of a
    /// whole job included), low enough that a corrupt file cannot exhaust memory.
    static let maximumLineLength = 64 * 1024 * 1024

    /// Reads the journal at `url`. A last line without its newline is dropped (its append
    /// never returned); any other bad line, or a record of another format version, is refused
    /// with an error naming the line.
    public static func read(at url: URL) throws -> Contents {
        var records: [JournalRecord] = []
        let scanned = try scan(at: url) { record, _ in records.append(record) }
        return Contents(
            records: records, hadTornTail: scanned.hadTornTail, validLength: scanned.validLength,
            fileLength: scanned.fileLength)
    }

    /// Reads journal bytes (see ``read(at:)``); `name` names the journal in errors.
    public static func read(_ data: Data, name: String = "journal") throws -> Contents {
        var records: [JournalRecord] = []
        var reader = LineReader(data: data, maximumLength: maximumLineLength)
        let scanned = try scan(&reader, name: name, fileLength: data.count) { record, _ in records.append(record) }
        return Contents(
            records: records, hadTornTail: scanned.hadTornTail, validLength: scanned.validLength,
            fileLength: scanned.fileLength)
    }

    /// What a scan found besides the records.
    struct Scanned {
        var recordCount: Int
        var hadTornTail: Bool
        var validLength: Int
        var fileLength: Int
    }

    /// Reads the journal at `url` in chunks, handing each complete record (and its index)
    /// to `body` as it is read: memory holds one line, not the file.
    static func scan(at url: URL, _ body: (JournalRecord, Int) throws -> Void) throws -> Scanned {
        let name = url.lastPathComponent
        var reader: LineReader
        let fileLength: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            fileLength = (attributes[.size] as? NSNumber)?.intValue ?? 0
            reader = try LineReader(url: url, maximumLength: maximumLineLength)
        } catch {
            throw ExecutionErrors.journal("cannot read journal \(name)", field: "journal")
        }
        defer { reader.close() }
        return try scan(&reader, name: name, fileLength: fileLength, body)
    }

    private static func scan(
        _ reader: inout LineReader, name: String, fileLength: Int, _ body: (JournalRecord, Int) throws -> Void
    ) throws -> Scanned {
        var count = 0
        var validLength = 0
        var torn = false
        while true {
            let next: LineReader.Line?
            do {
                next = try reader.next()
            } catch let error as LineReader.TooLong {
                throw ExecutionErrors.journal(
                    "journal \(name) line \(error.line) is longer than \(error.limit) bytes",
                    field: "line \(error.line)")
            } catch {
                throw ExecutionErrors.journal("cannot read journal \(name)", field: "journal")
            }
            guard let line = next else { break }
            if !line.bytes.isEmpty {
                let record: JournalRecord
                do {
                    record = try decoder.decode(JournalRecord.self, from: line.bytes)
                } catch {
                    guard !line.terminated else {
                        throw ExecutionErrors.journal(
                            "journal \(name) line \(line.number) is not a record", field: "line \(line.number)")
                    }
                    torn = true
                    break
                }
                guard record.version == JobBridgeMigration.formatVersion else {
                    throw ExecutionErrors.journal(
                        "journal \(name) line \(line.number) has format version \(record.version); this library reads \(JobBridgeMigration.formatVersion)",
                        field: "line \(line.number).version")
                }
                if !line.terminated {
                    // A record whose newline never reached the disk: its append did not
                    // return, so it is dropped like any torn line (resume probes instead).
                    torn = true
                    break
                }
                try body(record, count)
                count += 1
            }
            guard line.terminated else { break }
            validLength = line.end
        }
        return Scanned(recordCount: count, hadTornTail: torn, validLength: validLength, fileLength: fileLength)
    }
}
