import Foundation
import JobBridge

/// The simulator's state: jobs and their runs, connections, the cache connection and the
/// hosted-page flows, all as raw JSON members, on the simulated clock.
actor SimulatorState {
    /// One job: its stored members (numbers and Booleans normalized) and its latest run.
    struct JobRecord {
        var members: [String: JSONValue]
        var run: RunRecord?
    }

    /// A run: when it was queued, how it will end, and whether it was stopped.
    struct RunRecord {
        var queuedAt: Date
        var outcome: String
        var rows: Int64
        var stoppedAt: Date?
    }

    /// A hosted-page flow begun by an Embed or form-link request.
    struct Flow {
        var kind: String
        var redirectURL: String
        var dataSource: String?
        var name: String?
        var externalID: String?
        var connectionID: String?
        var issuedAt: Date
    }

    let now: @Sendable () -> Date
    private(set) var tokens: Set<String>
    var jobs: [String: JobRecord] = [:]
    var jobOrder: [String] = []
    var connections: [String: [String: JSONValue]] = [:]
    var connectionOrder: [String] = []
    var cacheConnection: [String: JSONValue]?
    var flows: [String: Flow] = [:]
    /// The outcome of the next runs (Chosen: every run succeeds unless a test says otherwise).
    var nextOutcome = "JOB_SUCCEEDED"
    var dataSources = ["ExcelOnline", "MailChimp", "OData", "PostgreSQL", "Salesforce", "Snowflake"]
    var counter = 0

    init(now: @escaping @Sendable () -> Date, tokens: Set<String>) {
        self.now = now
        self.tokens = tokens
    }

    func setTokens(_ tokens: Set<String>) { self.tokens = tokens }
    func accepts(_ token: String) -> Bool { tokens.contains(token) }

    /// A fresh id shaped like the provider's UUIDs, deterministic.
    func makeID() -> String {
        counter += 1
        let hex = String(counter, radix: 16)
        let tail = String(repeating: "0", count: max(0, 12 - hex.count)) + hex
        return "5e1a0000-0000-4000-8000-" + tail
    }

    /// An opaque token for a hosted page (Chosen: not a real JWT; the client must treat it
    /// as opaque anyway). It is shaped like one so that redaction is exercised.
    func makeFlowToken() -> String {
        counter += 1
        let payload = Data("{\"flow\":\(counter),\"iss\":\"cdata.connect.accountservice\"}".utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
        return "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ltdWxhdGVk"
    }

    // MARK: Jobs

    func insert(_ record: JobRecord, id: String) {
        if jobs[id] == nil { jobOrder.append(id) }
        jobs[id] = record
    }

    func remove(_ id: String) -> Bool {
        guard jobs.removeValue(forKey: id) != nil else { return false }
        jobOrder.removeAll { $0 == id }
        return true
    }

    func record(_ id: String) -> JobRecord? { jobs[id] }

    func setRun(_ run: RunRecord?, of id: String) { jobs[id]?.run = run }

    func renderAll() -> [JSONValue] {
        jobOrder.compactMap { id in jobs[id].map { SimulatedJobs.render($0, now: now()) } }
    }

    func render(_ id: String) -> JSONValue? {
        jobs[id].map { SimulatedJobs.render($0, now: now()) }
    }

    // MARK: Embed

    func insertConnection(_ members: [String: JSONValue]) {
        guard let id = members["id"]?.stringValue else { return }
        if connections[id] == nil { connectionOrder.append(id) }
        connections[id] = members
    }

    func removeConnection(_ id: String) -> Bool {
        guard connections.removeValue(forKey: id) != nil else { return false }
        connectionOrder.removeAll { $0 == id }
        return true
    }

    func setCacheConnection(_ members: [String: JSONValue]) { cacheConnection = members }

    func begin(_ flow: Flow) -> String {
        let token = makeFlowToken()
        flows[token] = flow
        return token
    }

    func flow(_ token: String) -> Flow? { flows[token] }

    func endFlow(_ token: String) { flows.removeValue(forKey: token) }

    func setNextOutcome(_ outcome: String) { nextOutcome = outcome }
}
