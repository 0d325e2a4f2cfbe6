import JobBridge

/// One case of the contract suite: a stable name and the check it runs.
///
/// The name is what shows in test results (`create.roundTrip`, `unsupported.cancelRun`),
/// so it never changes once published.
public struct ContractCase: Sendable, Hashable, CustomStringConvertible {
    /// The case's stable name.
    public let name: String
    /// The operation the case is about.
    public let operation: JobOperation?
    private let body: @Sendable (any ContractHarness) async throws -> Void

    /// Creates a case.
    public init(
        _ name: String, operation: JobOperation? = nil,
        body: @escaping @Sendable (any ContractHarness) async throws -> Void
    ) {
        self.name = name
        self.operation = operation
        self.body = body
    }

    /// Runs the case against a harness. Throws ``ContractFailure`` (or the provider's
    /// unexpected error) when the provider breaks the contract.
    public func run(_ harness: any ContractHarness) async throws {
        try await body(harness)
    }

    /// The case's name.
    public var description: String { name }

    /// Cases are equal when their names are.
    public static func == (lhs: ContractCase, rhs: ContractCase) -> Bool { lhs.name == rhs.name }
    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// How a provider broke the contract.
public struct ContractFailure: Error, CustomStringConvertible {
    /// What was expected and what happened.
    public let message: String
    /// Where in the suite the check is.
    public let location: String

    /// Creates a failure.
    public init(_ message: String, file: String = #fileID, line: Int = #line) {
        self.message = message
        self.location = "\(file):\(line)"
    }

    /// The message and where it was raised.
    public var description: String { "contract broken: \(message) [\(location)]" }
}

/// Checks used by the cases; each throws a ``ContractFailure`` that says what was wrong.
enum Check {
    static func that(
        _ condition: Bool, _ message: @autoclosure () -> String, file: String = #fileID, line: Int = #line
    ) throws {
        if !condition { throw ContractFailure(message(), file: file, line: line) }
    }

    static func equal<T: Equatable>(
        _ actual: T, _ expected: T, _ what: String, file: String = #fileID, line: Int = #line
    ) throws {
        if actual != expected {
            throw ContractFailure("\(what): expected \(expected), got \(actual)", file: file, line: line)
        }
    }

    /// The element at `index`, or a failure saying the list was too short (never a crash
    /// on a provider that returns fewer elements than it should).
    static func element<T>(
        _ list: [T], _ index: Int, _ what: String, file: String = #fileID, line: Int = #line
    ) throws -> T {
        guard list.indices.contains(index) else {
            throw ContractFailure("\(what): needed element \(index), got \(list.count)", file: file, line: line)
        }
        return list[index]
    }

    /// Runs `body` and checks that it throws a ``JobBridgeError`` with the given code (and,
    /// when given, operation and field).
    @discardableResult
    static func throwsError<T>(
        _ code: JobBridgeError.Code, operation: JobOperation? = nil, field: String? = nil, _ what: String,
        file: String = #fileID, line: Int = #line, _ body: () async throws -> T
    ) async throws -> JobBridgeError {
        let result: T
        do {
            result = try await body()
        } catch let error as JobBridgeError {
            try equal(error.code, code, "\(what): error code (\(error))", file: file, line: line)
            if let operation {
                try equal(error.operation, operation, "\(what): error's operation", file: file, line: line)
            }
            if let field { try equal(error.field, field, "\(what): error's field", file: file, line: line) }
            return error
        } catch {
            throw ContractFailure("\(what): expected JobBridgeError \(code), got \(error)", file: file, line: line)
        }
        throw ContractFailure("\(what): expected error \(code), got a result: \(result)", file: file, line: line)
    }
}
