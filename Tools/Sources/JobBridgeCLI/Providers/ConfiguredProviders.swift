import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeNX1
import JobBridgeSync

/// Builds the providers of a configuration file: each adapter's client on a real
/// transport, with the secrets its references point to.
enum ConfiguredProviders {
    /// The providers of `configuration`, with their credentials read now.
    ///
    /// - Throws: ``JobBridgeError`` (`configuration`) naming a missing environment
    ///   variable or unreadable file, or a URL the client refuses.
    static func make(
        _ configuration: ToolConfiguration, context: ToolContext, transport: any HTTPTransport,
        observers: [any HTTPObserver]
    ) throws -> ProviderSet {
        let entries = try configuration.providers.map { provider in
            try make(provider, file: configuration.path, context: context, transport: transport, observers: observers)
        }
        return ProviderSet(
            entries: entries, clock: ContinuousClock(), now: { Date() }, origin: configuration.path)
    }

    private static func make(
        _ configuration: ProviderConfiguration, file: String, context: ToolContext, transport: any HTTPTransport,
        observers: [any HTTPObserver]
    ) throws -> ProviderEntry {
        let credentials = CredentialResolver(configuration: configuration, context: context, file: file)
        let insecure = configuration.settings["allow_insecure_http"] == "true"
        let transport = insecure ? Transports.insecure : transport
        let zone = configuration.timeZone ?? .gmt
        let provider: any JobProvider
        do {
            switch configuration.kind {
            case .sync:
                guard let baseURL = configuration.baseURL, let token = try credentials.secret("token") else {
                    throw missing(configuration, "base_url and token_env or token_file")
                }
                let auth: any Credentials =
                    configuration.settings["auth"] == "basic"
                    ? SyncClient.basicCredentials(user: configuration.settings["user"] ?? "jobbridge", token: token)
                    : SyncClient.tokenCredentials(token)
                provider = SyncProvider(
                    client: try SyncClient(
                        baseURL: baseURL, credentials: auth, transport: transport, serverTimeZone: zone,
                        observers: observers, allowsInsecureHTTP: insecure, requestTimeout: configuration.timeout),
                    workspaceID: configuration.workspace ?? "default", name: configuration.name)
            case .connect:
                guard let token = try credentials.secret("token") else {
                    throw missing(configuration, "token_env or token_file")
                }
                let cache = configuration.settings["cache_connection"].map {
                    ConnectionRef(id: ConnectionID($0), name: "CacheConnection")
                }
                provider = ConnectProvider(
                    client: try ConnectClient(
                        baseURL: configuration.baseURL ?? ConnectClient.defaultBaseURL, transport: transport,
                        observers: observers, requestTimeout: configuration.timeout,
                        tokenProvider: { AccessToken(token: token) }),
                    name: configuration.name, cacheConnection: cache)
            case .nx1:
                provider = NX1Provider(
                    client: try nx1Client(
                        configuration, credentials: credentials, transport: transport, observers: observers,
                        insecure: insecure),
                    name: configuration.name)
            }
        } catch var error as JobBridgeError where error.code == .configuration {
            if error.provider == nil { error.provider = configuration.name }
            throw error
        }
        return ProviderEntry(handle: configuration.handle, kind: configuration.kind, provider: provider, timeZone: zone)
    }

    private static func nx1Client(
        _ configuration: ProviderConfiguration, credentials: CredentialResolver, transport: any HTTPTransport,
        observers: [any HTTPObserver], insecure: Bool
    ) throws -> NX1Client {
        let auth: any Credentials
        if let secret = try credentials.secret("client_secret") {
            let clientID = configuration.settings["client_id"] ?? ""
            if let tokenURLText = configuration.settings["token_url"], let tokenURL = URL(string: tokenURLText) {
                auth = try OAuth2ClientCredentials(
                    tokenURL: tokenURL, clientID: clientID, clientSecret: secret, scope: NX1Auth.scope,
                    transport: transport, allowsInsecureHTTP: insecure, requestTimeout: configuration.timeout)
            } else {
                auth = try NX1Auth.clientCredentials(
                    client: configuration.settings["client"] ?? "", clientID: clientID, clientSecret: secret,
                    transport: transport, requestTimeout: configuration.timeout)
            }
        } else if let key = try credentials.secret("psk") {
            auth = NX1Auth.preSharedKey(key)
        } else {
            throw missing(configuration, "client_secret_env, client_secret_file, psk_env or psk_file")
        }
        if let baseURL = configuration.baseURL {
            return try NX1Client(
                baseURL: baseURL, credentials: auth, transport: transport, observers: observers,
                allowsInsecureHTTP: insecure, requestTimeout: configuration.timeout)
        }
        return try NX1Client(
            client: configuration.settings["client"] ?? "", credentials: auth, transport: transport,
            observers: observers, requestTimeout: configuration.timeout)
    }

    private static func missing(_ configuration: ProviderConfiguration, _ what: String) -> JobBridgeError {
        JobBridgeError(
            .configuration, "provider '\(configuration.handle)' needs \(what)", provider: configuration.name,
            field: "providers.\(configuration.handle)")
    }
}
