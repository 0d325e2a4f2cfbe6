import Foundation
import JobBridge
import Testing

@testable import JobBridgeCLI

/// The configuration file: secrets only by reference, refused inline with the line that
/// holds them; missing references named; unknown keys refused with their line.
@Suite struct ConfigurationTests {
    static let valid = """
        # Two providers.
        [providers.sync]
        kind = "sync"
        name = "Sync (production)"
        base_url = "https://sync.example.com:8181/api.rsc/v2"
        time_zone = "America/New_York"
        timeout = 20
        token_env = "SYNC_TOKEN"

        [providers.nx1]
        kind = "nx1"
        client = "acme"
        client_id = "jobs-bot"
        client_secret_file = "nx1-secret"
        """

    @Test func aValidFileReadsEveryProviderWithReferencesOnly() throws {
        let configuration = try ToolConfiguration.parse(Self.valid, path: "jobbridge.toml")
        #expect(configuration.providers.map(\.handle) == ["sync", "nx1"])
        let sync = try #require(configuration.providers.first)
        #expect(sync.name == "Sync (production)")
        #expect(sync.timeZone?.identifier == "America/New_York")
        #expect(sync.timeout == .seconds(20))
        #expect(sync.credentials["token"] == .environment("SYNC_TOKEN"))
        #expect(configuration.providers[1].credentials["client_secret"] == .file("nx1-secret"))
    }

    @Test(arguments: [
        ("token = \"abc123\"", "'token' holds a secret inline"),
        ("client_secret = \"s3cr3t\"", "'client_secret' holds a secret inline"),
        ("password = \"hunter2\"", "'password' holds a secret inline"),
        ("api_key = \"k-123\"", "'api_key' holds a secret inline"),
    ])
    func aSecretInlineIsRefusedWithItsLine(line: String, message: String) throws {
        let text = """
            [providers.sync]
            kind = "sync"
            base_url = "https://sync.example.com/api.rsc/v2"
            \(line)
            """
        let error = try #require(throws: JobBridgeError.self) { try ToolConfiguration.parse(text, path: "jb.toml") }
        #expect(error.code == .configuration)
        #expect(error.message.hasPrefix("jb.toml:4: "), "\(error.message)")
        #expect(error.message.contains(message))
        // The secret itself is never repeated.
        for secret in ["abc123", "s3cr3t", "hunter2", "k-123"] { #expect(!error.description.contains(secret)) }
    }

    @Test func aSecretInAnInlineTableIsRefusedWithItsLine() throws {
        let text = """
            [providers]
            # the token below must not be accepted
            sync = { kind = "sync", base_url = "https://s.example.com", token = "abc123" }
            """
        let error = try #require(throws: JobBridgeError.self) { try ToolConfiguration.parse(text, path: "jb.toml") }
        #expect(error.message.hasPrefix("jb.toml:3: 'token' holds a secret inline"), "\(error.message)")
        #expect(!error.description.contains("abc123"))
    }

    @Test func aURLWithAPasswordIsRefusedWithItsLine() throws {
        let text = """
            [providers.sync]
            kind = "sync"

            base_url = "https://admin:hunter2@sync.example.com/api.rsc/v2"
            token_env = "T"
            """
        let error = try #require(throws: JobBridgeError.self) { try ToolConfiguration.parse(text, path: "jb.toml") }
        #expect(error.message.hasPrefix("jb.toml:4: 'base_url' holds a secret inline"), "\(error.message)")
        #expect(!error.description.contains("hunter2"))
    }

    @Test func anUnknownKeyIsRefusedWithItsLine() throws {
        let text = """
            [providers.sync]
            kind = "sync"
            base_url = "https://sync.example.com/api.rsc/v2"
            token_env = "T"
            timezone = "UTC"
            """
        let error = try #require(throws: JobBridgeError.self) { try ToolConfiguration.parse(text, path: "jb.toml") }
        #expect(error.message.hasPrefix("jb.toml:5: unknown key 'timezone'"), "\(error.message)")
    }

    @Test func aMissingReferenceAndBadValuesAreNamed() throws {
        let noToken = """
            [providers.sync]
            kind = "sync"
            base_url = "https://sync.example.com/api.rsc/v2"
            """
        let missing = try #require(throws: JobBridgeError.self) {
            try ToolConfiguration.parse(noToken, path: "jb.toml")
        }
        #expect(missing.message.contains("needs token_env or token_file"), "\(missing.message)")
        let badZone = noToken + "\ntoken_env = \"T\"\ntime_zone = \"Mars/Olympus\""
        let zone = try #require(throws: JobBridgeError.self) { try ToolConfiguration.parse(badZone, path: "jb.toml") }
        #expect(zone.message.hasPrefix("jb.toml:5: unknown time zone 'Mars/Olympus'"), "\(zone.message)")
        let both = noToken + "\ntoken_env = \"T\"\ntoken_file = \"t.txt\""
        let twice = try #require(throws: JobBridgeError.self) { try ToolConfiguration.parse(both, path: "jb.toml") }
        #expect(twice.message.contains("not both"), "\(twice.message)")
    }

