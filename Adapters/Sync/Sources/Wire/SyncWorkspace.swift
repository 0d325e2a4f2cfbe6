import Foundation
import JobBridge

/// A Sync workspace: `GET /workspaces`, `GET /workspaces/{workspace_id}`.
public struct SyncWorkspace: Hashable, Sendable, Identifiable {
    /// `id`.
    public var id: String
    /// `name`.
    public var name: String?
    /// The whole JSON object, as it came.
    public var raw: JSONValue
}

/// A Sync connection: `GET /workspaces/{workspace_id}/connections`, `GET /connections/{id}`.
public struct SyncConnection: Hashable, Sendable, Identifiable {
    /// `id`.
    public var id: String
    /// `name`.
    public var name: String?
    /// `workspace_id`, when the server says.
    public var workspaceID: String?
    /// The whole JSON object, as it came (it may hold the connection's settings; its
    /// description redacts secret-named members).
    public var raw: JSONValue
}

extension SyncWorkspace: Codable {
    /// Decodes a workspace.
    public init(from decoder: any Decoder) throws {
        let wire = try WireObject(from: decoder, what: "a workspace")
        let id = try wire.requiredID("id", "Id", "workspace_id")
        self.init(id: id, name: wire.text("name", "Name"), raw: wire.json)
    }

    /// Encodes ``raw``.
    public func encode(to encoder: any Encoder) throws { try raw.encode(to: encoder) }
}

extension SyncConnection: Codable {
    /// Decodes a connection.
    public init(from decoder: any Decoder) throws {
        let wire = try WireObject(from: decoder, what: "a connection")
        let id = try wire.requiredID("id", "Id", "connection_id")
        self.init(id: id, name: wire.text("name", "Name"), workspaceID: try wire.id("workspace_id"), raw: wire.json)
    }

    /// Encodes ``raw``.
    public func encode(to encoder: any Encoder) throws { try raw.encode(to: encoder) }
}
