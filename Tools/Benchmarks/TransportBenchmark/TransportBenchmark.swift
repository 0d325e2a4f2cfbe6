import Foundation
import JobBridge
import JobBridgeHTTPClient
import JobBridgeSimulation
import JobBridgeSimulatorServer
import JobBridgeSync
import JobBridgeSyncSimulator

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One run of the benchmark: a served Sync simulator with a listing of `jobCount` jobs,
/// then every measurement in turn.
struct TransportBenchmark {
    static let token = "bench-token"
    static let workspace = "bench"

    let requests: Int
    let jobCount: Int
    let slowSeconds: Int
    let timeoutSeconds: Int

    func run() async throws -> Report {
        let clock = SimulatedClock(startDate: Date())
        let simulator = SyncSimulator(
            configuration: .init(token: Self.token, pageSize: max(100, jobCount)), now: clock.dateSource)
        await simulator.addWorkspace(id: Self.workspace, name: "Bench")
        await simulator.addConnection(id: "c-sf", name: "Salesforce", workspace: Self.workspace)
        await simulator.addConnection(id: "c-sn", name: "Snowflake", workspace: Self.workspace)
        for number in 0..<jobCount {
            await simulator.seedJob(
                [
                    "name": .string("Job \(number)"), "type": "Standard", "source_connection_id": "c-sf",
                    "destination_connection_id": "c-sn", "schedule": ["enabled": true, "cron": "0 */6 * * ?"],
                    "verbosity": 2, "queries": [.string("REPLICATE [Table\(number)] SELECT * FROM [Table\(number)]")],
                ], workspace: Self.workspace)
        }
        let server = try await SimulatorServer.start(
            .init(services: SimulatedServices(sync: simulator, clock: clock, syncWorkspace: Self.workspace)))
        defer { Task { await server.stop() } }
        let base = try endpoint(server)
        let small = base.appendingPathComponent("workspaces")
        let listing = base.appendingPathComponent("workspaces").appendingPathComponent(Self.workspace)
            .appendingPathComponent("jobs")
        let transports: [(String, any HTTPTransport)] = [
            ("asynchttpclient", AsyncHTTPClientTransport.shared), ("urlsession", URLSessionTransport()),
        ]
        var report = Report(
            requests: requests, jobCount: jobCount, slowSeconds: slowSeconds, timeoutSeconds: timeoutSeconds)

        for (name, transport) in transports {
            report.perRequest[name] = try await perRequest(transport, small)
        }
        report.perRequest["curl"] = curlLoop(small)

        // Waiting is measured on a fresh connection of a fresh client each time: a reused
        // URLSession connection waits quietly, a new one spins (issue #13's figures).
        let slow = server.rootURL.appendingPathComponent("_simulator/delay/\(slowSeconds * 1000)")
        for name in ["asynchttpclient", "urlsession"] {
            report.slowAnswer[name] = try await waiting(name, slow, timeout: .seconds(slowSeconds + 30))
        }
        report.slowAnswer["curl"] = curlWait(slow)

        if let listener = SilentListener(), let hung = URL(string: "http://127.0.0.1:\(listener.port)/api.rsc/v2/jobs")
        {
            for name in ["asynchttpclient", "urlsession"] {
                report.timedOut[name] = try await waiting(name, hung, timeout: .seconds(timeoutSeconds))
            }
            withExtendedLifetime(listener) {}
        }

        let iterations = max(20, min(requests, 300))
        for (name, transport) in transports {
            report.getAndDecode["jobbridge_\(name)"] = try await libraryListing(base, transport, iterations)
        }
        report.getAndDecode["urlsession_jsonserialization"] = try await plainListing(listing, iterations)
        report.getAndDecode["python_requests_json"] = pythonListing(listing, iterations)
        return report
    }

    private func endpoint(_ server: SimulatorServer) throws -> URL {
        guard let endpoint = server.endpoints.endpoint(.sync) else {
            throw JobBridgeError(.configuration, "the server does not serve Sync")
        }
        return endpoint.baseURL
    }

    private func request(_ url: URL, timeout: Duration? = nil) -> HTTPRequest {
        HTTPRequest(
            method: .get, url: url, headers: ["x-cdata-authtoken": Self.token, "Accept": "application/json"],
            timeout: timeout)
    }

    /// Median milliseconds per small `GET`, after a warm-up, and CPU milliseconds per request.
    private func perRequest(_ transport: any HTTPTransport, _ url: URL) async throws -> Report.PerRequest {
        let request = request(url)
        for _ in 0..<20 { _ = try await transport.send(request) }
        var times: [Double] = []
        times.reserveCapacity(requests)
        let cpu = Measure.cpuSeconds()
        for _ in 0..<requests {
            let start = Measure.now()
            _ = try await transport.send(request)
            times.append(Measure.now() - start)
        }
        let used = Measure.cpuSeconds() - cpu
        return .init(
            medianMilliseconds: Measure.median(times) * 1000,
            cpuMillisecondsPerRequest: used * 1000 / Double(max(1, requests)))
    }

