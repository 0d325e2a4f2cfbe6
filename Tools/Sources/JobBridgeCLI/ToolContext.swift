import Foundation
import JobBridge

/// Everything a command takes from the world around it: the environment variables, where
/// its output goes, what kind of terminal that is, and the time.
///
/// The process's own context (``process``) is the default; tests run commands in-process
/// with their own (captured output, chosen environment, fixed time) through
/// ``JobBridgeTool/run(_:context:)``, which binds it to ``current`` for the command.
public struct ToolContext: Sendable {
    /// The environment variables (`JOBBRIDGE_CONFIG`, `NO_COLOR`, `COLUMNS`, credential references).
    public var environment: [String: String]
    /// Where normal output goes (standard output).
    public var standardOutput: OutputSink
    /// Where errors and progress go (standard error).
    public var standardError: OutputSink
    /// The terminal standard output is, or `nil` when it is a pipe or a file.
    public var terminal: TerminalInfo?
    /// The terminal standard error is on (where live status lines and progress bars go),
    /// or `nil` when it is a pipe or a file.
    public var errorTerminal: TerminalInfo?
    /// The directory relative paths are read from.
    public var workingDirectory: String
    /// The current date; the embedded simulators start their simulated clock at it.
    public var now: @Sendable () -> Date
    /// The work to do when the command ends, whatever its outcome (such as writing the
    /// embedded simulators' state back to their file).
    let endings = CommandEndings()

    /// Creates a context.
    public init(
        environment: [String: String], standardOutput: OutputSink, standardError: OutputSink,
        terminal: TerminalInfo?, errorTerminal: TerminalInfo? = nil, workingDirectory: String,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.environment = environment
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.terminal = terminal
        self.errorTerminal = errorTerminal
        self.workingDirectory = workingDirectory
        self.now = now
    }

    /// The running process's context: its environment, its standard output and error,
    /// the terminal standard output is on (if any), its working directory, the real date.
    public static var process: ToolContext {
        let environment = ProcessInfo.processInfo.environment
        return ToolContext(
            environment: environment, standardOutput: .standardOutput, standardError: .standardError,
            terminal: TerminalInfo.detect(environment: environment),
            errorTerminal: TerminalInfo.detect(environment: environment, descriptor: STDERR_FILENO),
            workingDirectory: FileManager.default.currentDirectoryPath)
    }

    /// The context commands run in (bound by ``JobBridgeTool/run(_:context:)``).
    @TaskLocal public static var current: ToolContext = .process

    /// Whether output may use colour: only on a terminal, and never when `NO_COLOR` is set
    /// (to anything, as no-color.org says) or `TERM` is `dumb`.
    public var usesColor: Bool {
        guard terminal != nil else { return false }
        if environment["NO_COLOR"] != nil { return false }
        return environment["TERM"] != "dumb"
    }

    /// The width tables are fitted to: the terminal's, else `COLUMNS`, else unlimited (a pipe
    /// gets whole lines).
    public var width: Int? {
        if let columns = terminal?.columns, columns > 0 { return columns }
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        return nil
    }

    /// A path as given, or relative to ``workingDirectory``.
    public func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] {
            return home + path.dropFirst()
        }
        return (workingDirectory as NSString).appendingPathComponent(path)
    }

    /// Adds work to do when the command ends, in the order added, whatever its outcome.
    public func atExit(_ work: @escaping @Sendable () async throws -> Void) { endings.add(work) }

    /// Writes a line to standard output.
    public func print(_ line: String = "") { standardOutput.write(line + "\n") }

    /// Writes a line to standard error.
    public func printError(_ line: String) { standardError.write(line + "\n") }

    /// The text in red (for failures) when colour is on.
    public func red(_ text: String) -> String { usesColor ? "\u{1B}[31m\(text)\u{1B}[0m" : text }
    /// The text in green (for success) when colour is on.
    public func green(_ text: String) -> String { usesColor ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
    /// The text in yellow (for warnings, partial results) when colour is on.
    public func yellow(_ text: String) -> String { usesColor ? "\u{1B}[33m\(text)\u{1B}[0m" : text }
    /// The text in bold (for table headers) when colour is on.
    public func bold(_ text: String) -> String { usesColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}

/// The work left for the end of a command (``ToolContext/atExit(_:)``).
final class CommandEndings: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var works: [@Sendable () async throws -> Void] = []

    func add(_ work: @escaping @Sendable () async throws -> Void) { lock.withLock { works.append(work) } }

    /// Runs and removes every work, in order; the first error is thrown after all have run.
    func run() async throws {
        let pending = lock.withLock {
            defer { works = [] }
            return works
        }
        var firstError: (any Error)?
        for work in pending {
            do { try await work() } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }
}
