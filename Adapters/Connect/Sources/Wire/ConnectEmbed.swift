import Foundation
import JobBridge

/// The body of the two hosted forms that take `{redirectURL, name?, editableName?}`:
/// `POST /job/cacheConnection/formLink` and `POST /poweredby/connection/edit/{connectionId}`.
public struct ConnectHostedFormRequest: Hashable, Sendable, Codable {
    /// `redirectURL`: where the hosted form's "Return to" button sends the user.
    public var redirectURL: String
    /// `name`: the cache connection's name.
    public var name: String?
    /// `editableName`: whether the user may change the name.
    public var editableName: Bool?

    /// Creates a request.
    public init(redirectURL: String, name: String? = nil, editableName: Bool? = nil) {
        self.redirectURL = redirectURL
        self.name = name
        self.editableName = editableName
    }
}

/// The body of `POST /poweredby/connection/create`:
/// `{redirectURL, dataSource?, name?, externalId?, editableName?}`.
public struct ConnectEmbedCreateConnectionRequest: Hashable, Sendable, Codable {
    /// `redirectURL`: where the hosted page's "Return to" button sends the user, with the
    /// `cdata_connection_*` parameters appended (see ``ConnectConnectionReturn``).
    public var redirectURL: String
    /// `dataSource`, such as `Salesforce`; without it the user picks one.
    public var dataSource: String?
    /// `name`; the provider ignores it without a `dataSource`.
    public var name: String?
    /// `externalId`: the app's own id for the connection, to filter the list by.
    public var externalID: String?
    /// `editableName`: whether the user may change the name.
    public var editableName: Bool?

    /// Creates a request.
    public init(
        redirectURL: String, dataSource: String? = nil, name: String? = nil, externalID: String? = nil,
        editableName: Bool? = nil
    ) {
        self.redirectURL = redirectURL
        self.dataSource = dataSource
        self.name = name
        self.externalID = externalID
        self.editableName = editableName
    }

    private enum CodingKeys: String, CodingKey {
        case redirectURL, dataSource, name, externalID = "externalId", editableName
    }
}

/// The body of `POST /job/cacheConnection/formLink`.
public typealias ConnectCacheConnectionFormRequest = ConnectHostedFormRequest

/// The body of `POST /poweredby/connection/edit/{connectionId}`.
public typealias ConnectEmbedEditConnectionRequest = ConnectHostedFormRequest

/// One entry of `GET /poweredby/connection/list`.
public struct ConnectEmbedConnection: Hashable, Sendable, Decodable {
    /// `id`.
    public var id: String
    /// `name`.
    public var name: String?
    /// `dataSource`, such as `Salesforce`.
    public var dataSource: String?
    /// `lastModified`.
    public var lastModified: Date?
    /// `externalId`.
    public var externalID: String?
    /// `mcpUrl`.
    public var mcpURL: String?
    /// `status`; unknown values kept.
    public var status: ConnectEmbedConnectionStatus?

    /// Decodes a connection.
    public init(from decoder: any Decoder) throws {
        let wire = try WireObject(from: decoder, what: "a connection")
        id = try wire.requiredString("id")
        name = try wire.string("name")
        dataSource = try wire.string("dataSource")
        lastModified = try wire.date("lastModified", parse: ConnectDate.parse)
        externalID = try wire.string("externalId")
        mcpURL = try wire.string("mcpUrl")
        status = try wire.string("status").map(ConnectEmbedConnectionStatus.init(rawValue:))
    }

    /// The connection as a ``ConnectionRef`` (what a caching job's source names).
    public var reference: ConnectionRef { ConnectionRef(id: ConnectionID(id), name: name) }
}

/// `{"connections":[…]}` (`null` read as empty).
struct ConnectEmbedConnectionList: Decodable {
    let connections: [ConnectEmbedConnection]

    private enum CodingKeys: String, CodingKey { case connections }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        connections = try container.decodeIfPresent([ConnectEmbedConnection].self, forKey: .connections) ?? []
    }
}

/// `{"dataSources":[{"dataSource":"…"}]}` (`null` read as empty).
struct EmbedDataSourceList: Decodable {
    struct Entry: Decodable { let dataSource: String }
    let dataSources: [Entry]

    private enum CodingKeys: String, CodingKey { case dataSources }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dataSources = try container.decodeIfPresent([Entry].self, forKey: .dataSources) ?? []
    }
}