    @Test func twoProvidersOfOneNameAreRefused() throws {
        let text = """
            [providers.a]
            kind = "connect"
            token_env = "A"
            name = "Connect"

            [providers.b]
            kind = "connect"
            name = "connect"
            token_env = "B"
            """
        let error = try #require(throws: JobBridgeError.self) { try ToolConfiguration.parse(text, path: "jb.toml") }
        #expect(error.message.hasPrefix("jb.toml:8: providers 'a' and 'b' have the same name"), "\(error.message)")
    }

    @Test func notTOMLIsRefusedWithItsLine() throws {
        let error = try #require(throws: JobBridgeError.self) {
            try ToolConfiguration.parse("[providers.sync]\nkind = \"sync\nx = 1\n", path: "jb.toml")
        }
        #expect(error.message.hasPrefix("jb.toml:2: not valid TOML"), "\(error.message)")
    }

    @Test func keyLinesFollowTablesDottedKeysAndMultilineStrings() {
        let lines = KeyLines(
            """
            [providers.a]
            note = \"\"\"
            token = "inside a string"
            \"\"\"
            token_env = "X"
            b.kind = "sync"
            """)
        #expect(lines.line(of: ["providers", "a"]) == 1)
        #expect(lines.line(of: ["providers", "a", "token_env"]) == 5)
        #expect(lines.line(of: ["providers", "a", "b", "kind"]) == 6)
        #expect(lines.line(of: ["providers", "a", "token"]) == nil)
    }

    @Test func aMissingEnvironmentVariableIsNamedAndNothingRuns() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("jobbridge.toml", Self.valid)
        let output = CapturedOutput()
        let errors = CapturedOutput()
        let context = ToolContext(
            environment: [:], standardOutput: output.sink, standardError: errors.sink, terminal: nil,
            workingDirectory: directory.url.path)
        let status = await JobBridgeTool.run(["jobs", "--config", path], context: context)
        #expect(status == .usage)
        #expect(errors.text.contains("the environment variable SYNC_TOKEN is not set"), "\(errors.text)")
        #expect(output.text.isEmpty)
    }

    @Test func onlyTheProvidersACommandUsesNeedTheirSecrets() async throws {
        let directory = try TemporaryDirectory()
        // nx1's secret file exists; sync's variable is not set: a command on nx1 alone works.
        try directory.write("nx1-secret", "simulator-secret\n")
        let path = try directory.write("jobbridge.toml", Self.valid)
        let errors = CapturedOutput()
        let context = ToolContext(
            environment: [:], standardOutput: CapturedOutput().sink, standardError: errors.sink, terminal: nil,
            workingDirectory: directory.url.path)
        let set = try await GlobalOptions.parse(["--config", path]).providers(in: context, needed: ["nx1"])
        #expect(set.entries.map(\.handle) == ["nx1"])
        let all = try GlobalOptions.parse(["--config", path])
        await #expect(throws: JobBridgeError.self) { try await all.providers(in: context) }
        let unknown = try #require(throws: ToolExit.self) {
            try ToolConfiguration.parse(Self.valid, path: "jobbridge.toml").providers(named: ["connect"])
        }
        #expect(unknown.status == .usage)
        #expect(unknown.message == "no provider named 'connect' in jobbridge.toml (there are: sync, nx1)")
    }

    @Test func aSecretFileIsReadAndAMissingOneIsNamed() throws {
        let directory = try TemporaryDirectory()
        try directory.write("nx1-secret", "from-a-file\n")
        let configuration = try ToolConfiguration.parse(Self.valid, path: "jobbridge.toml")
        let context = ToolContext(
            environment: [:], standardOutput: CapturedOutput().sink, standardError: CapturedOutput().sink,
            terminal: nil, workingDirectory: directory.url.path)
        let nx1 = configuration.providers[1]
        let secret = try CredentialResolver(configuration: nx1, context: context, file: "jobbridge.toml")
            .secret("client_secret")
        #expect(secret?.revealed == "from-a-file")
        let elsewhere = ToolContext(
            environment: [:], standardOutput: CapturedOutput().sink, standardError: CapturedOutput().sink,
            terminal: nil, workingDirectory: "/nonexistent")
        let error = try #require(throws: JobBridgeError.self) {
            try CredentialResolver(configuration: nx1, context: elsewhere, file: "jobbridge.toml").secret(
                "client_secret")
        }
        #expect(error.message.contains("cannot read the file /nonexistent/nx1-secret"), "\(error.message)")
    }
}
