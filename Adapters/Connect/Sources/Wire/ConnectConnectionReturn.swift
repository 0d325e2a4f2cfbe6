import Foundation
import JobBridge

/// What the hosted add-connection page reports when it sends the user back to the app's
/// `redirectURL`: the `cdata_connection_id`, `cdata_connection_name` and
/// `cdata_connection_status` query parameters, among any others (which are ignored).
///
/// ```swift
/// let result = try ConnectConnectionReturn(url: incomingURL)
/// if case .success(let id, let name) = result.outcome { … }
/// ```
public struct ConnectConnectionReturn: Hashable, Sendable {
    /// How the hosted flow ended.
    public enum Outcome: Hashable, Sendable {
        /// `success`: the connection was saved and tested.
        case success(id: ConnectionID, name: String?)
        /// `error`: the connection was saved, but its test failed.
        case error(id: ConnectionID, name: String?)
        /// `none`: the user went back without saving; there is no connection.
        case none
        /// A status the documents do not list, kept with whatever id and name came.
        case other(status: String, id: ConnectionID?, name: String?)
    }

    /// How the flow ended.
    public var outcome: Outcome

    /// The connection's id, when the flow made one.
    public var connectionID: ConnectionID? {
        switch outcome {
        case .success(let id, _), .error(let id, _): return id
        case .none: return nil
        case .other(_, let id, _): return id
        }
    }

    /// Reads the return URL.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` naming the parameter (`field`) when
    ///   `cdata_connection_status` is missing or empty, or when a `success` or `error`
    ///   return has no `cdata_connection_id`.
    public init(url: URL) throws {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw Self.failure("the return URL cannot be read", field: "url")
        }
        let items = components.queryItems ?? []
        func value(_ name: String) -> String? {
            guard let text = items.first(where: { $0.name == name })?.value, !text.isEmpty else { return nil }
            return text
        }
        guard let status = value(Self.statusParameter) else {
            throw Self.failure(
                "the return URL has no \(Self.statusParameter) parameter (it is not a return from the connection page)",
                field: Self.statusParameter)
        }
        let id = value(Self.idParameter).map(ConnectionID.init(rawValue:))
        let name = value(Self.nameParameter)
        switch status.lowercased() {
        case "success", "error":
            guard let id else {
                throw Self.failure(
                    "the return URL says \(status) but has no \(Self.idParameter)", field: Self.idParameter)
            }
            outcome = status.lowercased() == "success" ? .success(id: id, name: name) : .error(id: id, name: name)
        case "none":
            outcome = .none
        default:
            outcome = .other(status: status, id: id, name: name)
        }
    }

    /// `cdata_connection_id`.
    public static let idParameter = "cdata_connection_id"
    /// `cdata_connection_name`.
    public static let nameParameter = "cdata_connection_name"
    /// `cdata_connection_status`.
    public static let statusParameter = "cdata_connection_status"

    private static func failure(_ message: String, field: String) -> JobBridgeError {
        JobBridgeError(.badResponse, message, provider: ConnectClient.providerName, field: field)
    }
}
