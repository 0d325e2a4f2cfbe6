import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// The streamed plan file: one header line, one planned job per line; the same plan always
/// gives the same bytes, the planner can write it job by job, and every bad line is refused
/// naming the line.
@Suite struct PlanFileTests {
    /// 40 mixed Sync jobs planned to NX1 (whose targets carry the plan id in their free slot).
    static func planInputs() async throws -> (SyncSide, NX1Side) {
        let sync = try await SyncSide()
        await PlanDryRunTests.seedMixedSync(sync, count: 40)
        return (sync, try NX1Side())
    }

    @Test func aPlanWrittenByThePlannerIsTheInMemoryPlanByteForByteAndReadsBackEqual() async throws {
        let folder = try TemporaryFolder("planfile")
        defer { folder.remove() }
        let (sync, nx1) = try await Self.planInputs()
        let mapping = PlanDryRunTests.nx1Mapping()
        let plan = try await JobBridgeMigration.plan(from: sync.provider, to: nx1.provider, mapping: mapping)
        let streamed = try await JobBridgeMigration.plan(
            from: sync.provider, to: nx1.provider, mapping: mapping, writingTo: folder.file("streamed.plan"))
        let converted = try MigrationPlanFile.write(plan, to: folder.file("converted.plan"))
        let again = try await JobBridgeMigration.plan(
            from: sync.provider, to: nx1.provider, mapping: mapping, writingTo: folder.file("again.plan"))

        let bytes = try Data(contentsOf: streamed.url)
        #expect(bytes == (try Data(contentsOf: converted.url)), "the planner's file differs from the converted plan")
        #expect(bytes == (try Data(contentsOf: again.url)), "two plans from the same inputs differ")
        #expect(streamed.header.planID == plan.planID)
        #expect(streamed.header == MigrationPlanHeader(plan))
        #expect(try streamed.plan() == plan)
        // One header line and one line per job, each a canonical (sorted-key) JSON object.
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(lines.count == plan.jobs.count + 2 && lines.last?.isEmpty == true)
        let second = try CanonicalJSON.data(try CanonicalJSON.decoder().decode(PlannedJob.self, from: Data(lines[1])))
        #expect(second == Data(lines[1]))
        // The targets carry the real plan id, not a placeholder.
        let carried = plan.jobs.flatMap(\.targets).compactMap { $0.definition.settings["jobbridge"]?["planID"] }
        #expect(!carried.isEmpty && carried.allSatisfy { $0.stringValue == plan.planID })
        // The asynchronous sequence yields the same jobs, in order.
        var read: [PlannedJob] = []
        for try await job in streamed.jobs { read.append(job) }
        #expect(read == plan.jobs)
        // Told apart from a whole-JSON plan by its first bytes; spool files are gone.
        try plan.encoded().write(to: folder.file("whole.json"))
        #expect(MigrationPlanFile.isStreamed(at: streamed.url))
        #expect(!MigrationPlanFile.isStreamed(at: folder.file("whole.json")))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(left == ["again.plan", "converted.plan", "streamed.plan", "whole.json"])
    }

    /// A plan file of `count` hand-made jobs (more than one 64 KiB chunk for 150) and its lines.
    static func handFile(_ folder: TemporaryFolder, jobs count: Int = 150) async throws -> (MigrationPlan, URL) {
        let world = try await ExecutionWorld.make(jobs: count)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let url = folder.file("hand.plan")
        try MigrationPlanFile.write(plan, to: url)
        return (plan, url)
    }

    static func lines(_ url: URL) throws -> [Data] {
        try Data(contentsOf: url).split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
    }

    static func write(_ lines: [Data], to url: URL) throws {
        var data = Data()
        for (index, line) in lines.enumerated() {
            data.append(line)
            if index < lines.count - 1 { data.append(0x0A) }
        }
        try data.write(to: url)
    }

    /// Reads every job, returning the error that stopped it.
    static func readError(_ url: URL, limit: Int = MigrationPlanFile.defaultMaximumLineLength) async
        -> JobBridgeError?
    {
        do {
            let file = try MigrationPlanFile(at: url, maximumLineLength: limit)
            for try await _ in file.jobs {}
            return nil
        } catch {
            return error as? JobBridgeError
        }
    }

    @Test func aPlanFileReadAcrossChunksReadsBackEqual() async throws {
        let folder = try TemporaryFolder("planfile")
        defer { folder.remove() }
        let (plan, url) = try await Self.handFile(folder)
        #expect(try Data(contentsOf: url).count > 3 * 64 * 1024)
        #expect(try MigrationPlanFile(at: url).plan() == plan)
    }

    @Test func aLastLineCutShortIsRefusedNamingTheLine() async throws {
        let folder = try TemporaryFolder("planfile")
        defer { folder.remove() }
        let (plan, url) = try await Self.handFile(folder, jobs: 5)
        var lines = try Self.lines(url)
        lines.removeLast()  // the empty remainder after the last newline
        lines[lines.count - 1] = lines[lines.count - 1].prefix(40)
        try Self.write(lines, to: url)
        let error = try #require(await Self.readError(url))
        #expect(error.code == .invalidDefinition)
        #expect(error.field == "line \(plan.jobs.count + 1)")
        #expect(error.message.contains("cut short"))
    }

