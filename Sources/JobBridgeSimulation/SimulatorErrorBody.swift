import Foundation
import JobBridge

/// How a ``SimulatorRouter`` writes the error answers it makes itself: an unknown path
/// (`404`), a known path with another method (`405`), a handler that threw (`500`).
/// Handlers use it too (``SimulatorRouter/errorBody``), so that a simulator answers every
/// error in its provider's form.
public struct SimulatorErrorBody: Sendable {
    /// Makes the answer for a status, a code (such as `NOT_FOUND`) and a message.
    public let response: @Sendable (_ status: Int, _ code: String, _ message: String) -> SimulatorResponse

    /// Creates an error form from a function that makes the answer.
    public init(_ response: @escaping @Sendable (_ status: Int, _ code: String, _ message: String) -> SimulatorResponse)
    {
        self.response = response
    }

    /// CData's envelope `{"error":{"code":"…","message":"…"}}` (the default).
    public static let envelope = SimulatorErrorBody { status, code, message in
        .error(status, code: code, message: message)
    }

    /// RFC 9457 problem details with `Content-Type: application/problem+json`: the code as
    /// the `title`, the message as the `detail`, `type` `about:blank` (use
    /// ``problemDetails(typeBase:)`` for typed problems, as Airflow sends).
    public static let problemDetails = SimulatorErrorBody { status, code, message in
        .problem(status, title: code, detail: message)
    }

    /// RFC 9457 problem details whose `type` is `typeBase` followed by the code, such as
    /// `https://airflow.apache.org/docs/…/stable-rest-api-ref.html#section/Errors/NotFound`.
    public static func problemDetails(typeBase: String) -> SimulatorErrorBody {
        SimulatorErrorBody { status, code, message in
            .problem(status, type: typeBase + code, title: code, detail: message)
        }
    }
}

extension HTTPResponse {
    /// An RFC 9457 problem details answer (`application/problem+json`) with `type`, `title`,
    /// `status`, `detail` and, when given, `instance`.
    public static func problem(
        _ status: Int, type: String = "about:blank", title: String, detail: String, instance: String? = nil,
        headers: HTTPHeaders = [:]
    ) -> SimulatorResponse {
        var members: [String: JSONValue] = [
            "type": .string(type), "title": .string(title), "status": .int(Int64(status)), "detail": .string(detail),
        ]
        if let instance { members["instance"] = .string(instance) }
        var response = json(status, .object(members), headers: headers)
        response.headers["Content-Type"] = "application/problem+json"
        return response
    }
}