    /// One curl process fetching the URL `requests` times on one kept-alive connection.
    private func curlLoop(_ url: URL) -> Report.PerRequest? {
        let config = (0..<requests).map { _ in "url = \"\(url.absoluteString)\"" }.joined(separator: "\n")
        let cpu = Measure.cpuSeconds(children: true)
        let start = Measure.now()
        guard
            Measure.run(["curl", "-s", "-H", "x-cdata-authtoken: \(Self.token)", "-K", "-"], input: config) != nil
        else { return nil }
        let wall = Measure.now() - start
        let used = Measure.cpuSeconds(children: true) - cpu
        let count = Double(max(1, requests))
        return .init(medianMilliseconds: wall * 1000 / count, cpuMillisecondsPerRequest: used * 1000 / count)
    }

    /// Wall and CPU seconds of one request that waits on a slow (or never-coming) answer,
    /// sent by a new client of the named kind on a new connection.
    private func waiting(_ name: String, _ url: URL, timeout: Duration) async throws -> Report.Waiting {
        let fresh = name == "urlsession" ? nil : AsyncHTTPClientTransport(configuration: .init())
        let transport: any HTTPTransport =
            fresh ?? URLSessionTransport(session: URLSessionTransport.makeSession(configuration: .ephemeral))
        let cpu = Measure.cpuSeconds()
        let start = Measure.now()
        var completed = true
        do {
            _ = try await transport.send(request(url, timeout: timeout))
        } catch {
            completed = false
        }
        let result = Report.Waiting(
            wallSeconds: Measure.now() - start, cpuSeconds: Measure.cpuSeconds() - cpu, answered: completed)
        try await fresh?.shutdown()
        return result
    }

    private func curlWait(_ url: URL) -> Report.Waiting? {
        let cpu = Measure.cpuSeconds(children: true)
        let start = Measure.now()
        guard Measure.run(["curl", "-s", url.absoluteString]) != nil else { return nil }
        return .init(
            wallSeconds: Measure.now() - start, cpuSeconds: Measure.cpuSeconds(children: true) - cpu, answered: true)
    }

    /// The library's listing: GET, decode, map to `Job`.
    private func libraryListing(_ base: URL, _ transport: any HTTPTransport, _ iterations: Int) async throws -> Double {
        let client = try SyncClient(
            baseURL: base, credentials: SyncClient.tokenCredentials(Secret(Self.token)), transport: transport)
        let provider = SyncProvider(client: client, workspaceID: Self.workspace)
        for _ in 0..<10 { _ = try await provider.jobs().collect() }
        var times: [Double] = []
        for _ in 0..<iterations {
            let start = Measure.now()
            let jobs = try await provider.jobs().collect()
            times.append(Measure.now() - start)
            guard jobs.count == jobCount else { throw JobBridgeError(.badResponse, "the listing lost jobs") }
        }
        return Measure.median(times) * 1000
    }

    /// Plain URLSession and JSONSerialization of the same listing.
    private func plainListing(_ url: URL, _ iterations: Int) async throws -> Double {
        let transport = URLSessionTransport()
        let request = request(url)
        var times: [Double] = []
        for index in 0..<(iterations + 10) {
            let start = Measure.now()
            let answer = try await transport.send(request)
            let object = try JSONSerialization.jsonObject(with: answer.body)
            if index >= 10 { times.append(Measure.now() - start) }
            guard (object as? [String: Any])?["value"] != nil else {
                throw JobBridgeError(.badResponse, "the listing has no value")
            }
        }
        return Measure.median(times) * 1000
    }

    /// Python's `requests.Session` and `json.loads` of the same listing, when available.
    private func pythonListing(_ url: URL, _ iterations: Int) -> Double? {
        let script = """
            import json, sys, time
            import requests
            url, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
            session = requests.Session()
            session.headers.update({"x-cdata-authtoken": token, "Accept": "application/json"})
            times = []
            for i in range(n + 10):
                start = time.perf_counter()
                value = json.loads(session.get(url).content)
                if i >= 10:
                    times.append(time.perf_counter() - start)
            times.sort()
            middle = len(times) // 2
            print((times[middle] if len(times) % 2 else (times[middle - 1] + times[middle]) / 2) * 1000)
            """
        guard
            let output = Measure.run(
                ["python3", "-c", script, url.absoluteString, Self.token, String(iterations)])
        else { return nil }
        return Double(output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
