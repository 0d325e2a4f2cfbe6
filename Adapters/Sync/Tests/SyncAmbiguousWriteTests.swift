import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// Every write of the provider, with its answer lost after the server acted, garbled or cut:
/// the server carries it out once, and the caller is told it succeeded.
@Suite struct SyncAmbiguousWriteTests {
    enum Write: String, CaseIterable, Sendable {
        case create, execute, cancel, deleteJob, addTask, moveTask, deleteTask

        /// The request that gets the fault, as method and path suffix.
        var request: (HTTPMethod, String) {
            switch self {
            case .create: return (.post, "/workspaces/\(SyncFixture.workspace)/jobs")
            case .execute: return (.post, "/execute")
            case .cancel: return (.post, "/cancel")
            case .deleteJob, .deleteTask: return (.delete, "")
            case .addTask: return (.post, "/tasks")
            case .moveTask: return (.post, "/move")
            }
        }
    }

    static let cases: [(Write, Fault)] = Write.allCases.flatMap { write in
        [Fault.dropAfterServer, .malformedBody, .truncatedBody].map { (write, $0) }
    }

    @Test(arguments: cases)
    func aWriteWhoseAnswerIsLostHappensOnceAndIsReported(_ write: Write, _ fault: Fault) async throws {
        var ledger: ServerLedger?
        let fixture = try await SyncFixture(server: { simulator in
            let noted = ServerLedger(wrapping: simulator)
            ledger = noted
            return FaultsOnRequests(write.request.0, write.request.1, plan: [fault], server: noted)
        })
        let server = try #require(ledger)
        let acted = { server.acted { $0.method == write.request.0 && $0.path.hasSuffix(write.request.1) } }
        let provider = fixture.provider
        let tasks = ["A", "B", "C"].map { TaskDefinition(query: $0) }
        switch write {
        case .create:
            let job = try await provider.createJob(SyncFixture.definition("Once", tasks: tasks))
            #expect(job.name == "Once")
            #expect(try await provider.jobs().collect().map(\.id) == [job.id])
        case .execute:
            let job = try await provider.createJob(SyncFixture.definition(tasks: tasks))
            let run = try await provider.runJob(job.id)
            #expect(await fixture.simulator.runCount(of: job.id.rawValue) == 1)
            #expect(try await provider.waitForCompletion(of: run, clock: fixture.clock).status.phase == .succeeded)
        case .cancel:
            let job = try await provider.createJob(SyncFixture.definition(tasks: tasks))
            let run = try await provider.runJob(job.id)
            try await provider.cancelRun(of: job.id)
            #expect(try await provider.waitForCompletion(of: run, clock: fixture.clock).status.phase == .cancelled)
        case .deleteJob:
            let job = try await provider.createJob(SyncFixture.definition(tasks: tasks))
            try await provider.deleteJob(job.id)
            #expect(try await provider.jobs().collect().isEmpty)
        case .addTask:
            let job = try await provider.createJob(SyncFixture.definition(tasks: tasks))
            let added = try await provider.addTask(TaskDefinition(query: "D"), to: job.id)
            #expect(added.query == "D")
            #expect(added.index == 3)
            #expect(try await provider.tasks(of: job.id).map(\.query) == ["A", "B", "C", "D"])
        case .moveTask:
            let job = try await provider.createJob(SyncFixture.definition(tasks: tasks))
            let moved = try await provider.moveTask(job.tasks[0].id, of: job.id, to: 2)
            #expect(moved.map(\.query) == ["B", "C", "A"])
        case .deleteTask:
            let job = try await provider.createJob(SyncFixture.definition(tasks: tasks))
            try await provider.deleteTask(job.tasks[1].id, of: job.id)
            #expect(try await provider.tasks(of: job.id).map(\.query) == ["A", "C"])
        }
        #expect(acted() == 1, "\(write) carried out \(acted()) times")
    }

    @Test func aCreateIsItsPostAndOneReadWhenNothingFails() async throws {
        let fixture = try await SyncFixture()
        _ = try await fixture.provider.createJob(SyncFixture.definition(tasks: [TaskDefinition(query: "A")]))
        #expect(fixture.faults.records.map(\.method) == [.post, .get])
    }
}
