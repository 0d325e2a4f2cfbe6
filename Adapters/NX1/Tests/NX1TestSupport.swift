import Foundation
import JobBridge
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeTesting
import Testing

/// A simulator, the transport in front of it, and a provider using OAuth 2 against it.
struct NX1Fixture {
    let clock: SimulatedClock
    let simulator: NX1Simulator
    let faults: FaultInjectingTransport
    let credentials: OAuth2ClientCredentials
    let client: NX1Client
    let provider: NX1Provider

    /// A fresh simulator. Requests (token requests included) pass through `faults`, which
    /// injects nothing until a test sets a plan.
    init(
        configuration: NX1Simulator.Configuration = NX1Simulator.Configuration(),
        clock: SimulatedClock = SimulatedClock(),
        retry: RetryPolicy = NX1Fixture.retry, credentials: (any Credentials)? = nil
    ) throws {
        self.clock = clock
        simulator = NX1Simulator(configuration: configuration, clock: clock)
        faults = FaultInjectingTransport(wrapping: simulator, clock: clock)
        self.credentials = try NX1Auth.clientCredentials(
            client: configuration.client, clientID: configuration.clientID,
            clientSecret: Secret(configuration.clientSecret), transport: faults, now: clock.dateSource)
        client = try NX1Client(
            client: configuration.client, credentials: credentials ?? self.credentials, transport: faults,
            retry: retry, clock: clock)
        provider = NX1Provider(client: client, now: clock.dateSource)
    }

    /// Retries with no random wait, on the simulated clock.
    static let retry = RetryPolicy(maxAttempts: 3, random: { $0.upperBound })

    /// Requests the simulator received with this method and path pattern.
    func count(_ method: HTTPMethod, _ pattern: String) -> Int { simulator.router.count(method, pattern) }
}

enum NX1Test {

    /// A JSON value from a literal document known to be valid.
    static func json(_ text: String) throws -> JSONValue {
        try JSONValue(data: Data(text.utf8))
    }

    /// Decodes a wire job from text.
    static func job(_ text: String) throws -> NX1Job {
        try JSONDecoder().decode(NX1Job.self, from: Data(text.utf8))
    }

    /// A date from an ISO 8601 literal known to be valid.
    static func date(_ text: String) throws -> Date {
        try #require(NX1Date.parse(text))
    }
}
