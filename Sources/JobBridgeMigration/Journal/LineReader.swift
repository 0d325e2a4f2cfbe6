import Foundation

/// Reads newline-terminated lines from a file in fixed-size chunks (or from bytes already
/// in memory), holding at most one chunk and one line: the one line reader of the journal
/// and of the streamed plan file.
///
/// Each line is returned with its number (1-based, empty lines counted) and whether its
/// newline was there; a line longer than ``maximumLength`` bytes is refused with
/// ``TooLong`` before more of it is read. Linear in the bytes read: each byte is looked at
/// once for the newline and copied at most twice.
struct LineReader {
    /// One line, without its newline.
    struct Line {
        /// The line's bytes.
        var bytes: Data
        /// The line's number, from 1.
        var number: Int
        /// Whether the line ended with a newline (`false`: the last line was cut short).
        var terminated: Bool
        /// The byte offset just past the line (and its newline) in the file.
        var end: Int
    }

    /// A line longer than the limit.
    struct TooLong: Error {
        /// The line's number.
        var line: Int
        /// The limit, in bytes.
        var limit: Int
    }

    /// The longest line accepted, in bytes (newline excluded).
    let maximumLength: Int
    private let handle: FileHandle?
    private let chunkSize: Int
    private var buffer = Data()
    /// Where the unread bytes start in `buffer`.
    private var position = 0
    /// Where the newline search resumes in `buffer` (bytes before it hold no newline).
    private var scanned = 0
    /// The file offset of `buffer`'s first byte.
    private var base = 0
    private var atEnd = false
    private(set) var lineNumber = 0

    /// A reader of the file at `url`.
    ///
    /// - Throws: what opening the file throws.
    init(url: URL, maximumLength: Int, chunkSize: Int = 64 * 1024) throws {
        handle = try FileHandle(forReadingFrom: url)
        self.maximumLength = maximumLength
        self.chunkSize = max(chunkSize, 1)
    }

    /// A reader of bytes already in memory.
    init(data: Data, maximumLength: Int) {
        handle = nil
        buffer = Data(data)
        atEnd = true
        self.maximumLength = maximumLength
        chunkSize = 1
    }

    /// Closes the file (also done when the reader is released).
    func close() { try? handle?.close() }

    /// The next line, or `nil` at the end.
    ///
    /// - Throws: ``TooLong`` for a line over the limit; what reading the file throws.
    mutating func next() throws -> Line? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                let length = newline - position
                lineNumber += 1
                guard length <= maximumLength else { throw TooLong(line: lineNumber, limit: maximumLength) }
                let bytes = Data(buffer[position..<newline])
                position = newline + 1
                scanned = position
                return Line(bytes: bytes, number: lineNumber, terminated: true, end: base + position)
            }
            scanned = buffer.endIndex
            guard buffer.endIndex - position <= maximumLength else {
                throw TooLong(line: lineNumber + 1, limit: maximumLength)
            }
            if atEnd {
                guard position < buffer.endIndex else { return nil }
                lineNumber += 1
                let bytes = Data(buffer[position...])
                position = buffer.endIndex
                scanned = position
                return Line(bytes: bytes, number: lineNumber, terminated: false, end: base + position)
            }
            try refill()
        }
    }

    /// Drops the bytes already returned and appends the next chunk of the file.
    private mutating func refill() throws {
        guard let handle else {
            atEnd = true
            return
        }
        if position > 0 {
            base += position
            scanned -= position
            buffer = Data(buffer[position...])
            position = 0
        }
        guard let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty else {
            atEnd = true
            return
        }
        buffer.append(chunk)
    }
}
