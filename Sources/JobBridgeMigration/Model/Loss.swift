import JobBridge

/// One coded difference between a source job and its target: what is lost or changed, where,
/// and what to do about it.
public struct Loss: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The stable code.
    public var code: LossCode
    /// The path of the field concerned, such as `schedule`, `settings.drop_table` or
    /// `providerData.fancy_option`; `nil` for the job as a whole.
    public var field: String?
    /// One line that says what happens to this job (bounded, redacted).
    public var message: String
    /// What the operator can do (the catalogue's remedy unless the planner knows better).
    public var remedy: String
    /// The verdict this loss gives its part of the job: the code's effect, except where a
    /// code's effect depends on the case (`TASKS_DROPPED` is impossible when no task remains).
    public var verdict: MigrationVerdict
    /// Untranslatable content kept verbatim (a setting's value, a task, a schedule's text),
    /// with secret-named members redacted.
    public var content: JSONValue?
    /// For schedule losses: how many fire instants differ between source and target over the
    /// compared windows.
    public var mismatchCount: Int?
    /// For schedule losses: the largest distance, in seconds, between a fire instant on one
    /// side and the nearest on the other.
    public var maxDeviationSeconds: Int?

    /// Creates a loss; the verdict defaults to the code's effect and the remedy to the
    /// catalogue's.
    public init(
        _ code: LossCode, field: String? = nil, _ message: String, remedy: String? = nil,
        verdict: MigrationVerdict? = nil, content: JSONValue? = nil, mismatchCount: Int? = nil,
        maxDeviationSeconds: Int? = nil
    ) {
        self.code = code
        self.field = field
        self.message = Redactor.redact(Self.oneLine(message))
        self.remedy = Redactor.redact(Self.oneLine(remedy ?? code.remedy))
        self.verdict = verdict ?? code.effect.verdict
        self.content = content.map(SecretScrubber.scrub)
        self.mismatchCount = mismatchCount
        self.maxDeviationSeconds = maxDeviationSeconds
    }

    /// `CODE field: message`.
    public var description: String {
        "\(code)" + (field.map { " \($0)" } ?? "") + ": " + message
    }

    /// The longest message kept.
    public static let messageLimit = 400

    static func oneLine(_ text: String) -> String {
        var line = String(text.map { $0.isNewline ? " " : $0 })
        if line.count > messageLimit { line = String(line.prefix(messageLimit)) + "…" }
        return line
    }
}

/// Removes secrets from JSON kept in a plan: the value of every member whose name is a
/// secret's (`Redactor.isSecretName(_:)`) becomes `Redactor.placeholder`, and every string
/// passes through `Redactor.redact(_:)` (connection strings with `Password=`).
public enum SecretScrubber {
    /// The value with its secrets replaced.
    public static func scrub(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members {
                result[key] = Redactor.isSecretName(key) ? .string(Redactor.placeholder) : scrub(member)
            }
            return .object(result)
        case .array(let items):
            return .array(items.map(scrub))
        case .string(let text):
            return .string(Redactor.redact(text))
        default:
            return value
        }
    }

    /// Settings with their secrets replaced.
    public static func scrub(_ settings: [String: JSONValue]) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for (key, value) in settings {
            result[key] = Redactor.isSecretName(key) ? .string(Redactor.placeholder) : scrub(value)
        }
        return result
    }
}
