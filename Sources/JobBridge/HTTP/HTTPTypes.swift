import Foundation

/// An HTTP request method.
public enum HTTPMethod: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// `GET`.
    case get = "GET"
    /// `POST`.
    case post = "POST"
    /// `PUT`.
    case put = "PUT"
    /// `PATCH`.
    case patch = "PATCH"
    /// `DELETE`.
    case delete = "DELETE"
    /// `HEAD`.
    case head = "HEAD"
    /// `OPTIONS`.
    case options = "OPTIONS"

    /// Whether sending the request twice has the same effect as sending it once
    /// (RFC 9110 §9.2.2): true for `GET`, `HEAD`, `PUT`, `DELETE` and `OPTIONS`.
    public var isIdempotent: Bool {
        switch self {
        case .get, .head, .put, .delete, .options: return true
        case .post, .patch: return false
        }
    }

    /// The method's name on the wire, such as `GET`.
    public var description: String { rawValue }
}

/// HTTP header fields: ordered, with case-insensitive names.
///
/// Two header sets are equal when they hold the same fields in the same order, names
/// compared without regard to case.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One header field.
    public struct Field: Sendable {
        /// The field's name, as it was given.
        public var name: String
        /// The field's value.
        public var value: String
    }

    private var fields: [Field] = []

    /// An empty set of headers.
    public init() {}

    /// Headers from name–value pairs, in order.
    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { add(name: name, value: value) }
    }

    /// Headers from a literal such as `["Accept": "application/json"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The value of the first field with this name (compared without case), or `nil`.
    ///
    /// Setting replaces every field with this name by one field with the new value, at
    /// the position of the first; setting `nil` removes them all.
    public subscript(name: String) -> String? {
        get { fields.first { Self.same($0.name, name) }?.value }
        set {
            guard let newValue else {
                fields.removeAll { Self.same($0.name, name) }
                return
            }
            if let index = fields.firstIndex(where: { Self.same($0.name, name) }) {
                fields[index].value = newValue
                var position = fields.index(after: index)
                while position < fields.endIndex {
                    if Self.same(fields[position].name, name) {
                        fields.remove(at: position)
                    } else {
                        position = fields.index(after: position)
                    }
                }
            } else {
                fields.append(Field(name: name, value: newValue))
            }
        }
    }

    /// Every value of the fields with this name, in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.same($0.name, name) }.map(\.value)
    }

    /// Appends a field, keeping any other field of the same name.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Whether a field with this name exists.
    public func contains(_ name: String) -> Bool {
        fields.contains { Self.same($0.name, name) }
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// The fields in order, as `(name, value)` pairs.
    public func makeIterator() -> AnyIterator<(name: String, value: String)> {
        var iterator = fields.makeIterator()
        return AnyIterator {
            guard let field = iterator.next() else { return nil }
            return (field.name, field.value)
        }
    }

    /// Whether two header sets hold the same fields in the same order.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { same($0.name, $1.name) && $0.value == $1.value }
    }

    /// Hashes the fields, names without case.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields.count)
        for field in fields {
            hasher.combine(field.name.lowercased())
            hasher.combine(field.value)
        }
    }

    private static func same(_ lhs: String, _ rhs: String) -> Bool {
        lhs.caseInsensitiveCompare(rhs) == .orderedSame
    }
}

/// An HTTP request, as a plain value.
public struct HTTPRequest: Sendable, Hashable {
    /// The method.
    public var method: HTTPMethod
    /// The full URL, query included.
    public var url: URL
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body, if any.
    public var body: Data?
    /// Whether the request may be sent again after an ambiguous failure.
    ///
    /// Defaults to ``HTTPMethod/isIdempotent``; set it to `true` for a `POST` that is
    /// known to be safe to repeat (a query, for instance). Only idempotent requests are
    /// retried by ``RetryPolicy``.
    public var isIdempotent: Bool
    /// How long the transport may wait for the answer before failing the request as a
    /// time-out; `nil` leaves it to the transport. ``RESTClient`` sets its
    /// ``RESTClient/requestTimeout`` here on every request that has none.
    public var timeout: Duration?

    /// Creates a request. `isIdempotent` defaults to the method's idempotence.
    public init(
        method: HTTPMethod, url: URL, headers: HTTPHeaders = [:], body: Data? = nil, isIdempotent: Bool? = nil,
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.isIdempotent = isIdempotent ?? method.isIdempotent
        self.timeout = timeout
    }
}

/// An HTTP response, as a plain value.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code, such as 200.
    public var status: Int
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body, empty when there was none.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is in the 2xx range.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// Something that sends an HTTP request and returns the answer: URLSession in
/// production (``URLSessionTransport``), a simulator in tests.
///
/// A transport throws only when no answer arrived (connection refused, dropped, timed
/// out), preferably as ``JobBridgeError/Code/transport``. Any answer, whatever its
/// status, is returned.
public protocol HTTPTransport: Sendable {
    /// Sends the request and returns the answer.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
