import Foundation

/// Where a command's text goes: a file descriptor, or a buffer a test reads.
public struct OutputSink: Sendable {
    private let writeText: @Sendable (String) -> Void

    /// A sink that hands every piece of text to `write`.
    public init(_ write: @escaping @Sendable (String) -> Void) { self.writeText = write }

    /// Writes text as it is (no newline added).
    public func write(_ text: String) { writeText(text) }

    /// The process's standard output.
    public static let standardOutput = OutputSink { FileHandle.standardOutput.write(Data($0.utf8)) }
    /// The process's standard error.
    public static let standardError = OutputSink { FileHandle.standardError.write(Data($0.utf8)) }
}

/// Text collected from an ``OutputSink``, for tests that run commands in-process.
public final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""

    /// Creates an empty buffer.
    public init() {}

    /// A sink that appends to this buffer.
    public var sink: OutputSink { OutputSink { [self] text in lock.withLock { collected += text } } }

    /// Everything written so far.
    public var text: String { lock.withLock { collected } }
}
