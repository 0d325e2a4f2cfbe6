import Foundation
import JobBridge

/// The PostgreSQL connection string of the account's cache connection, kept as a
/// ``Secret`` because it carries the password.
///
/// Build it from its parts, or wrap a string the app already has:
/// ```swift
/// let string = ConnectCacheConnectionString(server: "db.example.com", user: "cache", password: secret, database: "cache")
/// ```
public struct ConnectCacheConnectionString: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    /// The whole string, e.g. `jdbc:cdata:postgresql:Server=…;Port=5432;User=…;Password=…;Database=…;`.
    public let value: Secret

    /// Wraps a connection string.
    public init(_ value: Secret) { self.value = value }

    /// Builds the string in the documents' form,
    /// `jdbc:cdata:postgresql:Server=<server>;Port=<port>;User=<user>;Password=<password>;Database=<database>;`.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` naming the part that is empty or
    ///   holds a `;` (which would end the part early).
    public init(server: String, port: Int = 5432, user: String, password: Secret, database: String) throws {
        let parts: [(String, String, String)] = [
            ("Server", server, "server"), ("User", user, "user"), ("Password", password.revealed, "password"),
            ("Database", database, "database"),
        ]
        for (label, text, field) in parts {
            if text.isEmpty {
                throw JobBridgeError(
                    .invalidDefinition, "the cache connection's \(label) is empty",
                    provider: ConnectClient.providerName,
                    field: field)
            }
            if text.contains(";") {
                throw JobBridgeError(
                    .invalidDefinition, "the cache connection's \(label) must not contain ';'",
                    provider: ConnectClient.providerName, field: field)
            }
        }
        guard (1...65_535).contains(port) else {
            throw JobBridgeError(
                .invalidDefinition, "the cache connection's port must be 1–65535; got \(port)",
                provider: ConnectClient.providerName, field: "port")
        }
        value = Secret(
            "jdbc:cdata:postgresql:Server=\(server);Port=\(port);User=\(user);Password=\(password.revealed);Database=\(database);"
        )
    }

    /// Never the string: it holds a password.
    public var description: String { "ConnectCacheConnectionString(\(Redactor.placeholder))" }
    /// No children, so that `dump` shows nothing of the string.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// The body of `POST /job/cacheConnection`: `{"connectionString": "…"}`.
struct CacheConnectionRequest: Encodable {
    let connectionString: ConnectCacheConnectionString

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(connectionString.value.revealed, forKey: .connectionString)
    }

    private enum CodingKeys: String, CodingKey { case connectionString }
}

/// The account's cache connection as `POST /job/cacheConnection` answers it
/// (`{"connection":{…}}`). Its connection string (which echoes the password) is a
/// ``Secret``; no description shows it.
public struct ConnectCacheConnection: Hashable, Sendable, Decodable, CustomStringConvertible, CustomReflectable {
    /// `id`.
    public var id: String
    /// `name`, such as `CacheConnection`.
    public var name: String?
    /// `accountId`.
    public var accountID: String?
    /// `connectionString`, as the provider echoes it (with the password).
    public var connectionString: Secret?
    /// `connectionType`.
    public var connectionType: Int?
    /// `created`.
    public var created: Date?
    /// `lastModified`.
    public var lastModified: Date?
    /// `driver`, such as `PostgreSQL`.
    public var driver: String?
    /// `driverVersion`.
    public var driverVersion: String?
    /// `isTested`.
    public var isTested: Bool?
    /// `walletFilePresent`.
    public var walletFilePresent: Bool?
    /// `isCannedConnection`.
    public var isCannedConnection: Bool?
    /// Members beyond the documented ones (secret-named ones redacted in descriptions).
    public var additional: [String: JSONValue]

    /// The members this type reads; every other is kept in ``additional``.
    static let knownKeys: Set<String> = [
        "id", "name", "accountId", "connectionString", "connectionType", "created", "lastModified", "driver",
        "driverVersion", "isTested", "walletFilePresent", "isCannedConnection",
    ]

    /// Decodes a connection.
    public init(from decoder: any Decoder) throws {
        let wire = try WireObject(from: decoder, what: "a cache connection")
        id = try wire.requiredString("id")
        name = try wire.string("name")
        accountID = try wire.string("accountId")
        connectionString = try wire.string("connectionString").map { Secret($0) }
        connectionType = try wire.int("connectionType")
        created = try wire.date("created", parse: ConnectDate.parse)
        lastModified = try wire.date("lastModified", parse: ConnectDate.parse)
        driver = try wire.string("driver")
        driverVersion = try wire.string("driverVersion")
        isTested = try wire.bool("isTested")
        walletFilePresent = try wire.bool("walletFilePresent")
        isCannedConnection = try wire.bool("isCannedConnection")
        additional = wire.unknownMembers(known: Self.knownKeys)
    }

    /// The connection as a ``ConnectionRef`` (the destination of every caching job).
    public var reference: ConnectionRef { ConnectionRef(id: ConnectionID(id), name: name) }

    /// The id, name and driver; never the connection string.
    public var description: String {
        "ConnectCacheConnection(id: \(id), name: \(name ?? "nil"), driver: \(driver ?? "nil"), connectionString: \(Redactor.placeholder))"
    }
    /// The fields that are not secret.
    public var customMirror: Mirror {
        let children: KeyValuePairs<String, Any> = [
            "id": id, "name": name as Any, "driver": driver as Any, "isTested": isTested as Any,
        ]
        return Mirror(self, children: children, displayStyle: .struct)
    }
}

/// `{"connection": {…}}`.
struct CacheConnectionAnswer: Decodable {
    let connection: ConnectCacheConnection
}