    @Test func aCompleteLastJobWithoutItsNewlineIsStillRefused() async throws {
        let folder = try TemporaryFolder("planfile")
        defer { folder.remove() }
        let (plan, url) = try await Self.handFile(folder, jobs: 3)
        let data = try Data(contentsOf: url)
        try data.dropLast().write(to: url)
        let error = try #require(await Self.readError(url))
        #expect(error.field == "line \(plan.jobs.count + 1)")
        #expect(error.message.contains("cut short"))
    }

    @Test func aLineLongerThanTheLimitIsRefusedNamingTheLine() async throws {
        let folder = try TemporaryFolder("planfile")
        defer { folder.remove() }
        let (_, url) = try await Self.handFile(folder, jobs: 5)
        var lines = try Self.lines(url)
        let longest = lines.dropFirst().map(\.count).max() ?? 0
        lines[3] = Data("{\"padding\":\"".utf8) + Data(repeating: 0x61, count: longest * 3) + Data("\"}".utf8)
        try Self.write(lines, to: url)
        let error = try #require(await Self.readError(url, limit: longest * 2))
        #expect(error.code == .invalidDefinition)
        #expect(error.field == "line 4")
        #expect(error.message.contains("longer than \(longest * 2) bytes"))
        #expect(error.message.count < 200)
    }

    @Test func aMalformedLineIsRefusedNamingTheLine() async throws {
        let folder = try TemporaryFolder("planfile")
        defer { folder.remove() }
        let (_, url) = try await Self.handFile(folder, jobs: 5)
        var lines = try Self.lines(url)
        lines[2] = Data("{\"sourceID\": 1, \"broken\": [".utf8)
        try Self.write(lines, to: url)
        // The jobs before the bad line are read (the file is read as it goes), then it stops.
        let file = try MigrationPlanFile(at: url)
        var iterator = file.jobs.makeAsyncIterator()
        #expect(try await iterator.next() != nil)
        let error = try #require(await Self.readError(url))
        #expect(error.code == .invalidDefinition)
        #expect(error.field == "line 3")
        #expect(error.message.contains("not a planned job"))
    }

    @Test func aMissingJobLineOrAWholeJSONPlanIsRefused() async throws {
        let folder = try TemporaryFolder("planfile")
        defer { folder.remove() }
        let (plan, url) = try await Self.handFile(folder, jobs: 4)
        var lines = try Self.lines(url)
        lines.remove(at: 2)
        try Self.write(lines, to: url)
        let missing = try #require(await Self.readError(url))
        #expect(missing.field == "line \(plan.jobs.count + 1)")
        #expect(missing.message.contains("header counts \(plan.jobs.count)"))
        // A whole-JSON plan is not a streamed one: refused at line 1.
        try plan.encoded(pretty: false).write(to: url)
        let whole = try #require(throws: JobBridgeError.self) { try MigrationPlanFile(at: url) }
        #expect(whole.field == "line 1")
    }

    @Test func aJobLineMoreThanTheHeaderCountsIsRefusedNamingIt() async throws {
        let folder = try TemporaryFolder("planfile")
        defer { folder.remove() }
        let (plan, url) = try await Self.handFile(folder, jobs: 3)
        var lines = try Self.lines(url)
        lines.insert(lines[2], at: 3)
        try Self.write(lines, to: url)
        let error = try #require(await Self.readError(url))
        #expect(error.field == "line \(plan.jobs.count + 2)")
        #expect(error.message.contains("one job more than the \(plan.jobs.count)"))
    }

    @Test func aHeaderOfAnotherFormatOrVersionIsRefusedAtLineOne() async throws {
        let folder = try TemporaryFolder("planfile")
        defer { folder.remove() }
        let (_, url) = try await Self.handFile(folder, jobs: 2)
        let lines = try Self.lines(url)
        for (member, value) in [("format", JSONValue.string("something-else")), ("formatVersion", .int(2))] {
            var header = try JSONValue(data: lines[0])
            header[member] = value
            try Self.write([try CanonicalJSON.data(header)] + lines.dropFirst(), to: url)
            let error = try #require(throws: JobBridgeError.self) { try MigrationPlanFile(at: url) }
            #expect(error.field == "line 1", "\(member)")
            #expect(error.message.contains(member == "format" ? "something-else" : "version 2"), "\(error.message)")
        }
    }

    @Test func aPlanFileReplacedAfterItWasOpenedIsRefused() async throws {
        let folder = try TemporaryFolder("planfile")
        defer { folder.remove() }
        let (_, url) = try await Self.handFile(folder, jobs: 3)
        let opened = try MigrationPlanFile(at: url)
        let otherWorld = try await ExecutionWorld.make(jobs: 2)
        defer { otherWorld.folder.remove() }
        try MigrationPlanFile.write(try await otherWorld.plan(), to: url)
        let error = try #require(await Self.readError(opened))
        #expect(error.field == "line 1")
        #expect(error.message.contains("replaced"))
    }

    /// Reads every job of an opened file, returning the error that stopped it.
    static func readError(_ file: MigrationPlanFile) async -> JobBridgeError? {
        do {
            for try await _ in file.jobs {}
            return nil
        } catch {
            return error as? JobBridgeError
        }
    }
}
